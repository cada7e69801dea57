import { raw } from 'express';
import { eventsHandledBy } from '@onedoor/backbone';
import { takesMultipart } from '@onedoor/http';
import type { BlockDefinition } from '@onedoor/platform-kit';
import { MAX_DOCUMENT_BYTES } from './application/attach-document/attach-document.handler';
import { BlockEventsConsumer } from './events/block-events.consumer';
import { REGISTRATION_MIGRATIONS } from './persistence/migrations';
import { REGISTRATION_ENTITIES } from './persistence/registration.entities';
import { RegistrationModule } from './registration.module';

export const RegistrationBlock: BlockDefinition = {
  name: 'registration',
  title: 'Registration',
  description:
    'The one-door service centre: service catalogue, eForms, applications, documents, fees, tracking and statistics.',
  module: RegistrationModule,
  entities: REGISTRATION_ENTITIES,
  migrations: REGISTRATION_MIGRATIONS,
  consumes: eventsHandledBy(BlockEventsConsumer),
  /**
   * Documents arrive as their own bytes (any content type but JSON); the JSON parser never sees them. GovStack's
   * upload is a form (multipart/form-data), read by its route.
   */
  mount(_app, server) {
    server.use('/registration/govstack/documents', takesMultipart);
    server.use(
      '/registration/applications/:id/documents',
      raw({
        type: (request) => !/json/.test(String(request.headers['content-type'] ?? '')),
        limit: MAX_DOCUMENT_BYTES,
      }),
    );
  },
};
