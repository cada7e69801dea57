import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A link to media the submitter's app keeps (Open311's `media_url`), kept with the case as it was given. */
export class MediaUrl1768600000000 implements MigrationInterface {
  name = 'MediaUrl1768600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "feedback"."cases" ADD "media_url" text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "feedback"."cases" DROP COLUMN "media_url"`);
  }
}
