import type { DataSource } from 'typeorm';
import { IDEMPOTENCY_KEY_TTL_HOURS } from '@onedoor/http';
import { Counter, Gauge, type Logger, type Registry } from '@onedoor/observability';
import { afterCommit, backoffWithJitter } from '@onedoor/application';
import { QUEUE_SCANS } from '@onedoor/persistence';
import type { EventTransport, TransportMessage } from '../transport/event-transport';

export interface OutboxRelayOptions {
  /** Rows published per round (default 500). */
  batchSize?: number;
  /** Wait between rounds when the outbox is empty (default 50 ms). */
  idlePollMs?: number;
  /** Longest wait between attempts while the broker is down (default 10 s). */
  maxBackoffMs?: number;
  /** Published rows are deleted after this long (default 7 days). */
  retentionHours?: number;
  /**
   * Inbox rows (the consumers' memory of handled events) are kept this long (default 30 days): a redelivery
   * older than that would take effect again, so keep it longer than any replay window.
   */
  inboxRetentionHours?: number;
}

export interface OutboxStatus {
  pending: number;
  oldestAgeSeconds: number;
}

interface OutboxRow {
  seq: string;
  topic: string;
  partition_key: string;
  headers: Record<string, string>;
  payload: unknown;
}

/**
 * Publishes the outbox in commit order. Only one replica of a block publishes at a time (a PostgreSQL advisory
 * lock held for the round), so rows are neither reordered nor published twice by two replicas. A row is marked
 * published only after the broker acknowledged it (acks=all); a crash between the two republishes it, and
 * consumers' inboxes absorb the duplicate. While the broker is down rows wait, and the relay backs off.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private lastCleanup = 0;
  private readonly published: Counter;
  private readonly failures: Counter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly transport: EventTransport,
    private readonly logger: Logger,
    registry: Registry,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.published = new Counter({
      name: 'onedoor_outbox_published_total',
      help: 'Events published from the outbox to the broker',
      registers: [registry],
    });
    this.failures = new Counter({
      name: 'onedoor_outbox_publish_failures_total',
      help: 'Outbox rounds that failed to publish (broker unreachable, rejected)',
      registers: [registry],
    });
    new Gauge({
      name: 'onedoor_outbox_pending',
      help: 'Events committed to the outbox and not yet published',
      registers: [registry],
      collect: async function (this: Gauge) {
        this.set((await relayStatus()).pending);
      },
    });
    new Gauge({
      name: 'onedoor_outbox_lag_seconds',
      help: 'Age of the oldest unpublished outbox event',
      registers: [registry],
      collect: async function (this: Gauge) {
        this.set((await relayStatus()).oldestAgeSeconds);
      },
    });
    const relayStatus = () => this.status().catch(() => ({ pending: 0, oldestAgeSeconds: 0 }));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Lets the relay look now instead of at its next poll (after the commit, inside a request's unit of work). */
  wake(): void {
    afterCommit(() => this.wakeUp?.());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  async status(): Promise<OutboxStatus> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS pending,
              COALESCE(EXTRACT(EPOCH FROM (clock_timestamp() - min(created_at))), 0)::float8 AS age
         FROM "${this.schema}".outbox WHERE published_at IS NULL`,
    );
    return { pending: Number(row.pending), oldestAgeSeconds: Number(row.age) };
  }

  /** One round: publishes up to batchSize rows; returns how many, or -1 when another replica holds the lock. */
  async publishOnce(): Promise<number> {
    const batchSize = this.options.batchSize ?? 500;
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(
        `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked, ${QUEUE_SCANS}`,
        [`onedoor.outbox.${this.schema}`],
      );
      if (!locked) return -1;
      const rows: OutboxRow[] = await manager.query(
        `SELECT seq, topic, partition_key, headers, payload FROM "${this.schema}".outbox
          WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
        [batchSize],
      );
      if (rows.length === 0) return 0;
      // One request per topic, its rows in outbox order: a key's events stay in order on its partition. Order
      // across topics is not kept (no consumer could rely on it: each topic is fetched on its own), so a block
      // whose events alternate between two topics sends two requests a round, not one per row.
      const byTopic = new Map<string, TransportMessage[]>();
      for (const row of rows) {
        let messages = byTopic.get(row.topic);
        if (!messages) byTopic.set(row.topic, (messages = []));
        messages.push({
          key: row.partition_key,
          value: Buffer.from(JSON.stringify(row.payload)),
          headers: row.headers,
        });
      }
      for (const [topic, messages] of byTopic) await this.transport.send(topic, messages);
      await manager.query(
        `UPDATE "${this.schema}".outbox SET published_at = clock_timestamp(), attempts = attempts + 1
          WHERE seq = ANY($1::bigint[])`,
        [rows.map((row) => row.seq)],
      );
      this.published.inc(rows.length);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    const idle = this.options.idlePollMs ?? 50;
    const maxBackoff = this.options.maxBackoffMs ?? 10_000;
    let failures = 0;
    while (this.running) {
      let wait = idle;
      try {
        const count = await this.publishOnce();
        if (failures > 0) this.logger.info({ component: 'outbox-relay' }, 'publishing again after broker outage');
        failures = 0;
        if (count === (this.options.batchSize ?? 500)) wait = 0;
        if (count === -1) wait = 1_000;
        await this.cleanup();
      } catch (error) {
        this.failures.inc();
        wait = backoffWithJitter(failures++, 200, maxBackoff);
        this.logger.warn(
          { component: 'outbox-relay', err: (error as Error).message, retryInMs: wait },
          'outbox publish failed; events stay in the outbox',
        );
      }
      if (wait > 0 && this.running) await this.sleep(wait);
    }
  }

  /** Every 10 minutes: published outbox rows, old inbox rows and expired idempotency keys go. */
  private async cleanup(): Promise<void> {
    if (Date.now() - this.lastCleanup < 10 * 60_000) return;
    this.lastCleanup = Date.now();
    await this.purgeExpired();
  }

  async purgeExpired(): Promise<{ outbox: number; inbox: number; idempotencyKeys: number }> {
    const purge = async (sql: string, hours: number) => {
      const [, count] = await this.dataSource.query(sql, [hours]);
      return Number(count ?? 0);
    };
    return {
      outbox: await purge(
        `DELETE FROM "${this.schema}".outbox WHERE published_at < clock_timestamp() - make_interval(hours => $1)`,
        this.options.retentionHours ?? 24 * 7,
      ),
      inbox: await purge(
        `DELETE FROM "${this.schema}".inbox WHERE processed_at < clock_timestamp() - make_interval(hours => $1)`,
        this.options.inboxRetentionHours ?? 24 * 30,
      ),
      idempotencyKeys: await purge(
        `DELETE FROM "${this.schema}".idempotency_keys WHERE created_at < clock_timestamp() - make_interval(hours => $1)`,
        IDEMPOTENCY_KEY_TTL_HOURS,
      ),
    };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
