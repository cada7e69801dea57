import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Processes and routing rules belong to a ministry when a ministry's administrator made them (null: national), so
 * a ministry administers its own and no other's. Instances are found by their case's ministry for scoped starters.
 */
export class MinistryOwners1766600000000 implements MigrationInterface {
  name = 'MinistryOwners1766600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "workflow"."definitions" ADD "ministry" text`);
    await runner.query(`ALTER TABLE "workflow"."routing_rules" ADD "ministry" text`);
    await runner.query(
      `CREATE INDEX "instances_ministry" ON "workflow"."instances" ((variables->>'ministry'), started_at DESC)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "workflow"."instances_ministry"`);
    await runner.query(`ALTER TABLE "workflow"."routing_rules" DROP COLUMN "ministry"`);
    await runner.query(`ALTER TABLE "workflow"."definitions" DROP COLUMN "ministry"`);
  }
}
