import { Module } from '@nestjs/common';

/**
 * The workflow building block: bPMN processes that route applications and hotline cases between offices, with human tasks, deadlines and escalation.
 * Its use cases live in folders beside this module; the platform adds health, metrics, API documents,
 * diagnostics and the event backbone (see libs/platform-kit).
 */
@Module({})
export class WorkflowModule {}
