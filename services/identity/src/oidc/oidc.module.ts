import { Module } from '@nestjs/common';
import { ClientsController } from './clients.controller';
import { InteractionController } from './interaction.controller';
import { KeysController } from './keys.controller';
import { LOGIN_POLICY, LoginService, loginPolicyFromEnv } from './login.service';
import { OIDC_SETTINGS, OidcProviderService, oidcSettingsFromEnv } from './oidc-provider.service';
import { SigningKeys } from './signing-keys.service';

@Module({
  controllers: [InteractionController, ClientsController, KeysController],
  providers: [
    SigningKeys,
    LoginService,
    OidcProviderService,
    { provide: LOGIN_POLICY, useFactory: () => loginPolicyFromEnv() },
    { provide: OIDC_SETTINGS, useFactory: () => oidcSettingsFromEnv() },
  ],
  exports: [OidcProviderService, SigningKeys, OIDC_SETTINGS],
})
export class OidcModule {}
