import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Callbacks for email requests (GovStack's POST /callback/email): what arrived, for the request's sender to read. */
export class EmailCallbacks1768700000000 implements MigrationInterface {
  name = 'EmailCallbacks1768700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "messaging"."email_callbacks" ("id" uuid NOT NULL, "batch_id" uuid NOT NULL, "meta" text, "content" bytea NOT NULL, "received_by" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_eee72eb04a443b359857942213e" PRIMARY KEY ("id"))`,
    );
    await runner.query(
      `CREATE INDEX "email_callbacks_batch" ON "messaging"."email_callbacks" ("batch_id", "received_at")`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "messaging"."email_callbacks"`);
  }
}
