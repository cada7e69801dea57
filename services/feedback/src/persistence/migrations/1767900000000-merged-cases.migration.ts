import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A case merged into a master case names it: one master case, many submitters, each told of its outcome. */
export class MergedCases1767900000000 implements MigrationInterface {
  name = 'MergedCases1767900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "feedback"."cases" ADD "merged_into" text`);
    await runner.query(`CREATE INDEX "cases_merged_into" ON "feedback"."cases" ("merged_into")`);
    await runner.query(`CREATE INDEX "cases_topic_place" ON "feedback"."cases" ("topic", "district", "created_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "feedback"."cases_topic_place"`);
    await runner.query(`DROP INDEX "feedback"."cases_merged_into"`);
    await runner.query(`ALTER TABLE "feedback"."cases" DROP COLUMN "merged_into"`);
  }
}
