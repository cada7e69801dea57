import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The service catalogue, applications with their history and documents, tasks and people from other blocks, tracking throttle. */
export class Registration1765100000000 implements MigrationInterface {
  name = 'Registration1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "registration"."services" ("id" uuid NOT NULL, "code" text NOT NULL, "version" integer NOT NULL, "name" jsonb NOT NULL, "description" jsonb NOT NULL, "ministry" text NOT NULL, "unit" text NOT NULL, "form_schema" jsonb NOT NULL, "form_layout" jsonb NOT NULL, "prefill" jsonb NOT NULL, "documents" jsonb NOT NULL, "eligibility" jsonb NOT NULL, "fee_amount" bigint NOT NULL, "process_key" text NOT NULL, "sla_working_days" integer NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "retired_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ba2d347a3168a296416c6c5ccb2" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE UNIQUE INDEX "services_code_version" ON "registration"."services" ("code", "version")`);
    await runner.query(
      `CREATE TABLE "registration"."applications" ("id" uuid NOT NULL, "tracking_code" text NOT NULL, "service_id" uuid NOT NULL, "service_code" text NOT NULL, "service_version" integer NOT NULL, "applicant_id" text NOT NULL, "application_name" text, "phone_last4" text, "channel" text NOT NULL, "status" text NOT NULL, "form_data" jsonb NOT NULL, "ministry" text NOT NULL, "province" text, "district" text, "unit" text, "fee_due" bigint NOT NULL, "fee_paid_at" TIMESTAMP WITH TIME ZONE, "fee_reference" text, "submitted_at" TIMESTAMP WITH TIME ZONE, "expected_by" TIMESTAMP WITH TIME ZONE, "decided_at" TIMESTAMP WITH TIME ZONE, "revision" integer NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_4059089a7122571f224fea57d73" UNIQUE ("tracking_code"), CONSTRAINT "PK_938c0a27255637bde919591888f" PRIMARY KEY ("id"))`,
    );
    await runner.query(
      `CREATE INDEX "applications_service" ON "registration"."applications" ("service_code", "status")`,
    );
    await runner.query(
      `CREATE INDEX "applications_scope" ON "registration"."applications" ("ministry", "province", "unit")`,
    );
    await runner.query(
      `CREATE INDEX "applications_applicant" ON "registration"."applications" ("applicant_id", "created_at")`,
    );
    await runner.query(
      `CREATE TABLE "registration"."application_history" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "application_id" uuid NOT NULL, "action" text NOT NULL, "status" text NOT NULL, "unit" text, "actor" text NOT NULL, "note" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cfaef81d8ab33ced714ecda2486" PRIMARY KEY ("id"))`,
    );
    await runner.query(
      `CREATE INDEX "application_history_application" ON "registration"."application_history" ("application_id", "id")`,
    );
    await runner.query(
      `CREATE TABLE "registration"."documents" ("id" uuid NOT NULL, "application_id" uuid NOT NULL, "type" text NOT NULL, "media_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" text NOT NULL, "storage_key" text NOT NULL, "uploaded_by" text NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "documents_application" ON "registration"."documents" ("application_id")`);
    await runner.query(
      `CREATE TABLE "registration"."tasks" ("id" uuid NOT NULL, "application_id" uuid NOT NULL, "name" text NOT NULL, "unit" text NOT NULL, "role" text NOT NULL, "state" text NOT NULL, "assignee" text, "outcome" text, "due_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8d12ff38fcc62aaba2cab748772" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "tasks_application" ON "registration"."tasks" ("application_id")`);
    await runner.query(`CREATE INDEX "tasks_unit" ON "registration"."tasks" ("unit", "state")`);
    await runner.query(
      `CREATE TABLE "registration"."persons" ("person_id" uuid NOT NULL, "data" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_4e645570e666bffc240a8c45328" PRIMARY KEY ("person_id"))`,
    );
    await runner.query(
      `CREATE TABLE "registration"."tracking_attempts" ("key" text NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "failures" integer NOT NULL, CONSTRAINT "PK_26ad5e99e32fb2a95d722ecc44a" PRIMARY KEY ("key"))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'tracking_attempts',
      'persons',
      'tasks',
      'documents',
      'application_history',
      'applications',
      'services',
    ]) {
      await runner.query(`DROP TABLE registration.${table}`);
    }
  }
}
