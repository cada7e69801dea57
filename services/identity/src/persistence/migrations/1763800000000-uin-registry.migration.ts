import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every UIN ever issued: the unique key makes allocation safe under concurrency, across replicas. */
export class UinRegistry1763800000000 implements MigrationInterface {
  name = 'UinRegistry1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE identity.uin_registry (
      uin          text PRIMARY KEY,
      allocated_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE identity.uin_registry`);
  }
}
