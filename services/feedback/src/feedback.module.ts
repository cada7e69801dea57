import { Module } from '@nestjs/common';

/**
 * The feedback building block: the government hotline (1516) and service feedback: comments, suggestions and complaints, routed, answered and published.
 * Its use cases live in folders beside this module; the platform adds health, metrics, API documents,
 * diagnostics and the event backbone (see libs/platform-kit).
 */
@Module({})
export class FeedbackModule {}
