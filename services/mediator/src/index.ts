import { eventsHandledBy } from '@onedoor/backbone';
import type { BlockDefinition } from '@onedoor/platform-kit';
import { BlockEventsConsumer } from './events/block-events.consumer';
import { MediatorModule } from './mediator.module';
import { MEDIATOR_ENTITIES } from './persistence/mediator.entities';
import { MEDIATOR_MIGRATIONS } from './persistence/migrations';

export const MediatorBlock: BlockDefinition = {
  name: 'mediator',
  title: 'Information mediator',
  description:
    "The blocks' events for integrators without Kafka: GovStack's information-mediator pub/sub API, with PUSH and PULL subscriptions, replay and grants per client and event type.",
  module: MediatorModule,
  entities: MEDIATOR_ENTITIES,
  migrations: MEDIATOR_MIGRATIONS,
  consumes: eventsHandledBy(BlockEventsConsumer),
};
