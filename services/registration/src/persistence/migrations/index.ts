import { Registration1765100000000 } from './1765100000000-registration.migration';
import { StatusReason1766400000000 } from './1766400000000-status-reason.migration';
import { ProcessesAndStalls1766700000000 } from './1766700000000-processes-and-stalls.migration';
import { Organisations1767000000000 } from './1767000000000-organisations.migration';
import { ServiceAlerts1767100000000 } from './1767100000000-service-alerts.migration';
import { Uploads1768700000000 } from './1768700000000-uploads.migration';
import { ServiceTopics1768900000000 } from './1768900000000-service-topics.migration';

/** The registration block's own migrations, in order. The platform's tables (outbox, inbox, idempotency keys) come first. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const REGISTRATION_MIGRATIONS: Function[] = [
  Registration1765100000000,
  StatusReason1766400000000,
  ProcessesAndStalls1766700000000,
  Organisations1767000000000,
  ServiceAlerts1767100000000,
  Uploads1768700000000,
  ServiceTopics1768900000000,
];
