import { Module } from '@nestjs/common';
import { ApplicationsController } from './api/applications.controller';
import { CertificatesController } from './api/certificates.controller';
import { DocumentsController } from './api/documents.controller';
import { REGISTRATION_PROBLEMS } from './api/problems';
import { ServicesController } from './api/services.controller';
import { StalledApplicationsMetric } from './api/stalled-applications.metric';
import { StatisticsController } from './api/statistics.controller';
import { TasksController } from './api/tasks.controller';
import { TrackingController } from './api/tracking.controller';
import { AttachDocumentHandler } from './application/attach-document/attach-document.handler';
import { CompleteTaskHandler } from './application/complete-task/complete-task.handler';
import { FollowWorkflowHandler } from './application/follow-workflow/follow-workflow.handler';
import { RecordCaseTimelineHandler } from './application/record-case-timeline/record-case-timeline.handler';
import { IssueCertificateHandler } from './application/issue-certificate/issue-certificate.handler';
import {
  ApplicationReads,
  ApplicationStore,
  Catalogue,
  CertificateSigner,
  DOCUMENT_STORAGE,
  TrackingAttempts,
  WORKFLOW_GATEWAY,
} from './application/ports';
import { PublishServiceHandler } from './application/publish-service/publish-service.handler';
import { ApplicationQueries } from './application/queries/applications.queries';
import { CatalogueQueries } from './application/queries/catalogue.queries';
import { StatisticsQuery } from './application/queries/statistics.query';
import { TaskQueries } from './application/queries/tasks.queries';
import { RecordPaymentHandler } from './application/record-payment/record-payment.handler';
import { RememberOrganisationHandler } from './application/remember-organisation/remember-organisation.handler';
import { RememberPersonHandler } from './application/remember-person/remember-person.handler';
import { RestartApplicationHandler } from './application/restart-application/restart-application.handler';
import { RetireServiceHandler } from './application/retire-service/retire-service.handler';
import { SubmitApplicationHandler } from './application/submit-application/submit-application.handler';
import { UploadDocumentHandler } from './application/upload-document/upload-document.handler';
import { TrackApplicationHandler } from './application/track-application/track-application.handler';
import { UpdateApplicationHandler } from './application/update-application/update-application.handler';
import { WithdrawApplicationHandler } from './application/withdraw-application/withdraw-application.handler';
import { BlockEventsConsumer } from './events/block-events.consumer';
import { JoseCertificateSigner } from './gateways/certificate-signer';
import { HttpWorkflowGateway } from './gateways/workflow.gateway';
import { ApplicationReadsRepository, TrackingAttemptsRepository } from './persistence/application-reads.repository';
import { ApplicationsRepository } from './persistence/applications.repository';
import { CatalogueRepository } from './persistence/catalogue.repository';
import { documentStorageOf } from '@onedoor/persistence';
import { REGISTRATION_CONFIG, registrationConfig, type RegistrationConfig } from './registration.config';
import { GovStackApplicationsController } from './govstack/applications.controller';
import { GovStackTasksController } from './govstack/tasks.controller';

void REGISTRATION_PROBLEMS; // registered with the problem filter when this module loads

/** The block's use cases (application/), in the order of the citizen's journey. */
export const REGISTRATION_HANDLERS = [
  PublishServiceHandler,
  RetireServiceHandler,
  SubmitApplicationHandler,
  UploadDocumentHandler,
  AttachDocumentHandler,
  UpdateApplicationHandler,
  WithdrawApplicationHandler,
  RestartApplicationHandler,
  RecordPaymentHandler,
  CompleteTaskHandler,
  TrackApplicationHandler,
  IssueCertificateHandler,
  FollowWorkflowHandler,
  RecordCaseTimelineHandler,
  RememberPersonHandler,
  RememberOrganisationHandler,
  ApplicationQueries,
  CatalogueQueries,
  TaskQueries,
  StatisticsQuery,
];

/** The block's persistence and gateways: what the handlers' ports are made of. */
export const REGISTRATION_INFRASTRUCTURE = [
  { provide: REGISTRATION_CONFIG, useFactory: () => registrationConfig() },
  { provide: ApplicationStore, useClass: ApplicationsRepository },
  { provide: ApplicationReads, useClass: ApplicationReadsRepository },
  { provide: TrackingAttempts, useClass: TrackingAttemptsRepository },
  { provide: Catalogue, useClass: CatalogueRepository },
  {
    provide: DOCUMENT_STORAGE,
    inject: [REGISTRATION_CONFIG],
    useFactory: (config: RegistrationConfig) => documentStorageOf(config.documents),
  },
  { provide: WORKFLOW_GATEWAY, useClass: HttpWorkflowGateway },
  { provide: CertificateSigner, useClass: JoseCertificateSigner },
];

/**
 * The registration building block: the one-door service centre. domain/ holds the application's status machine
 * and rules; application/ one folder per use case; persistence/ the SQL; api/ OneDoor's HTTP API and events/ the
 * consumers, both thin, over the same handlers (docs/adr/0012-block-shape.md). The platform adds health,
 * metrics, API documents, diagnostics and the event backbone.
 */
@Module({
  controllers: [
    ServicesController,
    ApplicationsController,
    DocumentsController,
    TrackingController,
    CertificatesController,
    TasksController,
    StatisticsController,
    // GovStack's registration API (/registration/govstack/...), over the same use cases: ADR 0017.
    GovStackApplicationsController,
    GovStackTasksController,
  ],
  providers: [...REGISTRATION_INFRASTRUCTURE, ...REGISTRATION_HANDLERS, BlockEventsConsumer, StalledApplicationsMetric],
})
export class RegistrationModule {}
