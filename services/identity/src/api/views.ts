import type { CivilServantRecord, CredentialRecord, PersonRecord } from '../domain';
import { postingOf } from '../domain';
import type { PersonView } from './person.dto';

export function personView(person: PersonRecord): PersonView {
  return {
    id: person.id,
    uin: person.uin,
    givenNameLo: person.givenNameLo,
    familyNameLo: person.familyNameLo,
    givenNameEn: person.givenNameEn ?? undefined,
    familyNameEn: person.familyNameEn ?? undefined,
    dateOfBirth: person.dateOfBirth,
    sex: person.sex,
    address: {
      provinceCode: person.provinceCode,
      districtCode: person.districtCode,
      villageCode: person.villageCode ?? undefined,
      line: person.addressLine ?? undefined,
    },
    phone: person.phone ?? undefined,
    email: person.email ?? undefined,
    preferredLanguage: person.preferredLanguage,
    preferredChannel: person.preferredChannel,
    status: person.status,
    statusReason: person.statusReason ?? undefined,
    createdAt: person.createdAt.toISOString(),
    updatedAt: person.updatedAt.toISOString(),
    version: person.version,
  };
}

export function civilServantView(record: CivilServantRecord) {
  return {
    personId: record.personId,
    /** The staff account: the `sub` of its tokens (never the person's id). */
    accountId: record.accountId,
    employeeNumber: record.employeeNumber,
    posting: postingOf(record),
    status: record.status,
    roles: record.roles,
    /** Whether the person has set a password and an authenticator (can log in). */
    accountActive: !!record.passwordHash && !!record.totpSecretSealed,
    updatedAt: record.updatedAt.toISOString(),
  };
}

export const credentialView = (c: CredentialRecord) => ({
  credentialId: c.id,
  personId: c.personId,
  statusListIndex: c.statusIndex,
  issuedAt: c.issuedAt.toISOString(),
  expiresAt: c.expiresAt.toISOString(),
  ...(c.revokedAt ? { revokedAt: c.revokedAt.toISOString(), revocationReason: c.revocationReason ?? undefined } : {}),
});
