import { Module } from '@nestjs/common';
import { CivilServantsModule } from './civil-servants/civil-servants.module';
import { CredentialsModule } from './credentials/credentials.module';
import { OidcModule } from './oidc/oidc.module';
import { PersonsModule } from './persons/persons.module';
import { ReferenceDataModule } from './reference-data/reference-data.module';
import { SecretsModule } from './secrets/secrets.module';
import { UinModule } from './uin/uin.module';

/**
 * The identity building block: who every citizen and civil servant is: enrolment, unique ID numbers, OpenID Connect login for every block, and civil servants' verifiable cards.
 * Its use cases live in folders beside this module; the platform adds health, metrics, API documents,
 * diagnostics and the event backbone (see libs/platform-kit).
 */
@Module({
  imports: [
    SecretsModule,
    ReferenceDataModule,
    UinModule,
    PersonsModule,
    CivilServantsModule,
    OidcModule,
    CredentialsModule,
  ],
})
export class IdentityModule {}
