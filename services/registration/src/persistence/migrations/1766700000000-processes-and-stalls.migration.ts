import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The workflow processes services may name (from workflow.process.published / retired), and applications whose
 * process could not run: when and why, until an administrator restarts them.
 */
export class ProcessesAndStalls1766700000000 implements MigrationInterface {
  name = 'ProcessesAndStalls1766700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "registration"."processes" ("key" text NOT NULL, "version" integer NOT NULL, "ministry" text, "roles" jsonb NOT NULL, "retired_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_registration_processes" PRIMARY KEY ("key"))`,
    );
    await runner.query(`ALTER TABLE "registration"."applications" ADD "stalled_at" TIMESTAMP WITH TIME ZONE`);
    await runner.query(`ALTER TABLE "registration"."applications" ADD "stalled_reason" text`);
    // Services published before processes were announced keep working: their processes are taken as national
    // ones, until the workflow block announces them (a publication or a retirement replaces this row).
    await runner.query(
      `INSERT INTO registration.processes (key, version, ministry, roles, retired_at, updated_at)
       SELECT DISTINCT process_key, 0, NULL::text, '[]'::jsonb, NULL::timestamptz, now() FROM registration.services`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "registration"."applications" DROP COLUMN "stalled_reason"`);
    await runner.query(`ALTER TABLE "registration"."applications" DROP COLUMN "stalled_at"`);
    await runner.query(`DROP TABLE "registration"."processes"`);
  }
}
