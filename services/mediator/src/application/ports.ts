import type { EntityManager } from 'typeorm';
import type { Delivery, LoggedEvent, SubscriptionRecord } from '../domain';

/** The event consumer's (or a use case's) transaction. */
export type Transaction = EntityManager;

/** The events the mediator received, numbered in order, kept for the retention period (replay reads them). */
export abstract class EventLog {
  /** Logs an event once (by its id); false when it was logged before. */
  abstract append(event: Omit<LoggedEvent, 'sequence'>, tx: Transaction): Promise<boolean>;
  /** The first event of a type after `cursor`, no older than `notBefore`. */
  abstract next(room: string, eventType: string, cursor: string, notBefore: Date): Promise<LoggedEvent | null>;
  /** Up to `limit` events of a type after `cursor`, no older than `notBefore`, in order. */
  abstract after(
    room: string,
    eventType: string,
    cursor: string,
    notBefore: Date,
    limit: number,
    tx: Transaction,
  ): Promise<LoggedEvent[]>;
  abstract byId(id: string): Promise<LoggedEvent | null>;
  /** The sequence of the last event received before `time` (where a replay from `time` starts); '0' for none. */
  abstract sequenceBefore(time: Date): Promise<string>;
  /** The sequence of the last event received; '0' for none. */
  abstract last(): Promise<string>;
  /** Removes events older than `before`; how many. */
  abstract prune(before: Date): Promise<number>;
}

export interface NewSubscription {
  clientId: string;
  subscriber: Record<string, string>;
  room: string;
  eventType: string;
  delivery: Delivery;
  pushUrl: string | null;
  pushSecret: string | null;
  ttlSeconds: number;
  cursor: string;
}

/** The subscriptions, one per client and event type. */
export abstract class Subscriptions {
  /** Creates it; null when the client already subscribes to the type. */
  abstract create(subscription: NewSubscription): Promise<SubscriptionRecord | null>;
  abstract of(clientId: string, room: string, eventType?: string): Promise<SubscriptionRecord[]>;
  abstract update(
    id: string,
    changes: Partial<Pick<NewSubscription, 'delivery' | 'pushUrl' | 'pushSecret' | 'ttlSeconds' | 'cursor'>> & {
      resume?: boolean;
    },
  ): Promise<SubscriptionRecord>;
  abstract remove(id: string): Promise<void>;
  /**
   * Moves a PULL subscription's cursor onto `eventId` when that is the next event after it (received since
   * `notBefore`), in one statement; false when it is not (or the cursor moved meanwhile).
   */
  abstract acknowledgeNext(id: string, eventId: string, notBefore: Date): Promise<boolean>;
  /** Runs `work` over up to `limit` active PUSH subscriptions that are due, each locked (skipped by other replicas). */
  abstract dueForPush(
    limit: number,
    work: (subscription: SubscriptionRecord & { pushSecret: string }, tx: Transaction) => Promise<void>,
  ): Promise<number>;
  /** Records a PUSH attempt's outcome on the locked subscription. */
  abstract pushed(
    id: string,
    outcome:
      { cursor: string } | { failures: number; error: string; retryInSeconds: number; pause: boolean; cursor?: string },
    tx: Transaction,
  ): Promise<void>;
}

/** Which clients may read which event types: granted by the platform's operators, per room (or every type). */
export abstract class Grants {
  abstract allows(clientId: string, room: string, eventType: string): Promise<boolean>;
  abstract list(clientId?: string): Promise<{ clientId: string; room: string; eventType: string; grantedBy: string }[]>;
  abstract grant(clientId: string, room: string, eventType: string, grantedBy: string): Promise<void>;
  /** Revokes; false when there was no such grant. */
  abstract revoke(clientId: string, room: string, eventType: string): Promise<boolean>;
}

/** An OpenAPI document, as far as the directory reads it. */
export interface ApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<
    string,
    Record<string, { security?: unknown[]; 'x-onedoor-roles'?: string[] } & Record<string, unknown>>
  >;
  [key: string]: unknown;
}

/** Each block's published OpenAPI document (`/<block>/openapi.json`); null when the block does not answer. */
export abstract class ApiDocuments {
  abstract of(block: string): Promise<ApiDocument | null>;
}
