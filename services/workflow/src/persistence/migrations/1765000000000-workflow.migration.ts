import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Lao PDR's fixed-date public holidays; operators add the rest (PUT /workflow/holidays/{date}). */
const HOLIDAYS: [string, string][] = [];
for (const year of [2026, 2027]) {
  HOLIDAYS.push(
    [`${year}-01-01`, 'International New Year'],
    [`${year}-03-08`, "International Women's Day"],
    [`${year}-04-14`, 'Lao New Year'],
    [`${year}-04-15`, 'Lao New Year'],
    [`${year}-04-16`, 'Lao New Year'],
    [`${year}-05-01`, 'International Labour Day'],
    [`${year}-12-02`, 'Lao National Day'],
  );
}

/** Process definitions, instances and their audit trail, user tasks, timers, message waits, routing table, holidays, event mappings. */
export class Workflow1765000000000 implements MigrationInterface {
  name = 'Workflow1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "workflow"."definitions" ("id" uuid NOT NULL, "key" text NOT NULL, "version" integer NOT NULL, "name" text NOT NULL, "description" text, "type" text NOT NULL, "bpmn" text NOT NULL, "summary" jsonb NOT NULL, "sla_working_days" integer, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7150abc574293b2a1063b0ed7bb" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE UNIQUE INDEX "definitions_key_version" ON "workflow"."definitions" ("key", "version")`);
    await runner.query(
      `CREATE TABLE "workflow"."instances" ("id" uuid NOT NULL, "definition_id" uuid NOT NULL, "process_ref" text NOT NULL, "business_key" text, "start_key" text NOT NULL, "state" text NOT NULL, "variables" jsonb NOT NULL, "engine_state" jsonb, "revision" integer NOT NULL, "started_by" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE, "reason" text, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_d7466704bd3282eaaeeec96a8da" UNIQUE ("start_key"), CONSTRAINT "PK_11862209053330b4765f7f54178" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "instances_business_key" ON "workflow"."instances" ("business_key")`);
    await runner.query(`CREATE INDEX "instances_definition" ON "workflow"."instances" ("definition_id", "state")`);
    await runner.query(
      `CREATE TABLE "workflow"."history" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "instance_id" uuid NOT NULL, "task_id" uuid, "action" text NOT NULL, "element_id" text, "actor" text NOT NULL, "detail" jsonb, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9384942edf4804b38ca0ee51416" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "history_instance" ON "workflow"."history" ("instance_id", "id")`);
    await runner.query(
      `CREATE TABLE "workflow"."tasks" ("id" uuid NOT NULL, "instance_id" uuid NOT NULL, "process_ref" text NOT NULL, "business_key" text, "element_id" text NOT NULL, "execution_id" text NOT NULL, "name" text NOT NULL, "unit" text NOT NULL, "role" text NOT NULL, "outcomes" text array NOT NULL, "state" text NOT NULL, "assignee" text, "due_at" TIMESTAMP WITH TIME ZONE, "escalated_at" TIMESTAMP WITH TIME ZONE, "outcome" text, "comment" text, "completed_by" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_8d12ff38fcc62aaba2cab748772" PRIMARY KEY ("id"))`,
    );
    await runner.query(
      `CREATE UNIQUE INDEX "tasks_instance_execution" ON "workflow"."tasks" ("instance_id", "execution_id")`,
    );
    await runner.query(`CREATE INDEX "tasks_queue" ON "workflow"."tasks" ("unit", "state")`);
    await runner.query(
      `CREATE TABLE "workflow"."timers" ("id" uuid NOT NULL, "instance_id" uuid NOT NULL, "kind" text NOT NULL, "element_id" text, "task_id" uuid, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "fired_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d13ea0d2fe75274ca5a9576aae6" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "timers_instance" ON "workflow"."timers" ("instance_id")`);
    await runner.query(`CREATE INDEX "timers_due" ON "workflow"."timers" ("due_at") WHERE "fired_at" IS NULL`);
    await runner.query(
      `CREATE TABLE "workflow"."message_waits" ("instance_id" uuid NOT NULL, "element_id" text NOT NULL, "message_name" text NOT NULL, "correlation_key" text, CONSTRAINT "PK_ab264207d2e03d84937d352cc1b" PRIMARY KEY ("instance_id", "element_id"))`,
    );
    await runner.query(
      `CREATE INDEX "message_waits_match" ON "workflow"."message_waits" ("message_name", "correlation_key")`,
    );
    await runner.query(
      `CREATE TABLE "workflow"."routing_rules" ("id" text NOT NULL, "category" text NOT NULL, "province" text NOT NULL, "district" text NOT NULL, "unit" text NOT NULL, "updated_by" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b744c5cc71053ea4d3fc8a860c2" PRIMARY KEY ("id"))`,
    );
    await runner.query(
      `CREATE UNIQUE INDEX "routing_rules_match" ON "workflow"."routing_rules" ("category", "province", "district")`,
    );
    await runner.query(
      `CREATE TABLE "workflow"."holidays" ("date" date NOT NULL, "name" text NOT NULL, CONSTRAINT "PK_40dfddee0c0d7125c767d8962b1" PRIMARY KEY ("date"))`,
    );
    await runner.query(
      `CREATE TABLE "workflow"."event_mappings" ("id" text NOT NULL, "event_type" text NOT NULL, "action" text NOT NULL, "process_key" text, "message_name" text, "key_path" text NOT NULL, "variables" jsonb NOT NULL, "when" jsonb NOT NULL, "declared_by" text NOT NULL, CONSTRAINT "PK_c8f515de594977cd3cd8ff954a8" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "event_mappings_type" ON "workflow"."event_mappings" ("event_type")`);
    for (const [date, name] of HOLIDAYS) {
      await runner.query(`INSERT INTO workflow.holidays (date, name) VALUES ($1, $2)`, [date, name]);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'event_mappings',
      'holidays',
      'routing_rules',
      'message_waits',
      'timers',
      'tasks',
      'history',
      'instances',
      'definitions',
    ]) {
      await runner.query(`DROP TABLE workflow.${table}`);
    }
  }
}
