import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What a service is about (the life events of the catalogue): the catalogue is browsed by them. */
export class ServiceTopics1768900000000 implements MigrationInterface {
  name = 'ServiceTopics1768900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "registration"."services" ADD "topics" text array NOT NULL DEFAULT '{}'`);
    await runner.query(
      `CREATE INDEX "services_topics" ON "registration"."services" USING gin ("topics") WHERE "retired_at" IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "registration"."services_topics"`);
    await runner.query(`ALTER TABLE "registration"."services" DROP COLUMN "topics"`);
  }
}
