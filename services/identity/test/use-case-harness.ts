import type { Caller } from '@onedoor/contracts';
import { testBed, useCaseDatabase } from '@onedoor/testing';
import { CardSigner } from '../src/application/card-signer';
import { EnrolPerson } from '../src/application/enrol-person/enrol-person.command';
import { EnrolPersonHandler } from '../src/application/enrol-person/enrol-person.handler';
import { SecretBox } from '../src/application/secret-box';
import { uinPolicyFromEnv } from '../src/identity.config';
import { CivilServantsRepository } from '../src/persistence/civil-servants.repository';
import { CredentialsRepository } from '../src/persistence/credentials.repository';
import { IDENTITY_ENTITIES } from '../src/persistence/entities';
import { IDENTITY_MIGRATIONS } from '../src/persistence/migrations';
import { PersonsRepository } from '../src/persistence/persons.repository';
import { ReferenceDataRepository } from '../src/persistence/reference-data.repository';
import { SigningKeysRepository } from '../src/persistence/signing-keys.repository';

export { refusal } from '@onedoor/testing';

export const registrar = (province?: string): Caller => ({
  sub: `registrar-${province ?? 'national'}`,
  roles: ['identity.registrar'],
  province,
});
export const hr = (ministry?: string): Caller => ({ sub: `hr-${ministry ?? 'all'}`, roles: ['identity.hr'], ministry });

/** The identity block's repositories on a scratch database of their own, with the reference data it seeds. */
export async function identityUseCases() {
  const uc = await useCaseDatabase('identity', { entities: IDENTITY_ENTITIES, migrations: IDENTITY_MIGRATIONS });
  const secrets = SecretBox.fromKey(Buffer.alloc(32, 7));
  const people = new PersonsRepository(uc.dataSource, uc.backbone, uinPolicyFromEnv({}));
  const codes = new ReferenceDataRepository(uc.dataSource);
  const keys = new SigningKeysRepository(uc.dataSource, secrets);
  return {
    ...uc,
    secrets,
    people,
    codes,
    keys,
    civilServants: new CivilServantsRepository(uc.dataSource, uc.backbone),
    credentials: new CredentialsRepository(uc.dataSource, uc.backbone),
    signer: new CardSigner(keys),
    /** Enrols a person in Vientiane Capital (province 01) with a phone. */
    enrol(details: Partial<EnrolPerson> = {}) {
      return new EnrolPersonHandler(people, codes).execute(
        EnrolPerson.create({
          caller: registrar(),
          givenNameLo: 'ສົມພອນ',
          familyNameLo: 'ພົມມະວົງ',
          // A different birth date each time: the same name and birth date is a likely duplicate.
          dateOfBirth: new Date(Date.UTC(1950, 0, 1) + Math.floor(Math.random() * 20_000) * 86_400_000)
            .toISOString()
            .slice(0, 10),
          sex: 'F',
          address: { provinceCode: '01', districtCode: '0101' },
          phone: `+85620${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
          ...details,
        }),
      );
    },
  };
}

export type IdentityUseCases = Awaited<ReturnType<typeof identityUseCases>>;

/** A test file's identity use cases (see testBed). */
export const identityTestBed = <T extends object>(make: (uc: IdentityUseCases) => Promise<T> | T) =>
  testBed(identityUseCases, make);
