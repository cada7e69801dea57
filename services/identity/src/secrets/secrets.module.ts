import { Global, Module } from '@nestjs/common';
import { SecretBox, secretBoxFromEnv } from './secret-box';

@Global()
@Module({ providers: [{ provide: SecretBox, useFactory: () => secretBoxFromEnv() }], exports: [SecretBox] })
export class SecretsModule {}
