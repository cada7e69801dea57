import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A signed-in person lists the cases they submitted, newest first. */
export class CasesBySubmitter1768700000000 implements MigrationInterface {
  name = 'CasesBySubmitter1768700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE INDEX "cases_submitter" ON "feedback"."cases" ("submitter_id", "created_at") WHERE "submitter_id" IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "feedback"."cases_submitter"`);
  }
}
