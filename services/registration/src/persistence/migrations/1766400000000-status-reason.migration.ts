import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The reason an officer gave with the application's current status (a send-back's correction), shown to the citizen. */
export class StatusReason1766400000000 implements MigrationInterface {
  name = 'StatusReason1766400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "registration"."applications" ADD "status_reason" text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "registration"."applications" DROP COLUMN "status_reason"`);
  }
}
