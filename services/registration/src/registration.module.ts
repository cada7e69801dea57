import { Module } from '@nestjs/common';

/**
 * The registration building block: the one-door service centre: service catalogue, eForms, applications, documents and tracking.
 * Its use cases live in folders beside this module; the platform adds health, metrics, API documents,
 * diagnostics and the event backbone (see libs/platform-kit).
 */
@Module({})
export class RegistrationModule {}
