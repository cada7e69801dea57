import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ministries and departments services may name (identity.organisation.saved). Those the published services
 * already name are taken as registered until the identity block announces them (it announces all it holds once).
 */
export class Organisations1767000000000 implements MigrationInterface {
  name = 'Organisations1767000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "registration"."organisations" ("code" text NOT NULL, "kind" text NOT NULL, "parent_code" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_registration_organisations" PRIMARY KEY ("code"))`,
    );
    await runner.query(
      `INSERT INTO registration.organisations (code, kind, parent_code, updated_at)
       SELECT DISTINCT ministry, 'ministry', NULL::text, now() FROM registration.services
       UNION
       SELECT DISTINCT unit, 'department', ministry, now() FROM registration.services WHERE unit <> ministry
       ON CONFLICT DO NOTHING`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "registration"."organisations"`);
  }
}
