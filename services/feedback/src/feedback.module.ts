import { Module } from '@nestjs/common';
import { CasesController } from './api/cases.controller';
import { RatingsController } from './api/ratings.controller';
import { FEEDBACK_PROBLEMS } from './api/problems';
import { CaseStore, PinAttempts, RatingStore, ReferenceData, SubmissionCounts } from './application/ports';
import { PublishAnswerHandler } from './application/publish-answer/publish-answer.handler';
import { CaseQueries } from './application/queries/cases.queries';
import { RateServiceHandler } from './application/rate-service/rate-service.handler';
import { RememberDecisionHandler } from './application/remember-decision/remember-decision.handler';
import { RememberReferenceDataHandler } from './application/remember-reference-data/remember-reference-data.handler';
import { SubmitCaseHandler } from './application/submit-case/submit-case.handler';
import { TakeStepHandler } from './application/take-step/take-step.handler';
import { BlockEventsConsumer } from './events/block-events.consumer';
import { CasesRepository } from './persistence/cases.repository';
import { PinAttemptsRepository } from './persistence/pin-attempts.repository';
import { RatingsRepository } from './persistence/ratings.repository';
import { ReferenceDataRepository, SubmissionCountsRepository } from './persistence/reference-data.repository';
import { FEEDBACK_CONFIG, feedbackConfig } from './feedback.config';

void FEEDBACK_PROBLEMS; // registered with the problem filter when this module loads

/** The block's use cases (application/), in the order of a case's life. */
export const FEEDBACK_HANDLERS = [
  SubmitCaseHandler,
  TakeStepHandler,
  PublishAnswerHandler,
  CaseQueries,
  RememberDecisionHandler,
  RememberReferenceDataHandler,
  RateServiceHandler,
];

/**
 * The feedback building block: the government hotline (1516) and service feedback. domain/ holds a case's rules
 * (docs/adr/0016-feedback-cases.md); application/ one folder per use case; persistence/ the SQL; api/ OneDoor's HTTP
 * API, thin, over the same handlers (docs/adr/0012-block-shape.md). The platform adds health, metrics, API
 * documents, diagnostics and the event backbone.
 */
@Module({
  controllers: [CasesController, RatingsController],
  providers: [
    { provide: CaseStore, useClass: CasesRepository },
    { provide: RatingStore, useClass: RatingsRepository },
    { provide: PinAttempts, useClass: PinAttemptsRepository },
    { provide: ReferenceData, useClass: ReferenceDataRepository },
    { provide: SubmissionCounts, useClass: SubmissionCountsRepository },
    { provide: FEEDBACK_CONFIG, useFactory: () => feedbackConfig() },
    ...FEEDBACK_HANDLERS,
    BlockEventsConsumer,
  ],
})
export class FeedbackModule {}
