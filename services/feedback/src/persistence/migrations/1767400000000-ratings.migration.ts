import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Applications that reached a final state (from registration's events), and the one rating each may get. */
export class Ratings1767400000000 implements MigrationInterface {
  name = 'Ratings1767400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "feedback"."decided_applications" ("application_id" uuid NOT NULL, "applicant_id" text NOT NULL, "service_code" text NOT NULL, "ministry" text NOT NULL, "unit" text, "status" text NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_feedback_decided_applications" PRIMARY KEY ("application_id"))`,
    );
    await runner.query(
      `CREATE TABLE "feedback"."ratings" ("application_id" uuid NOT NULL, "score" integer NOT NULL, "comment" text, "rated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_feedback_ratings" PRIMARY KEY ("application_id"), CONSTRAINT "CHK_feedback_ratings_score" CHECK ("score" BETWEEN 1 AND 5))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "feedback"."ratings"`);
    await runner.query(`DROP TABLE "feedback"."decided_applications"`);
  }
}
