import { Module } from '@nestjs/common';
import { messagingSealingPublicKey, Sealer } from '@onedoor/backbone';
import { documentStorageOf } from '@onedoor/persistence';
import { AttachmentsController } from './api/attachments.controller';
import { CallsController } from './api/calls.controller';
import { CasesController } from './api/cases.controller';
import { Open311Controller } from './api/open311/open311.controller';
import { Open311KeysController } from './api/open311-keys.controller';
import { FEEDBACK_PROBLEMS } from './api/problems';
import { RatingsController } from './api/ratings.controller';
import { ReportsController } from './api/reports.controller';
import { SmsController } from './api/sms.controller';
import { AttachFileHandler } from './application/attach-file/attach-file.handler';
import { EscalateCaseHandler } from './application/escalate-case/escalate-case.handler';
import { MergeCasesHandler } from './application/merge-cases/merge-cases.handler';
import { Open311KeysHandler } from './application/open311-keys/open311-keys.handler';
import {
  ATTACHMENT_STORAGE,
  Attachments,
  CaseStore,
  Open311Keys,
  PinAttempts,
  RatingStore,
  ReferenceData,
  Reports,
  SubmissionCounts,
} from './application/ports';
import { PublishAnswerHandler } from './application/publish-answer/publish-answer.handler';
import { CaseQueries } from './application/queries/cases.queries';
import { RateServiceHandler } from './application/rate-service/rate-service.handler';
import { RecordCaseTimelineHandler } from './application/record-case-timeline/record-case-timeline.handler';
import { ReceiveSmsHandler } from './application/receive-sms/receive-sms.handler';
import { RecordCallHandler } from './application/record-call/record-call.handler';
import { RememberDecisionHandler } from './application/remember-decision/remember-decision.handler';
import { RememberReferenceDataHandler } from './application/remember-reference-data/remember-reference-data.handler';
import { ReportsQueries } from './application/reports/reports.queries';
import { SubmitCaseHandler } from './application/submit-case/submit-case.handler';
import { TakeStepHandler } from './application/take-step/take-step.handler';
import { BlockEventsConsumer } from './events/block-events.consumer';
import { FEEDBACK_CONFIG, feedbackConfig, type FeedbackConfig } from './feedback.config';
import { AttachmentsRepository } from './persistence/attachments.repository';
import { CasesRepository } from './persistence/cases.repository';
import { Open311KeysRepository } from './persistence/open311-keys.repository';
import { PinAttemptsRepository } from './persistence/pin-attempts.repository';
import { RatingsRepository } from './persistence/ratings.repository';
import { ReferenceDataRepository, SubmissionCountsRepository } from './persistence/reference-data.repository';
import { ReportsRepository } from './persistence/reports.repository';

void FEEDBACK_PROBLEMS; // registered with the problem filter when this module loads

/** The block's use cases (application/), in the order of a case's life. */
export const FEEDBACK_HANDLERS = [
  SubmitCaseHandler,
  ReceiveSmsHandler,
  RecordCallHandler,
  TakeStepHandler,
  MergeCasesHandler,
  PublishAnswerHandler,
  AttachFileHandler,
  CaseQueries,
  ReportsQueries,
  EscalateCaseHandler,
  RecordCaseTimelineHandler,
  RememberDecisionHandler,
  RememberReferenceDataHandler,
  RateServiceHandler,
  Open311KeysHandler,
];

/**
 * The feedback building block: the government hotline (1516) and service feedback. domain/ holds a case's rules
 * (docs/adr/0016-feedback-cases.md); application/ one folder per use case; persistence/ the SQL; api/ the thin
 * adapters over the same handlers: OneDoor's HTTP API, Open311 GeoReport v2, the SMS gateway's webhook, the
 * operators' console (docs/adr/0012-block-shape.md). The platform adds health, metrics, API documents,
 * diagnostics and the event backbone.
 */
@Module({
  // Attachments before cases: `POST cases/{number}/attachments` is not a step (`cases/{number}/{step}`).
  controllers: [
    AttachmentsController,
    CasesController,
    CallsController,
    SmsController,
    Open311Controller,
    Open311KeysController,
    RatingsController,
    ReportsController,
  ],
  providers: [
    { provide: CaseStore, useClass: CasesRepository },
    { provide: RatingStore, useClass: RatingsRepository },
    { provide: PinAttempts, useClass: PinAttemptsRepository },
    { provide: ReferenceData, useClass: ReferenceDataRepository },
    { provide: SubmissionCounts, useClass: SubmissionCountsRepository },
    { provide: Open311Keys, useClass: Open311KeysRepository },
    { provide: Reports, useClass: ReportsRepository },
    { provide: Attachments, useClass: AttachmentsRepository },
    { provide: FEEDBACK_CONFIG, useFactory: () => feedbackConfig() },
    {
      provide: ATTACHMENT_STORAGE,
      inject: [FEEDBACK_CONFIG],
      useFactory: (config: FeedbackConfig) => documentStorageOf(config.attachments),
    },
    // Who a notice goes to is sealed for the messaging block (ADR 0013).
    {
      provide: Sealer,
      useFactory: () => Sealer.forKey(messagingSealingPublicKey(process.env, 'FEEDBACK_SEALING_PUBLIC_KEY')),
    },
    ...FEEDBACK_HANDLERS,
    BlockEventsConsumer,
  ],
})
export class FeedbackModule {}
