import { hasRole, ROLES, scopeCovers, type Caller } from '@onedoor/contracts';
import { IdentityError, IdentityErrorCode } from './identity.error';
import type { PersonRecord } from './identity.model';
import { searchKey } from './lao-text';

/** Registration officers enrol, read, update and deactivate people, within their province when scoped to one. */
const OFFICER_ROLES = [ROLES.identityRegistrar];

/** Refuses anyone but a registration officer whose scope covers the province. */
export function assertOfficerFor(caller: Caller, provinceCode: string): void {
  if (!hasRole(caller, ...OFFICER_ROLES)) {
    throw new IdentityError(IdentityErrorCode.FORBIDDEN, 'Only registration officers enrol and manage people.');
  }
  if (!scopeCovers({ ...caller, ministry: undefined, unit: undefined }, { province: provinceCode })) {
    throw new IdentityError(
      IdentityErrorCode.OUT_OF_SCOPE,
      `Your account acts for province ${caller.province}; this address is in province ${provinceCode}.`,
    );
  }
}

export const isOfficer = (caller: Caller) => hasRole(caller, ...OFFICER_ROLES);

/** An officer sees the people of their province (every province without a province claim). */
export function officerMaySee(caller: Caller, person: Pick<PersonRecord, 'provinceCode'>): boolean {
  return isOfficer(caller) && (!caller.province || caller.province === person.provinceCode);
}

/** The person themself, signed in as a citizen. */
export const isSelf = (caller: Caller, personId: string) => caller.sub === personId && hasRole(caller, ROLES.citizen);

/** The search keys of a person's names, in Lao script and in Latin letters. */
export function nameKeys(p: Pick<PersonRecord, 'givenNameLo' | 'familyNameLo' | 'givenNameEn' | 'familyNameEn'>) {
  const latin = [p.givenNameEn, p.familyNameEn].filter(Boolean).join(' ');
  return {
    nameKeyLo: searchKey(`${p.givenNameLo} ${p.familyNameLo}`),
    nameKeyLatin: latin ? searchKey(latin) : null,
  };
}

/** A phone number as the register keeps it: E.164, such as +8562055512345. */
export const E164 = /^\+[1-9]\d{6,14}$/;

/** Refuses a preferred channel without its address (SMS without a phone, email without an address). */
export function assertReachable(person: Pick<PersonRecord, 'preferredChannel' | 'phone' | 'email'>): void {
  if (person.preferredChannel === 'sms' && !person.phone) {
    throw new IdentityError(IdentityErrorCode.CHANNEL_WITHOUT_ADDRESS, 'SMS is preferred but no phone is given.', [
      { field: 'phone', message: 'needed when preferredChannel is sms' },
    ]);
  }
  if (person.preferredChannel === 'email' && !person.email) {
    throw new IdentityError(
      IdentityErrorCode.CHANNEL_WITHOUT_ADDRESS,
      'Email is preferred but no email address is given.',
      [{ field: 'email', message: 'needed when preferredChannel is email' }],
    );
  }
}

/** Who is acting, as the audit trail records it (a service client as `client:<id>`). */
export function auditActor(caller: Caller, traceId: string | undefined) {
  return {
    actor: caller.clientId && caller.sub === caller.clientId ? `client:${caller.clientId}` : caller.sub,
    actorRoles: [...caller.roles],
    actorScope: [caller.ministry, caller.province, caller.unit].some(Boolean)
      ? JSON.stringify({ ministry: caller.ministry, province: caller.province, unit: caller.unit })
      : null,
    traceId: traceId ?? null,
  };
}

export const personNotFound = () =>
  new IdentityError(IdentityErrorCode.PERSON_NOT_FOUND, 'No person with this id is visible to you.');
