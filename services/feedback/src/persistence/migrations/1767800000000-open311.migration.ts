import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open311 GeoReport v2 over the same cases: a case may carry where it was reported (WGS84 latitude and longitude, an
 * address as written) and how an anonymous submitter asked to be told (phone, e-mail: never shown to a unit). The
 * civic apps allowed to submit are named by their API keys, kept as SHA-256 digests.
 */
export class Open3111767800000000 implements MigrationInterface {
  name = 'Open3111767800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE "feedback"."cases" ADD "lat" double precision, ADD "long" double precision, ADD "address" text, ADD "contact" jsonb`,
    );
    await runner.query(
      `CREATE TABLE "feedback"."open311_keys" ("id" uuid NOT NULL, "name" text NOT NULL, "key_digest" text NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_feedback_open311_keys" PRIMARY KEY ("id"), CONSTRAINT "UQ_feedback_open311_keys_digest" UNIQUE ("key_digest"))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "feedback"."open311_keys"`);
    await runner.query(
      `ALTER TABLE "feedback"."cases" DROP COLUMN "contact", DROP COLUMN "address", DROP COLUMN "long", DROP COLUMN "lat"`,
    );
  }
}
