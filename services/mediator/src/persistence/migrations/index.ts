import { EventGateway1768900000000 } from './1768900000000-event-gateway.migration';

/** The information mediator's own migrations, in order. The platform's tables (outbox, inbox, idempotency keys) come first. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MEDIATOR_MIGRATIONS: Function[] = [EventGateway1768900000000];
