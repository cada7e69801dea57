import { Module } from '@nestjs/common';
import { UinController } from './uin.controller';
import { uinPolicyFromEnv, type UinPolicy } from './uin-policy';
import { UinRegistry } from './uin-registry';
import { UIN_POLICY } from './uin.tokens';

@Module({
  controllers: [UinController],
  providers: [
    { provide: UIN_POLICY, useFactory: () => uinPolicyFromEnv() },
    { provide: UinRegistry, useFactory: (policy: UinPolicy) => new UinRegistry(policy), inject: [UIN_POLICY] },
  ],
  exports: [UinRegistry, UIN_POLICY],
})
export class UinModule {}
