import { Module } from '@nestjs/common';
import { GrantsController } from './api/grants.controller';
import { DirectoryHandler } from './application/directory/directory.handler';
import { DirectoryController } from './govstack/directory.controller';
import { HttpApiDocuments } from './gateways/http-api-documents';
import { MEDIATOR_PROBLEMS } from './api/problems';
import { PubSubController } from './govstack/pubsub.controller';
import { PushDispatcher } from './application/deliver-events/push-dispatcher';
import { GrantsHandler } from './application/grants/grants.handler';
import { ApiDocuments, EventLog, Grants, Subscriptions } from './application/ports';
import { RecordEventHandler } from './application/record-event/record-event.handler';
import { SubscriptionsHandler } from './application/subscriptions/subscriptions.handler';
import { BlockEventsConsumer } from './events/block-events.consumer';
import { MEDIATOR_CONFIG, mediatorConfig } from './mediator.config';
import { EventLogRepository } from './persistence/event-log.repository';
import { GrantsRepository } from './persistence/grants.repository';
import { SubscriptionsRepository } from './persistence/subscriptions.repository';

void MEDIATOR_PROBLEMS; // registered with the problem filter when this module loads

/**
 * The information mediator: the blocks' events offered to integrators over HTTP, as GovStack's information-mediator
 * pub/sub API (PUSH and PULL subscriptions, replay, grants per client and event type), and its directory
 * services over the platform's blocks. domain/ holds what is
 * offered and how delivery behaves; application/ the use cases; persistence/ the log, subscriptions and grants;
 * api/ the GovStack face and the operators' grants.
 */
@Module({
  controllers: [PubSubController, DirectoryController, GrantsController],
  providers: [
    { provide: EventLog, useClass: EventLogRepository },
    { provide: Subscriptions, useClass: SubscriptionsRepository },
    { provide: Grants, useClass: GrantsRepository },
    { provide: ApiDocuments, useClass: HttpApiDocuments },
    { provide: MEDIATOR_CONFIG, useFactory: () => mediatorConfig() },
    RecordEventHandler,
    SubscriptionsHandler,
    GrantsHandler,
    DirectoryHandler,
    PushDispatcher,
    BlockEventsConsumer,
  ],
})
export class MediatorModule {}
