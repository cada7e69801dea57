import { raw } from 'express';
import { eventsHandledBy } from '@onedoor/backbone';
import { MAX_ATTACHMENT_BYTES } from './application/attach-file/attach-file.handler';
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
  /** Attachments arrive as their own bytes (any content type but JSON); the JSON parser never sees them. */
  mount(_app, server) {
    server.use(
      '/feedback/cases/:number/attachments',
      raw({
        type: (request) => !/json/.test(String(request.headers['content-type'] ?? '')),
        limit: MAX_ATTACHMENT_BYTES,
      }),
    );
  },
};
