import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { PollingLoops, signWebhook } from '@onedoor/application';
import { LOGGER } from '@onedoor/platform-kit';
import { backoffSeconds, MAX_FAILURES, type LoggedEvent, type SubscriptionRecord } from '../../domain';
import { MEDIATOR_CONFIG, type MediatorConfig } from '../../mediator.config';
import { eventItem } from '../event-item';
import { EventLog, Grants, Subscriptions, type Transaction } from '../ports';

/** Subscriptions one loop takes per round, and events sent to one subscriber per round. */
const SUBSCRIPTIONS_PER_ROUND = 8;
const EVENTS_PER_SUBSCRIPTION = 50;
/** The longest a loop sleeps when nothing is due. */
const IDLE_MS = 250;
/** A subscriber's answer is awaited this long. */
const PUSH_TIMEOUT_MS = 10_000;
/**
 * A subscription's round stops sending after this long and commits how far it got: its row stays locked while it
 * sends, so a slow subscriber never holds a transaction open for minutes.
 */
const ROUND_BUDGET_MS = 15_000;
const PRUNE_EVERY_MS = 3_600_000;

/**
 * PUSH delivery, on every replica: each loop takes due subscriptions with an event after their cursor
 * (`FOR UPDATE SKIP LOCKED`: one replica per subscription at a time, so each subscriber gets its events in order)
 * and POSTs them one by one: the event item as JSON, `X-OneDoor-Event-Id`, and
 * `X-OneDoor-Signature: t=<unix>,v1=<HMAC-SHA256 of "<t>.<body>">` with the subscription's signing secret. A 2xx moves
 * the cursor; anything else (or no answer in 10 s) is retried with exponential backoff, and after MAX_FAILURES in a
 * row the subscription is paused until its client resumes it. Delivery is at least once: a subscriber
 * deduplicates by the event id. A type whose grant was revoked is not delivered: the subscription pauses.
 */
@Injectable()
export class PushDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly loops: PollingLoops;
  private readonly retentionDays: number;
  private prunedAt = 0;

  constructor(
    private readonly subscriptions: Subscriptions,
    private readonly log: EventLog,
    private readonly grants: Grants,
    @Inject(MEDIATOR_CONFIG) config: MediatorConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.retentionDays = config.retentionDays;
    this.loops = new PollingLoops({
      count: config.pushWorkers,
      idleMs: IDLE_MS,
      round: async () => {
        const taken = await this.round();
        await this.pruneNow();
        return { busy: taken > 0 };
      },
      failed: (error) => this.logger.warn({ err: error }, 'push round failed'),
    });
  }

  onApplicationBootstrap() {
    this.loops.start();
  }

  onModuleDestroy() {
    return this.loops.stop();
  }

  /** One round: up to SUBSCRIPTIONS_PER_ROUND due subscriptions, each sent what waits for it; how many were taken. */
  round(): Promise<number> {
    return this.subscriptions.dueForPush(SUBSCRIPTIONS_PER_ROUND, (subscription, tx) => this.deliver(subscription, tx));
  }

  private async deliver(subscription: SubscriptionRecord & { pushSecret: string }, tx: Transaction) {
    const { id, room, eventType, cursor, failures } = subscription;
    if (!(await this.grants.allows(subscription.clientId, room, eventType))) {
      await this.subscriptions.pushed(
        id,
        { failures, error: 'the grant of this event type was revoked', retryInSeconds: 0, pause: true },
        tx,
      );
      return;
    }
    const notBefore = new Date(Date.now() - subscription.ttlSeconds * 1000);
    const events = await this.log.after(room, eventType, cursor, notBefore, EVENTS_PER_SUBSCRIPTION, tx);
    let delivered: string | undefined;
    const started = Date.now();
    for (const event of events) {
      if (Date.now() - started > ROUND_BUDGET_MS) break;
      const refused = await this.send(subscription, event);
      if (refused) {
        const failed = failures + 1;
        await this.subscriptions.pushed(
          id,
          {
            failures: failed,
            error: refused,
            retryInSeconds: backoffSeconds(failed),
            pause: failed >= MAX_FAILURES,
            ...(delivered && { cursor: delivered }),
          },
          tx,
        );
        this.logger.warn({ subscriptionId: id, eventId: event.id, failures: failed, error: refused }, 'push refused');
        return;
      }
      delivered = event.sequence;
    }
    // Nothing within its TTL: the cursor passes the expired events.
    const last = delivered ?? (await this.expiredUpTo(subscription, tx));
    if (last) await this.subscriptions.pushed(id, { cursor: last }, tx);
  }

  /** The last event of the type after the cursor (all older than the TTL, since none was sent). */
  private async expiredUpTo(subscription: SubscriptionRecord, tx: Transaction): Promise<string | undefined> {
    const older = await this.log.after(
      subscription.room,
      subscription.eventType,
      subscription.cursor,
      new Date(0),
      EVENTS_PER_SUBSCRIPTION,
      tx,
    );
    return older.at(-1)?.sequence;
  }

  /** Sends one event; undefined when the subscriber took it, else why not. */
  private async send(subscription: SubscriptionRecord & { pushSecret: string }, event: LoggedEvent) {
    const body = JSON.stringify(eventItem(event));
    try {
      const response = await fetch(subscription.pushUrl!, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-onedoor-event-id': event.id,
          'x-onedoor-signature': signWebhook(subscription.pushSecret, Math.floor(Date.now() / 1000), body),
        },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      return response.ok ? undefined : `HTTP ${response.status}`;
    } catch (error) {
      return (error as Error).message;
    }
  }

  private async pruneNow() {
    if (Date.now() - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = Date.now();
    const removed = await this.log.prune(new Date(Date.now() - this.retentionDays * 86_400_000));
    if (removed) this.logger.info({ removed }, 'events past their retention removed');
  }
}
