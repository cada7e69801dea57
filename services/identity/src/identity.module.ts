import { Module } from '@nestjs/common';
import { CivilServantsController } from './api/civil-servants.controller';
import { CredentialsController } from './api/credentials.controller';
import { ClientsController } from './api/oidc/clients.controller';
import { InteractionController } from './api/oidc/interaction.controller';
import { KeysController } from './api/oidc/keys.controller';
import { OidcProviderService } from './api/oidc/oidc-provider.service';
import { PersonsController } from './api/persons.controller';
import { IDENTITY_PROBLEMS } from './api/problems';
import { ReferenceDataController } from './api/reference-data.controller';
import { UinController } from './api/uin.controller';
import { ActivateAccountHandler } from './application/activate-account/activate-account.handler';
import { ChangeOwnPhoneHandler } from './application/change-own-phone/change-own-phone.handler';
import { CardSigner } from './application/card-signer';
import { ChangeCivilServantHandler } from './application/change-civil-servant/change-civil-servant.handler';
import { ChangePersonStatusHandler } from './application/change-person-status/change-person-status.handler';
import { EnrolPersonHandler } from './application/enrol-person/enrol-person.handler';
import { IssueActivationCodeHandler } from './application/issue-activation-code/issue-activation-code.handler';
import { IssueCardHandler } from './application/issue-card/issue-card.handler';
import { KeepReferenceDataHandler } from './application/keep-reference-data/keep-reference-data.handler';
import { ManageClientsHandler } from './application/manage-clients/manage-clients.handler';
import { MoveCivilServantHandler } from './application/move-civil-servant/move-civil-servant.handler';
import {
  AuthorizationRequests,
  CivilServantStore,
  CredentialStore,
  LinkStore,
  WalletStore,
  OidcStore,
  PersonStore,
  ReferenceCodes,
  SignInStore,
  SigningKeyStore,
} from './application/ports';
import { CivilServantQueries } from './application/queries/civil-servants.queries';
import { CredentialQueries } from './application/queries/credentials.queries';
import { PersonQueries } from './application/queries/persons.queries';
import { UinValidityQuery } from './application/queries/uin.query';
import { RegisterCivilServantHandler } from './application/register-civil-servant/register-civil-servant.handler';
import { RevokeCardHandler } from './application/revoke-card/revoke-card.handler';
import { RotateSigningKeysHandler } from './application/rotate-signing-keys/rotate-signing-keys.handler';
import { SecretBox, secretBoxFromEnv } from './application/secret-box';
import { messagingSealingPublicKey, Sealer } from '@onedoor/backbone';
import { OneTimeCodes } from './application/sign-in/one-time-codes';
import { SignInService } from './application/sign-in/sign-in.service';
import { UpdatePersonHandler } from './application/update-person/update-person.handler';
import { GovStackEnrollmentController } from './govstack/enrollment.controller';
import {
  LOGIN_POLICY,
  loginPolicyFromEnv,
  OIDC_SETTINGS,
  oidcSettingsFromEnv,
  UIN_POLICY,
  uinPolicyFromEnv,
} from './identity.config';
import { CivilServantsRepository } from './persistence/civil-servants.repository';
import { CredentialsRepository } from './persistence/credentials.repository';
import { OidcRepository } from './persistence/oidc.repository';
import { PersonsRepository } from './persistence/persons.repository';
import { ReferenceDataRepository } from './persistence/reference-data.repository';
import { SignInRepository } from './persistence/sign-in.repository';
import { SigningKeysRepository } from './persistence/signing-keys.repository';
import { GovStackClientsController } from './govstack/clients.controller';
import { GovStackLinkedAuthorizationController } from './govstack/linked-authorization.controller';
import { GovStackWalletBindingController } from './govstack/wallet-binding.controller';
import { WalletBindingsController } from './api/wallet-bindings.controller';
import { BindWalletHandler } from './application/bind-wallet/bind-wallet.handler';
import { BindingCertificates } from './application/bind-wallet/binding-certificates';
import { LinkedSignInService } from './application/linked-sign-in/linked-sign-in.service';
import { LinkRepository, WalletRepository } from './persistence/wallet.repository';

void IDENTITY_PROBLEMS; // registered with the problem filter when this module loads

/** The block's use cases (application/). */
export const IDENTITY_HANDLERS = [
  EnrolPersonHandler,
  UpdatePersonHandler,
  ChangePersonStatusHandler,
  PersonQueries,
  RegisterCivilServantHandler,
  MoveCivilServantHandler,
  ChangeCivilServantHandler,
  IssueActivationCodeHandler,
  ActivateAccountHandler,
  ChangeOwnPhoneHandler,
  CivilServantQueries,
  CardSigner,
  IssueCardHandler,
  RevokeCardHandler,
  CredentialQueries,
  SignInService,
  OneTimeCodes,
  RotateSigningKeysHandler,
  ManageClientsHandler,
  KeepReferenceDataHandler,
  UinValidityQuery,
  BindingCertificates,
  BindWalletHandler,
  LinkedSignInService,
];

/** Settings, secrets and persistence: what the handlers' ports are made of. */
export const IDENTITY_INFRASTRUCTURE = [
  { provide: UIN_POLICY, useFactory: () => uinPolicyFromEnv() },
  { provide: LOGIN_POLICY, useFactory: () => loginPolicyFromEnv() },
  { provide: OIDC_SETTINGS, useFactory: () => oidcSettingsFromEnv() },
  { provide: SecretBox, useFactory: () => secretBoxFromEnv() },
  { provide: Sealer, useFactory: () => Sealer.forKey(messagingSealingPublicKey()) },
  { provide: PersonStore, useClass: PersonsRepository },
  { provide: CivilServantStore, useClass: CivilServantsRepository },
  { provide: CredentialStore, useClass: CredentialsRepository },
  { provide: ReferenceCodes, useClass: ReferenceDataRepository },
  { provide: SigningKeyStore, useClass: SigningKeysRepository },
  { provide: SignInStore, useClass: SignInRepository },
  { provide: OidcStore, useClass: OidcRepository },
  { provide: WalletStore, useClass: WalletRepository },
  { provide: LinkStore, useClass: LinkRepository },
  // Linked sign-in asks the OpenID provider (the protocol's adapter) for the counter's request and its code.
  { provide: AuthorizationRequests, useExisting: OidcProviderService },
];

/**
 * The identity building block: who every citizen and civil servant is: enrolment, unique ID numbers, OpenID
 * Connect login for every block, and civil servants' verifiable cards. In the shape of every block
 * (docs/adr/0012-block-shape.md); the OpenID provider (api/oidc/) is the protocol's adapter over the sign-in use
 * case and the provider's storage port.
 */
@Module({
  controllers: [
    WalletBindingsController,
    PersonsController,
    GovStackEnrollmentController,
    CivilServantsController,
    CredentialsController,
    ReferenceDataController,
    UinController,
    InteractionController,
    ClientsController,
    KeysController,
    // GovStack's identity API (/identity/govstack/...): ADR 0017.
    GovStackClientsController,
    GovStackLinkedAuthorizationController,
    GovStackWalletBindingController,
  ],
  providers: [...IDENTITY_INFRASTRUCTURE, ...IDENTITY_HANDLERS, OidcProviderService],
})
export class IdentityModule {}
