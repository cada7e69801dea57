// Who calls and what they may see is part of the published contract (role names, scope claims): it lives in
// @onedoor/contracts, where block domains read it without loading the HTTP guard; re-exported here for adapters.
export { hasRole, ROLES, scopeCovers, type Caller, type Scope } from '@onedoor/contracts';
