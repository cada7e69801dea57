import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The case a message is about (its causing event's correlation id), so its later status events carry it too. */
export class MessageCorrelation1768900000000 implements MigrationInterface {
  name = 'MessageCorrelation1768900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "messaging"."messages" ADD "correlation_id" text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "messaging"."messages" DROP COLUMN "correlation_id"`);
  }
}
