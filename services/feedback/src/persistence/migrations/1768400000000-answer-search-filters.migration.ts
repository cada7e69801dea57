import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A search that names a topic, a province or a ministry besides its words found the words through the trigram index,
 * then read every answer with them to keep those of the topic and province: a common word in a small province read
 * tens of thousands of rows to count a thousand. One GIN index over the words and the three filters (btree_gin, a
 * trusted extension like pg_trgm) finds the answers that match them all before reading any.
 */
export class AnswerSearchFilters1768400000000 implements MigrationInterface {
  name = 'AnswerSearchFilters1768400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await runner.query(`DROP INDEX "feedback"."cases_answer_words"`);
    await runner.query(
      `CREATE INDEX "cases_answers" ON "feedback"."cases" USING gin ("answer_words" gin_trgm_ops, "topic", "province", "ministry") WHERE published_at IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "feedback"."cases_answers"`);
    await runner.query(
      `CREATE INDEX "cases_answer_words" ON "feedback"."cases" USING gin ("answer_words" gin_trgm_ops) WHERE published_at IS NOT NULL`,
    );
  }
}
