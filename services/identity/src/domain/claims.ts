import { ROLES } from '@onedoor/contracts';
import type { CivilServantRecord, PersonRecord } from './identity.model';

/** Authentication context classes: what a login proved. Civil servants need two factors. */
export const ACR = {
  oneTimeCode: 'urn:onedoor:acr:otp',
  multiFactor: 'urn:onedoor:acr:mfa',
  /** A key the person's wallet app holds, bound to them with a one-time code (wallet binding). */
  wallet: 'urn:onedoor:acr:wallet',
} as const;

/** The audience of OneDoor API access tokens: every block accepts tokens issued for it. */
export const API_RESOURCE = 'urn:onedoor:api';

/** Scopes and the claims each releases (OpenID Connect standard claims, with Lao-language variants). */
export const SCOPE_CLAIMS = {
  openid: ['sub'],
  profile: [
    'name',
    'given_name',
    'family_name',
    'name#lo',
    'given_name#lo',
    'family_name#lo',
    'birthdate',
    'gender',
    'locale',
    'updated_at',
  ],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
  address: ['address'],
  /** OneDoor's own: the UIN, and for civil servants where they work. */
  onedoor: ['uin', 'employee_number', 'ministry', 'province', 'unit'],
} as const;

const GENDER = { F: 'female', M: 'male', X: 'other' } as const;

/** The claims of an account: the person, and for a staff account where they work (a citizen account has none). */
export function accountClaims(accountId: string, person: PersonRecord, civilServant: CivilServantRecord | null) {
  const en = [person.givenNameEn, person.familyNameEn].filter(Boolean).join(' ');
  return {
    sub: accountId,
    name: en || `${person.givenNameLo} ${person.familyNameLo}`,
    given_name: person.givenNameEn ?? person.givenNameLo,
    family_name: person.familyNameEn ?? person.familyNameLo,
    'name#lo': `${person.givenNameLo} ${person.familyNameLo}`,
    'given_name#lo': person.givenNameLo,
    'family_name#lo': person.familyNameLo,
    birthdate: person.dateOfBirth,
    gender: GENDER[person.sex],
    locale: person.preferredLanguage,
    updated_at: Math.floor(person.updatedAt.getTime() / 1000),
    email: person.email ?? undefined,
    email_verified: person.email ? false : undefined,
    phone_number: person.phone ?? undefined,
    phone_number_verified: person.phone ? false : undefined,
    address: {
      region: person.provinceCode,
      locality: person.districtCode,
      ...(person.addressLine ? { street_address: person.addressLine } : {}),
      country: 'LA',
    },
    uin: person.uin,
    employee_number: civilServant?.employeeNumber,
    ministry: civilServant?.ministryCode,
    province: civilServant?.provinceCode,
    unit: civilServant ? (civilServant.departmentCode ?? civilServant.ministryCode) : undefined,
  };
}

/**
 * What an API access token says about its bearer. A citizen login (one-time code) acts as a citizen. A staff
 * account's two-factor login acts with its platform roles, for its ministry, province and unit, read at issue time
 * (a move shows in the next token); its subject is the staff account, never the person (ADR 0013), and it never
 * carries the citizen role. A service client acts with the roles it was registered with.
 */
export function apiTokenClaims(
  token: { kind: string; accountId?: string; clientId?: string },
  acr: string | undefined,
  /** A service client's roles, and the ministry (and province) it was registered for. */
  client: { roles: string[]; ministry?: string; province?: string },
  /** The active civil-servant record whose staff account the token is for, read at issue time (null for anyone else). */
  civilServant: CivilServantRecord | null,
): Record<string, unknown> {
  if (token.kind === 'ClientCredentials' || !token.accountId) {
    return { ...client, integrator: token.clientId };
  }
  if (civilServant) {
    if (acr !== ACR.multiFactor) return { roles: [], acr };
    return {
      roles: civilServant.roles,
      ministry: civilServant.ministryCode,
      ...(civilServant.level === 'central' ? {} : { province: civilServant.provinceCode }),
      unit: civilServant.departmentCode ?? civilServant.ministryCode,
      acr,
    };
  }
  // Only a one-time code sent to the person, or their wallet's key bound with one, proves the citizen: a staff
  // account that is no longer active acts as no one.
  return { roles: acr === ACR.oneTimeCode || acr === ACR.wallet ? [ROLES.citizen] : [], acr };
}
