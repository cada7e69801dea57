import { eventsHandledBy } from '@onedoor/backbone';
import type { BlockDefinition } from '@onedoor/platform-kit';
import { EventNotificationsConsumer } from './events/event-notifications.consumer';
import { MessagingModule } from './messaging.module';
import { MESSAGING_MIGRATIONS } from './persistence/migrations';
import { MESSAGING_ENTITIES } from './persistence/messaging.entities';

export const MessagingBlock: BlockDefinition = {
  name: 'messaging',
  title: 'Messaging',
  description: 'Notifications to citizens and officers by SMS, email, webhook and in-app, in Lao and English.',
  module: MessagingModule,
  entities: MESSAGING_ENTITIES,
  migrations: MESSAGING_MIGRATIONS,
  consumes: eventsHandledBy(EventNotificationsConsumer),
};
export { smtpPoolOptions } from './gateways/channels/providers';
