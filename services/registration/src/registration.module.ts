import { Module } from '@nestjs/common';
import { ApplicationsController } from './applications/applications.controller';
import { ApplicationsService } from './applications/applications.service';
import { CatalogueService } from './catalogue/catalogue.service';
import { ServicesController } from './catalogue/services.controller';
import { DocumentsController } from './documents/documents.controller';
import { DOCUMENT_STORAGE, documentStorageFromEnv } from './documents/document-storage';
import { BlockEvents } from './events/block-events';
import { StatisticsController } from './statistics/statistics.controller';
import { TasksController } from './tasks/tasks.controller';
import { TrackingController } from './tracking/tracking.controller';

/**
 * The registration building block: the one-door service centre. A service catalogue with eForms (catalogue/),
 * applications with documents and fees (applications/, documents/), tracking without a login (tracking/),
 * officers' tasks from the workflow block (tasks/), statistics (statistics/), and what it learns from other
 * blocks' events (events/). The platform adds health, metrics, API documents, diagnostics and the event backbone.
 */
@Module({
  controllers: [
    ServicesController,
    ApplicationsController,
    DocumentsController,
    TrackingController,
    TasksController,
    StatisticsController,
  ],
  providers: [
    CatalogueService,
    ApplicationsService,
    BlockEvents,
    { provide: DOCUMENT_STORAGE, useFactory: () => documentStorageFromEnv() },
  ],
})
export class RegistrationModule {}
