import { eventsHandledBy } from '@onedoor/backbone';
import type { BlockDefinition } from '@onedoor/platform-kit';
import { BlockEventsConsumer } from './events/block-events.consumer';
import { FeedbackModule } from './feedback.module';
import { FEEDBACK_ENTITIES } from './persistence/feedback.entities';
import { FEEDBACK_MIGRATIONS } from './persistence/migrations';

export const FeedbackBlock: BlockDefinition = {
  name: 'feedback',
  title: 'Feedback',
  description:
    'The government hotline (1516) and service feedback: comments, suggestions and complaints, routed, answered and published.',
  module: FeedbackModule,
  entities: FEEDBACK_ENTITIES,
  migrations: FEEDBACK_MIGRATIONS,
  consumes: eventsHandledBy(BlockEventsConsumer),
};
