import type { EntityManager } from 'typeorm';
import type { EventContract, EventEnvelope, PayloadOf } from '@onedoor/contracts';

export interface ReceivedEvent<T = unknown> {
  envelope: EventEnvelope<T>;
  data: T;
  topic: string;
  partition: number;
  offset: string;
  /** 1 on first delivery to the handler, then 2, 3… on retries. */
  attempt: number;
}

/**
 * Runs inside the consumer's database transaction: whatever it writes through `manager` commits together with
 * the inbox row that marks the event handled, so an event takes effect exactly once.
 */
export type EventHandlerFn<T = unknown> = (event: ReceivedEvent<T>, manager: EntityManager) => Promise<void>;

/**
 * Handles several events of one type at once, in their order, in one transaction with their inbox rows:
 * for handlers that can write one statement for many events (projections, receipts, bulk notifications).
 */
export type EventBatchHandlerFn<T = unknown> = (events: ReceivedEvent<T>[], manager: EntityManager) => Promise<void>;

export type EventHandlerRegistration<C extends EventContract = EventContract> =
  | { contract: C; name: string; handle: EventHandlerFn<PayloadOf<C>>; handleBatch?: undefined }
  | { contract: C; name: string; handleBatch: EventBatchHandlerFn<PayloadOf<C>>; handle?: undefined };

/** Thrown by a handler for an event that will never succeed: it goes to dead letters without retries. */
export class PermanentEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentEventError';
  }
}
