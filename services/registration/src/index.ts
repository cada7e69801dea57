import type { BlockDefinition } from '@onedoor/platform-kit';
import { RegistrationModule } from './registration.module';
import { REGISTRATION_MIGRATIONS } from './migrations';

export const RegistrationBlock: BlockDefinition = {
  name: 'registration',
  title: 'Registration',
  description: 'The one-door service centre: service catalogue, eForms, applications, documents and tracking.',
  module: RegistrationModule,
  entities: [],
  migrations: REGISTRATION_MIGRATIONS,
};
