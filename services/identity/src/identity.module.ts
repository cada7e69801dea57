import { Module } from '@nestjs/common';
import { UinModule } from './uin/uin.module';

/**
 * The identity building block: who every citizen and civil servant is: enrolment, unique ID numbers, OpenID Connect login for every block, and civil servants' verifiable cards.
 * Its use cases live in folders beside this module; the platform adds health, metrics, API documents,
 * diagnostics and the event backbone (see libs/platform-kit).
 */
@Module({ imports: [UinModule] })
export class IdentityModule {}
