import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox, the idempotent-consumer inbox and the HTTP idempotency keys, in each block's schema.
 * Every block lists this migration first (see createPlatformTablesMigration).
 */
export function createPlatformTablesMigration(schema: string): new () => MigrationInterface {
  const name = `PlatformTables1763700000000`;
  class PlatformTables implements MigrationInterface {
    name = name;
    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`CREATE TABLE "${schema}".outbox (
        seq            bigserial PRIMARY KEY,
        event_id       uuid NOT NULL UNIQUE,
        topic          text NOT NULL,
        partition_key  text NOT NULL,
        event_type     text NOT NULL,
        headers        jsonb NOT NULL,
        payload        jsonb NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        published_at   timestamptz,
        attempts       integer NOT NULL DEFAULT 0,
        last_error     text
      )`);
      await runner.query(`CREATE INDEX outbox_unpublished_idx ON "${schema}".outbox (seq) WHERE published_at IS NULL`);
      await runner.query(`CREATE TABLE "${schema}".inbox (
        consumer_group text NOT NULL,
        event_id       text NOT NULL,
        event_type     text NOT NULL,
        topic          text NOT NULL,
        kafka_partition integer NOT NULL,
        kafka_offset   text NOT NULL,
        processed_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (consumer_group, event_id)
      )`);
      await runner.query(`CREATE TABLE "${schema}".idempotency_keys (
        scope          text NOT NULL,
        key            text NOT NULL,
        request_hash   text NOT NULL,
        status_code    integer,
        response       jsonb,
        created_at     timestamptz NOT NULL DEFAULT now(),
        completed_at   timestamptz,
        PRIMARY KEY (scope, key)
      )`);
      await runner.query(`CREATE TABLE "${schema}".probe_receipts (
        probe_id       uuid PRIMARY KEY,
        event_id       uuid NOT NULL,
        origin         text NOT NULL,
        trace_id       text,
        sent_at        timestamptz NOT NULL,
        received_at    timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    }
    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`DROP TABLE "${schema}".probe_receipts`);
      await runner.query(`DROP TABLE "${schema}".idempotency_keys`);
      await runner.query(`DROP TABLE "${schema}".inbox`);
      await runner.query(`DROP TABLE "${schema}".outbox`);
    }
  }
  Object.defineProperty(PlatformTables, 'name', { value: name });
  return PlatformTables;
}
