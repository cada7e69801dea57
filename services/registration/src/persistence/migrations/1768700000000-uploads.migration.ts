import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents uploaded before an application exists (GovStack's POST /documents): the uploader's until an
 * application they submit links them, then its documents (attached_to).
 */
export class Uploads1768700000000 implements MigrationInterface {
  name = 'Uploads1768700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "registration"."uploads" ("id" uuid NOT NULL, "media_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" text NOT NULL, "storage_key" text NOT NULL, "type" text, "uploaded_by" text NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "attached_to" uuid, CONSTRAINT "PK_d1781d1eedd7459314f60f39bd3" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "uploads_uploader" ON "registration"."uploads" ("uploaded_by", "uploaded_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "registration"."uploads"`);
  }
}
