import { Module } from '@nestjs/common';

/**
 * The messaging building block: notifications to citizens and officers by SMS, email, webhook and in-app, in Lao and English.
 * Its use cases live in folders beside this module; the platform adds health, metrics, API documents,
 * diagnostics and the event backbone (see libs/platform-kit).
 */
@Module({})
export class MessagingModule {}
