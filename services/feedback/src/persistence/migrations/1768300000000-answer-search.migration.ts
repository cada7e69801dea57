import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public search of published answers finds words anywhere in them, Lao (written without spaces) or English: the
 * published answer's words in one lower-case text (`answer_words`, written when the answer is published: no JSON
 * read per row compared) with a trigram index (pg_trgm, a trusted extension: the block's database user creates
 * it), so a search reads the matching answers, not every one.
 */
export class AnswerSearch1768300000000 implements MigrationInterface {
  name = 'AnswerSearch1768300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await runner.query(`ALTER TABLE "feedback"."cases" ADD "answer_words" text`);
    await runner.query(
      `CREATE INDEX "cases_answer_words" ON "feedback"."cases" USING gin ("answer_words" gin_trgm_ops) WHERE published_at IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "feedback"."cases_answer_words"`);
    await runner.query(`ALTER TABLE "feedback"."cases" DROP COLUMN "answer_words"`);
  }
}
