import { Assignment, CivilServant } from './civil-servant.entities';
import { Credential } from './credential.entity';
import { LoginThrottle, OidcRecord, OtpChallenge, SigningKey } from './oidc.entities';
import { Person, PersonAccess } from './person.entities';
import { AdminArea, Organisation } from './reference-data.entities';
import { LinkTransaction, WalletBinding } from './wallet.entities';

/** Every table the identity block maps; the migration drift test checks them against the migrations. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const IDENTITY_ENTITIES: Function[] = [
  AdminArea,
  Organisation,
  Person,
  PersonAccess,
  CivilServant,
  Assignment,
  OidcRecord,
  SigningKey,
  LoginThrottle,
  OtpChallenge,
  Credential,
  WalletBinding,
  LinkTransaction,
];
