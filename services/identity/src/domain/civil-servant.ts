import { createHash, randomInt } from 'node:crypto';
import { hasRole, ROLES, scopeCovers, whyNotForStaff, type Caller, type Posting } from '@onedoor/contracts';
import { IdentityError, IdentityErrorCode } from './identity.error';
import { isSelf } from './person';
import type { CivilServantRecord } from './identity.model';

/** Refuses anyone but an HR officer whose scope covers the ministry. */
export function assertHrFor(caller: Caller, ministryCode: string): void {
  if (!hasRole(caller, ROLES.identityHumanResources)) {
    throw new IdentityError(IdentityErrorCode.FORBIDDEN, 'Only HR officers manage civil servants.');
  }
  if (!scopeCovers({ sub: caller.sub, roles: caller.roles, ministry: caller.ministry }, { ministry: ministryCode })) {
    throw new IdentityError(
      IdentityErrorCode.OUT_OF_SCOPE,
      `Your account manages civil servants of ${caller.ministry}, not of ${ministryCode}.`,
    );
  }
}

/**
 * The civil servant themself: signed in to their staff account (its own subject), or as the citizen they are (a
 * one-time code to their own phone). Staff tokens never carry the person's id, so this is the only bridge.
 */
export function isOwnRecord(caller: Caller, record: Pick<CivilServantRecord, 'accountId' | 'personId'>): boolean {
  return caller.sub === record.accountId || isSelf(caller, record.personId);
}

/** HR officers see the civil servants of their ministry (every ministry without a ministry claim). */
export function hrMaySee(caller: Caller, record: Pick<CivilServantRecord, 'ministryCode'>): boolean {
  return hasRole(caller, ROLES.identityHumanResources) && (!caller.ministry || caller.ministry === record.ministryCode);
}

/** The posting a record or assignment describes, as events carry it. */
export function postingOf(record: {
  level: Posting['level'];
  ministryCode: string;
  departmentCode: string | null;
  provinceCode: string;
  position: string;
  grade: string;
}): Posting {
  return {
    ministryCode: record.ministryCode,
    ...(record.departmentCode ? { departmentCode: record.departmentCode } : {}),
    provinceCode: record.provinceCode,
    level: record.level,
    position: record.position,
    grade: record.grade,
  };
}

export const civilServantNotFound = () =>
  new IdentityError(IdentityErrorCode.CIVIL_SERVANT_NOT_FOUND, 'No civil servant with this id is visible to you.');

const ACTIVATION_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** How long an activation code works. */
export const ACTIVATION_DAYS = 7;

/** A code HR hands over in person: three groups of four letters and digits that cannot be confused. */
export function newActivationCode(): string {
  return Array.from({ length: 3 }, () =>
    Array.from({ length: 4 }, () => ACTIVATION_ALPHABET[randomInt(ACTIVATION_ALPHABET.length)]).join(''),
  ).join('-');
}

export const activationCodeHash = (code: string) => createHash('sha256').update(code).digest();

/** A posting's columns, as a civil-servant record and an assignment keep them. */
export function postingColumns(posting: Omit<Posting, 'departmentCode'> & { departmentCode?: string }) {
  return {
    ministryCode: posting.ministryCode,
    departmentCode: posting.departmentCode ?? null,
    provinceCode: posting.provinceCode,
    level: posting.level,
    position: posting.position,
    grade: posting.grade,
  };
}

/**
 * Refuses roles HR may not grant. Every other role can be held by a person, within the scope of their posting
 * (ministry, province, unit): platform roles such as registration.admin, registration.clerk, identity.registrar,
 * and the roles processes give their tasks (registration.reviewer in the example process).
 */
export function assertGrantable(roles: string[]): void {
  const errors = roles.flatMap((role, index) => {
    const reason = whyNotForStaff(role);
    return reason ? [{ field: `roles.${index}`, message: `${role}: ${reason}` }] : [];
  });
  if (errors.length) {
    throw new IdentityError(IdentityErrorCode.ROLE_NOT_GRANTABLE, 'A staff account cannot hold these roles.', errors);
  }
}
