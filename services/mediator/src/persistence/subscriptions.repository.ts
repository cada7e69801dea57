import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import type { SubscriptionRecord } from '../domain';
import { Subscriptions, type NewSubscription, type Transaction } from '../application/ports';
import { Subscription } from './mediator.entities';

const view = ({ pushSecret: _secret, ...record }: Subscription): SubscriptionRecord =>
  record as unknown as SubscriptionRecord;

/** Subscriptions in `mediator.subscriptions`; the PUSH queue is the active ones with an event after their cursor. */
@Injectable()
export class SubscriptionsRepository extends Subscriptions {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  private get table() {
    return this.dataSource.getRepository(Subscription);
  }

  async create(subscription: NewSubscription): Promise<SubscriptionRecord | null> {
    const id = randomUUID();
    const inserted = await this.table
      .createQueryBuilder()
      .insert()
      .values({ id, ...subscription })
      .orIgnore()
      .returning('id')
      .execute();
    if (!inserted.raw.length) return null;
    return view(await this.table.findOneByOrFail({ id }));
  }

  async of(clientId: string, room: string, eventType?: string): Promise<SubscriptionRecord[]> {
    const rows = await this.table.find({
      where: { clientId, room, ...(eventType && { eventType }) },
      order: { eventType: 'ASC' },
      take: 1_000,
    });
    return rows.map(view);
  }

  async update(id: string, changes: Parameters<Subscriptions['update']>[1]): Promise<SubscriptionRecord> {
    const { resume, ...rest } = changes;
    await this.table.update(
      { id },
      {
        ...rest,
        ...(resume && { status: 'active', failures: 0, lastError: null, nextAttemptAt: () => 'now()' }),
        updatedAt: () => 'now()',
      },
    );
    return view(await this.table.findOneByOrFail({ id }));
  }

  async remove(id: string): Promise<void> {
    await this.table.delete({ id });
  }

  async acknowledgeNext(id: string, eventId: string, notBefore: Date): Promise<boolean> {
    if (!isUUID(eventId)) return false;
    const [, count] = await this.dataSource.query(
      `UPDATE mediator.subscriptions s SET cursor = e.sequence, updated_at = now()
         FROM mediator.events e
        WHERE s.id = $1 AND e.id = $2 AND e.room = s.room AND e.event_type = s.event_type
          AND e.sequence = (SELECT min(x.sequence) FROM mediator.events x
                             WHERE x.room = s.room AND x.event_type = s.event_type AND x.sequence > s.cursor
                               AND x.received_at >= $3)`,
      [id, eventId, notBefore],
    );
    return Number(count) === 1;
  }

  async dueForPush(
    limit: number,
    work: (subscription: SubscriptionRecord & { pushSecret: string }, tx: Transaction) => Promise<void>,
  ): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const due: Subscription[] = await tx.query(
        `SELECT s.id, s.client_id AS "clientId", s.subscriber, s.room, s.event_type AS "eventType", s.delivery,
                s.push_url AS "pushUrl", s.push_secret AS "pushSecret", s.ttl_seconds AS "ttlSeconds",
                s.cursor::text AS cursor, s.status, s.failures, s.last_error AS "lastError",
                s.next_attempt_at AS "nextAttemptAt", s.created_at AS "createdAt", s.updated_at AS "updatedAt"
           FROM mediator.subscriptions s
          WHERE s.delivery = 'PUSH' AND s.status = 'active' AND s.next_attempt_at <= now()
            AND EXISTS (SELECT 1 FROM mediator.events e
                         WHERE e.room = s.room AND e.event_type = s.event_type AND e.sequence > s.cursor)
          ORDER BY s.next_attempt_at LIMIT $1 FOR UPDATE OF s SKIP LOCKED`,
        [limit],
      );
      for (const subscription of due) {
        await work(subscription as SubscriptionRecord & { pushSecret: string }, tx);
      }
      return due.length;
    });
  }

  async pushed(id: string, outcome: Parameters<Subscriptions['pushed']>[1], tx: Transaction): Promise<void> {
    if (!('failures' in outcome)) {
      await tx.query(
        `UPDATE mediator.subscriptions SET cursor = $2, failures = 0, last_error = NULL, updated_at = now()
          WHERE id = $1`,
        [id, outcome.cursor],
      );
      return;
    }
    await tx.query(
      `UPDATE mediator.subscriptions
          SET failures = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4),
              status = CASE WHEN $5 THEN 'paused' ELSE status END, cursor = coalesce($6::bigint, cursor),
              updated_at = now()
        WHERE id = $1`,
      [
        id,
        outcome.failures,
        outcome.error.slice(0, 500),
        outcome.retryInSeconds,
        outcome.pause,
        outcome.cursor ?? null,
      ],
    );
  }
}
