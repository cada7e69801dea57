import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SEED_ADMIN_AREAS, SEED_ORGANISATIONS } from '../lao-reference-data';

/**
 * People, civil servants and their postings, the audit trail of reads, the reference data (administrative
 * areas and ministries) seeded with the country's codes, and the OpenID provider's storage, signing keys and
 * login throttling, and civil-servant card credentials.
 */
export class PeopleAndCivilServants1763900000000 implements MigrationInterface {
  name = 'PeopleAndCivilServants1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "identity"."admin_areas" ("code" text NOT NULL, "level" text NOT NULL, "parent_code" text, "name_lo" text NOT NULL, "name_en" text NOT NULL, CONSTRAINT "PK_4e4a68591576a922969ac26cd72" PRIMARY KEY ("code"))`,
    );
    await runner.query(`CREATE INDEX "admin_areas_parent" ON "identity"."admin_areas" ("parent_code")`);
    await runner.query(
      `CREATE TABLE "identity"."organisations" ("code" text NOT NULL, "kind" text NOT NULL, "parent_code" text, "name_lo" text NOT NULL, "name_en" text NOT NULL, CONSTRAINT "PK_06f3139d67205a125c84f8c6c45" PRIMARY KEY ("code"))`,
    );
    await runner.query(`CREATE INDEX "organisations_parent" ON "identity"."organisations" ("parent_code")`);
    await runner.query(
      `CREATE TABLE "identity"."persons" ("id" uuid NOT NULL, "uin" text NOT NULL, "given_name_lo" text NOT NULL, "family_name_lo" text NOT NULL, "given_name_en" text, "family_name_en" text, "name_key_lo" text NOT NULL, "name_key_latin" text, "date_of_birth" date NOT NULL, "sex" text NOT NULL, "province_code" text NOT NULL, "district_code" text NOT NULL, "village_code" text, "address_line" text, "phone" text, "email" text, "preferred_language" text NOT NULL, "preferred_channel" text NOT NULL, "status" text NOT NULL, "status_reason" text, "distinct_from" uuid array NOT NULL DEFAULT '{}', "enrolled_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "UQ_56e59787d44b5bfba21586e1f33" UNIQUE ("uin"), CONSTRAINT "PK_74278d8812a049233ce41440ac7" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "persons_phone" ON "identity"."persons" ("phone")`);
    await runner.query(`CREATE INDEX "persons_birth_date" ON "identity"."persons" ("date_of_birth")`);
    await runner.query(`CREATE INDEX "persons_name_key_latin" ON "identity"."persons" ("name_key_latin")`);
    await runner.query(`CREATE INDEX "persons_name_key_lo" ON "identity"."persons" ("name_key_lo")`);
    await runner.query(
      `CREATE TABLE "identity"."person_access_log" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "person_id" uuid NOT NULL, "actor" text NOT NULL, "actor_roles" text array NOT NULL, "actor_scope" text, "action" text NOT NULL, "trace_id" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c4e8bf0f8b6dacd8ffdc0273c8b" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "person_access_log_person" ON "identity"."person_access_log" ("person_id", "at")`);
    await runner.query(
      `CREATE TABLE "identity"."civil_servants" ("person_id" uuid NOT NULL, "employee_number" text NOT NULL, "ministry_code" text NOT NULL, "department_code" text, "province_code" text NOT NULL, "level" text NOT NULL, "position" text NOT NULL, "grade" text NOT NULL, "status" text NOT NULL, "roles" text array NOT NULL DEFAULT '{}', "password_hash" text, "totp_secret_sealed" text, "totp_last_step" integer, "activation_code_hash" text, "activation_expires_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_462ef25bfb33b93fb19e1ce5319" UNIQUE ("employee_number"), CONSTRAINT "PK_17c4f26a17b8d0e5c09458a0584" PRIMARY KEY ("person_id"))`,
    );
    await runner.query(
      `CREATE INDEX "civil_servants_posting" ON "identity"."civil_servants" ("ministry_code", "province_code")`,
    );
    await runner.query(
      `CREATE TABLE "identity"."assignments" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "ministry_code" text NOT NULL, "department_code" text, "province_code" text NOT NULL, "level" text NOT NULL, "position" text NOT NULL, "grade" text NOT NULL, "effective_from" date NOT NULL, "ended_on" date, "reason" text NOT NULL, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c54ca359535e0012b04dcbd80ee" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "assignments_person" ON "identity"."assignments" ("person_id", "effective_from")`);
    await runner.query(
      `CREATE TABLE "identity"."oidc_records" ("model" text NOT NULL, "id" text NOT NULL, "payload" jsonb NOT NULL, "grant_id" text, "user_code" text, "uid" text, "expires_at" TIMESTAMP WITH TIME ZONE, "consumed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7da4be4c6030cbfbdba4cfd4d06" PRIMARY KEY ("model", "id"))`,
    );
    await runner.query(`CREATE INDEX "oidc_records_expires" ON "identity"."oidc_records" ("expires_at")`);
    await runner.query(`CREATE INDEX "oidc_records_uid" ON "identity"."oidc_records" ("uid")`);
    await runner.query(`CREATE INDEX "oidc_records_grant" ON "identity"."oidc_records" ("grant_id")`);
    await runner.query(
      `CREATE TABLE "identity"."signing_keys" ("kid" text NOT NULL, "purpose" text NOT NULL, "alg" text NOT NULL, "public_jwk" jsonb NOT NULL, "private_jwk_sealed" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "activated_at" TIMESTAMP WITH TIME ZONE, "retired_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_13362ac3e792c69417e1a53d355" PRIMARY KEY ("kid"))`,
    );
    await runner.query(
      `CREATE TABLE "identity"."login_throttle" ("account" text NOT NULL, "failures" integer NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, "last_failure_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_9e09533888e7ac2f31d40a9bad2" PRIMARY KEY ("account"))`,
    );
    await runner.query(
      `CREATE TABLE "identity"."otp_challenges" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "code_hash" text NOT NULL, "attempts" integer NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "consumed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_c34f21df6c8aa51229715452068" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "otp_challenges_person" ON "identity"."otp_challenges" ("person_id")`);
    await runner.query(
      `CREATE TABLE "identity"."credentials" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "status_index" integer NOT NULL, "kid" text NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "issued_by" text NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revocation_reason" text, CONSTRAINT "UQ_423e1f0365bc89fc4b9f3d93259" UNIQUE ("status_index"), CONSTRAINT "PK_1e38bc43be6697cdda548ad27a6" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "credentials_person" ON "identity"."credentials" ("person_id")`);
    for (const area of SEED_ADMIN_AREAS) {
      await runner.query(
        `INSERT INTO identity.admin_areas (code, level, parent_code, name_lo, name_en) VALUES ($1, $2, $3, $4, $5)`,
        [area.code, area.level, area.parentCode, area.nameLo, area.nameEn],
      );
    }
    for (const organisation of SEED_ORGANISATIONS) {
      await runner.query(
        `INSERT INTO identity.organisations (code, kind, parent_code, name_lo, name_en) VALUES ($1, $2, $3, $4, $5)`,
        [organisation.code, organisation.kind, organisation.parentCode, organisation.nameLo, organisation.nameEn],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE identity.credentials`);
    await runner.query(`DROP TABLE identity.otp_challenges`);
    await runner.query(`DROP TABLE identity.login_throttle`);
    await runner.query(`DROP TABLE identity.signing_keys`);
    await runner.query(`DROP TABLE identity.oidc_records`);
    await runner.query(`DROP TABLE identity.assignments`);
    await runner.query(`DROP TABLE identity.civil_servants`);
    await runner.query(`DROP TABLE identity.person_access_log`);
    await runner.query(`DROP TABLE identity.persons`);
    await runner.query(`DROP TABLE identity.organisations`);
    await runner.query(`DROP TABLE identity.admin_areas`);
  }
}
