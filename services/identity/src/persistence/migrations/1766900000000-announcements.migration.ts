import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What the block has announced once to the other blocks (the organisations it held before it announced them). */
export class Announcements1766900000000 implements MigrationInterface {
  name = 'Announcements1766900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "identity"."announcements" ("name" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_identity_announcements" PRIMARY KEY ("name"))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "identity"."announcements"`);
  }
}
