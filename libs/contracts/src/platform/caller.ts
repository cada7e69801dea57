/** Who is calling, from a verified access token. */
export interface Caller {
  /** Subject: a person's or service client's id. */
  sub: string;
  roles: string[];
  /** Where a civil servant acts: their ministry, province and unit (administrative codes). */
  ministry?: string;
  province?: string;
  unit?: string;
  /** For service and integrator clients (client credentials). */
  clientId?: string;
}

export const ROLES = {
  /** Runs the platform: diagnostics, dead-letter replay, OIDC clients, signing keys, reference data. */
  platformOperator: 'platform.operator',
  /** A person logged in as themself (citizen login): sees and acts on their own records only. */
  citizen: 'citizen',
  /** Enrols, reads, updates, deactivates people (civil registration officers), within their province if scoped. */
  identityRegistrar: 'identity.registrar',
  /** Manages civil servants' records, postings and cards, within their ministry if scoped. */
  identityHumanResources: 'identity.hr',
  /** Reads audit trails. */
  identityAuditor: 'identity.auditor',
  /** Sends notifications through the messaging block (blocks' and integrators' service clients). */
  messagingSender: 'messaging.sender',
  /** Publishes process definitions and keeps the routing table, holiday calendar and event mappings. */
  workflowAdmin: 'workflow.admin',
  /** Starts and stops process instances and sends them messages (blocks' and integrators' service clients). */
  workflowStarter: 'workflow.starter',
  /** Supervises a unit's tasks: reassigns them and receives escalations. */
  workflowSupervisor: 'workflow.supervisor',
  /** Publishes and versions a ministry's services (catalogue, eForms, documents, fees), within their ministry. */
  registrationAdmin: 'registration.admin',
  /** A one-door counter clerk: applies on behalf of citizens, uploads documents, takes fees. */
  registrationClerk: 'registration.clerk',
  /** An officer who reads the applications routed to their ministry, province or unit, and works their tasks. */
  registrationOfficer: 'registration.officer',
  /** A ministry's central oversight: follows (reads, never acts on) its ministry's applications, of its province if scoped. */
  registrationOverseer: 'registration.overseer',
  /** A payment system's client: confirms that fees were paid. */
  registrationPayments: 'registration.payments',
  /** The Prime Minister's Office's hotline team: triages, routes, reviews and publishes hotline cases. */
  feedbackOffice: 'feedback.office',
  /** A unit's officer who handles the hotline cases assigned to their unit (its token's `unit`). */
  feedbackHandler: 'feedback.handler',
  /** A 1516 hotline operator: records callers' cases (with their consent) and finds a caller's earlier cases. */
  feedbackOperator: 'feedback.operator',
  /** A wallet app's backend (a service client): binds its users' keys to them (GovStack's wallet binding). */
  identityWallet: 'identity.wallet',
} as const;

/** How a role is named: `<area>.<name>`, such as registration.officer or a process's registration.reviewer. */
export const ROLE_NAME = /^[a-z]+\.[a-z-]+$/;

/**
 * Roles a person's staff account never holds, and why: the citizen role (only a citizen login carries it), and the
 * platform's operator role, which acts across every ministry with no scope to hold it in.
 */
export const ROLES_NEVER_FOR_STAFF: Readonly<Record<string, string>> = {
  [ROLES.citizen]: 'only a citizen login carries it',
  [ROLES.platformOperator]: 'it acts across every ministry: the platform team gives it to service clients',
  [ROLES.identityWallet]: "a wallet app's service client holds it",
};

/** Why a civil servant cannot be given this role, or undefined when HR can grant it (within the posting's scope). */
export function whyNotForStaff(role: string): string | undefined {
  return Object.hasOwn(ROLES_NEVER_FOR_STAFF, role)
    ? ROLES_NEVER_FOR_STAFF[role]
    : ROLE_NAME.test(role)
      ? undefined
      : 'not a role name (area.name)';
}

/** Where a record belongs: the codes a caller's scope is checked against. */
export interface Scope {
  ministry?: string;
  province?: string;
  unit?: string;
}

/**
 * Whether the caller may see a record of this scope: every scope claim the caller's token carries must match
 * the record. A claim the token does not carry means national reach in that dimension (a Ministry of Home
 * Affairs officer without a province sees every province). Service clients are scoped by their roles only.
 */
export function scopeCovers(caller: Caller, record: Scope): boolean {
  if (caller.ministry && caller.ministry !== record.ministry) return false;
  if (caller.province && caller.province !== record.province) return false;
  if (caller.unit && caller.unit !== record.unit) return false;
  return true;
}

export function hasRole(caller: Caller | undefined, ...roles: string[]): boolean {
  return !!caller && roles.some((role) => caller.roles.includes(role));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The person a caller is, when they act as themself: a citizen login, whose subject is the person's id. Undefined
 * for anyone else (a staff account, a service client, a subject that is not a person's id), so "my records" of
 * such a caller are none, never a lookup with a subject that is not an id.
 */
export function selfPersonId(caller: Caller): string | undefined {
  return hasRole(caller, ROLES.citizen) && UUID.test(caller.sub) ? caller.sub.toLowerCase() : undefined;
}
