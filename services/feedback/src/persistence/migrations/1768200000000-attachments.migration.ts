import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What is attached to a case (its bytes are in the attachments' storage, by their SHA-256): who added it, what it is. */
export class Attachments1768200000000 implements MigrationInterface {
  name = 'Attachments1768200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "feedback"."attachments" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "media_type" text NOT NULL, "size" integer NOT NULL, "sha256" text NOT NULL, "storage_key" text NOT NULL, "added_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_feedback_attachments" PRIMARY KEY ("id"), CONSTRAINT "FK_feedback_attachments_case" FOREIGN KEY ("case_id") REFERENCES "feedback"."cases"("id"))`,
    );
    await runner.query(`CREATE INDEX "attachments_case" ON "feedback"."attachments" ("case_id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "feedback"."attachments"`);
  }
}
