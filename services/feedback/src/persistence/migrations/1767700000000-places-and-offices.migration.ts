import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The places (provinces, districts, villages) and offices (ministries, departments) the identity block registers,
 * kept from its events: a case's place and the unit it is assigned to are checked against them. A case may name its
 * village. Submissions are counted per source in windows: a flood from one source is refused.
 */
export class PlacesAndOffices1767700000000 implements MigrationInterface {
  name = 'PlacesAndOffices1767700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "feedback"."places" ("code" text NOT NULL, "level" text NOT NULL, "parent_code" text, CONSTRAINT "PK_feedback_places" PRIMARY KEY ("code"))`,
    );
    await runner.query(
      `CREATE TABLE "feedback"."offices" ("code" text NOT NULL, "kind" text NOT NULL, "parent_code" text, CONSTRAINT "PK_feedback_offices" PRIMARY KEY ("code"))`,
    );
    await runner.query(`ALTER TABLE "feedback"."cases" ADD "village" text`);
    await runner.query(
      `CREATE TABLE "feedback"."submission_counts" ("key" text NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "failures" integer NOT NULL, CONSTRAINT "PK_feedback_submission_counts" PRIMARY KEY ("key"))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "feedback"."submission_counts"`);
    await runner.query(`ALTER TABLE "feedback"."cases" DROP COLUMN "village"`);
    await runner.query(`DROP TABLE "feedback"."offices"`);
    await runner.query(`DROP TABLE "feedback"."places"`);
  }
}
