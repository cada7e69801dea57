import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Endpoints processes may call (service tasks with onedoor:call). */
export class Endpoints1765300000000 implements MigrationInterface {
  name = 'Endpoints1765300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "workflow"."endpoints" ("name" text NOT NULL, "url" text NOT NULL, "auth" text NOT NULL, "updated_by" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_endpoints_name" PRIMARY KEY ("name"))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE workflow.endpoints`);
  }
}
