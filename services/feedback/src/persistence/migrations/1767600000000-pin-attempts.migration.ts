import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Failed PIN attempts, per client address and per case number, in windows: guessing a PIN is throttled. */
export class PinAttempts1767600000000 implements MigrationInterface {
  name = 'PinAttempts1767600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "feedback"."pin_attempts" ("key" text NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "failures" integer NOT NULL, CONSTRAINT "PK_feedback_pin_attempts" PRIMARY KEY ("key"))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "feedback"."pin_attempts"`);
  }
}
