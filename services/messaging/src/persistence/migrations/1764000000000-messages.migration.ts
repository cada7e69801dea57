import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SEED_RULES, SEED_TEMPLATES } from '../template-seed';

/** Templates, notification rules, the recipient directory, messages and their history; seeded templates and rules. */
export class Messages1764000000000 implements MigrationInterface {
  name = 'Messages1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "messaging"."templates" ("key" text NOT NULL, "channel" text NOT NULL, "language" text NOT NULL, "subject" text, "body" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7ab012c9fb568945c44d0f79e99" PRIMARY KEY ("key", "channel", "language"))`,
    );
    await runner.query(
      `CREATE TABLE "messaging"."rules" ("id" text NOT NULL, "event_type" text NOT NULL, "template_key" text NOT NULL, "person_field" text NOT NULL, "essential" boolean NOT NULL, "enabled" boolean NOT NULL, CONSTRAINT "PK_10fef696a7d61140361b1b23608" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "rules_event_type" ON "messaging"."rules" ("event_type")`);
    await runner.query(
      `CREATE TABLE "messaging"."recipients" ("person_id" uuid NOT NULL, "phone" text, "email" text, "preferred_language" text NOT NULL, "preferred_channel" text NOT NULL, "opted_out" boolean NOT NULL, "active" boolean NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bc4992ca5d140881acd28277692" PRIMARY KEY ("person_id"))`,
    );
    await runner.query(
      `CREATE TABLE "messaging"."messages" ("id" uuid NOT NULL, "source_key" text NOT NULL, "batch_id" uuid, "person_id" uuid, "channel" text NOT NULL, "destination" text NOT NULL, "language" text NOT NULL, "template_key" text, "subject" text, "body" text NOT NULL, "variables" jsonb NOT NULL, "essential" boolean NOT NULL, "status" text NOT NULL, "detail" text, "attempts" integer NOT NULL, "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "lease_until" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "provider" text, "provider_message_id" text, "sms_parts" integer, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_e5e2fa0e03187732a92dfdca068" UNIQUE ("source_key"), CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))`,
    );
    await runner.query(
      `CREATE INDEX "messages_provider_id" ON "messaging"."messages" ("provider", "provider_message_id")`,
    );
    await runner.query(`CREATE INDEX "messages_person" ON "messaging"."messages" ("person_id", "created_at")`);
    await runner.query(`CREATE INDEX "messages_batch" ON "messaging"."messages" ("batch_id")`);
    await runner.query(`CREATE INDEX "messages_due" ON "messaging"."messages" ("status", "next_attempt_at")`);
    await runner.query(
      `CREATE TABLE "messaging"."message_history" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "message_id" uuid NOT NULL, "status" text NOT NULL, "provider" text, "detail" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5b3bd70fbc92e976540d6ceb67c" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "message_history_message" ON "messaging"."message_history" ("message_id", "at")`);
    for (const t of SEED_TEMPLATES) {
      await runner.query(
        `INSERT INTO messaging.templates (key, channel, language, subject, body) VALUES ($1, $2, $3, $4, $5)`,
        [t.key, t.channel, t.language, t.subject, t.body],
      );
    }
    for (const r of SEED_RULES) {
      await runner.query(
        `INSERT INTO messaging.rules (id, event_type, template_key, person_field, essential, enabled) VALUES ($1, $2, $3, $4, $5, $6)`,
        [r.id, r.eventType, r.templateKey, r.personField, r.essential, r.enabled],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE messaging.message_history`);
    await runner.query(`DROP TABLE messaging.messages`);
    await runner.query(`DROP TABLE messaging.recipients`);
    await runner.query(`DROP TABLE messaging.rules`);
    await runner.query(`DROP TABLE messaging.templates`);
  }
}
