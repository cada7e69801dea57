import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where a ministry's administrators are told when an application to one of its services stalls. */
export class ServiceAlerts1767100000000 implements MigrationInterface {
  name = 'ServiceAlerts1767100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "registration"."services" ADD "alert_email" text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "registration"."services" DROP COLUMN "alert_email"`);
  }
}
