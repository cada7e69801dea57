import { newSealingKeyPair, Sealer, Unsealer } from '@onedoor/backbone';
import { OneTimeCodeRequested, type Caller, type OneTimeCodeSecret } from '@onedoor/contracts';
import { testBed, useCaseDatabase } from '@onedoor/testing';
import { CardSigner } from '../src/application/card-signer';
import { EnrolPerson } from '../src/application/enrol-person/enrol-person.command';
import { EnrolPersonHandler } from '../src/application/enrol-person/enrol-person.handler';
import { SecretBox } from '../src/application/secret-box';
import { OneTimeCodes } from '../src/application/sign-in/one-time-codes';
import { loginPolicyFromEnv, uinPolicyFromEnv } from '../src/identity.config';
import { CivilServantsRepository } from '../src/persistence/civil-servants.repository';
import { CredentialsRepository } from '../src/persistence/credentials.repository';
import { IDENTITY_ENTITIES } from '../src/persistence/entities';
import { IDENTITY_MIGRATIONS } from '../src/persistence/migrations';
import { PersonsRepository } from '../src/persistence/persons.repository';
import { ReferenceDataRepository } from '../src/persistence/reference-data.repository';
import { SignInRepository } from '../src/persistence/sign-in.repository';
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
  const codes = new ReferenceDataRepository(uc.dataSource, uc.backbone);
  const keys = new SigningKeysRepository(uc.dataSource, secrets);
  // The messaging block's sealing key pair: identity seals with the public half, the test opens as messaging would.
  const sealing = newSealingKeyPair();
  const unsealer = await Unsealer.forKey(sealing.privateKey);
  const signIn = new SignInRepository(uc.dataSource, uc.backbone);
  const policy = loginPolicyFromEnv({ IDENTITY_LOGIN_MAX_FAILURES: '3' });
  const oneTimeCodes = new OneTimeCodes(secrets, await Sealer.forKey(sealing.publicKey), policy);
  return {
    ...uc,
    secrets,
    people,
    codes,
    keys,
    civilServants: new CivilServantsRepository(uc.dataSource, uc.backbone),
    credentials: new CredentialsRepository(uc.dataSource, uc.backbone),
    signer: new CardSigner(keys),
    signIn,
    policy,
    oneTimeCodes,
    /** The one-time code the messaging block would deliver for this challenge, opened from the outbox's sealed event. */
    async deliveredCode(challengeId: string): Promise<OneTimeCodeSecret & { purpose: string }> {
      const [row] = await uc.sql<{ payload: { sealed: string; purpose: string } }>(
        `SELECT payload FROM identity.outbox WHERE event_type = $1 AND payload->>'challengeId' = $2`,
        [OneTimeCodeRequested.type, challengeId],
      );
      return { ...(await unsealer.open<OneTimeCodeSecret>(row.payload.sealed)), purpose: row.payload.purpose };
    },
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
