import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The language an anonymous submitter is told in (a signed-in person's own preference wins): Lao unless chosen. */
export class Notices1768000000000 implements MigrationInterface {
  name = 'Notices1768000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "feedback"."cases" ADD "language" text NOT NULL DEFAULT 'lo'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "feedback"."cases" DROP COLUMN "language"`);
  }
}
