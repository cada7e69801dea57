import { Module } from '@nestjs/common';
import { OidcModule } from '../oidc/oidc.module';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';

@Module({ imports: [OidcModule], controllers: [CredentialsController], providers: [CredentialsService] })
export class CredentialsModule {}
