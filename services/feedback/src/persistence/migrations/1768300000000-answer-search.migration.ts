import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The words of a published answer, as the public search compares them (cases.repository.ts ANSWER_WORDS). */
export const ANSWER_WORDS = `lower(coalesce(published_summary->>'questionLo', '') || ' ' || coalesce(published_summary->>'answerLo', '') || ' ' || coalesce(published_summary->>'questionEn', '') || ' ' || coalesce(published_summary->>'answerEn', ''))`;

/**
 * The public search of published answers finds words anywhere in them, Lao (written without spaces) or English:
 * a trigram index over their text (pg_trgm, a trusted extension: the block's database user creates it), so a
 * search reads the matching answers, not every one.
 */
export class AnswerSearch1768300000000 implements MigrationInterface {
  name = 'AnswerSearch1768300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await runner.query(
      `CREATE INDEX "cases_answer_words" ON "feedback"."cases" USING gin ((${ANSWER_WORDS}) gin_trgm_ops) WHERE published_at IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "feedback"."cases_answer_words"`);
  }
}
