import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox and the idempotent-consumer inbox, created in the schema of each block.
 * Every block lists this migration first (see createBackboneTablesMigration).
 */
export function createBackboneTablesMigration(schema: string): new () => MigrationInterface {
  const name = `BackboneTables1763700000000`;
  class BackboneTables implements MigrationInterface {
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
    }
    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`DROP TABLE "${schema}".inbox`);
      await runner.query(`DROP TABLE "${schema}".outbox`);
    }
  }
  Object.defineProperty(BackboneTables, 'name', { value: name });
  return BackboneTables;
}
