import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The information mediator's event log, its subscriptions and the grants of event types to clients. */
export class EventGateway1768900000000 implements MigrationInterface {
  name = 'EventGateway1768900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "mediator"."events" ("sequence" BIGSERIAL NOT NULL, "id" uuid NOT NULL, "room" text NOT NULL, "event_type" text NOT NULL, "time" TIMESTAMP WITH TIME ZONE NOT NULL, "subject" text, "correlation_id" text, "data" jsonb NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_40731c7151fe4be3116e45ddf73" UNIQUE ("id"), CONSTRAINT "PK_f76b4ba9e52adc10a9b8be4dc76" PRIMARY KEY ("sequence"))`,
    );
    await runner.query(`CREATE INDEX "events_received_at" ON "mediator"."events" ("received_at")`);
    await runner.query(`CREATE INDEX "events_type_sequence" ON "mediator"."events" ("room", "event_type", "sequence")`);
    await runner.query(
      `CREATE TABLE "mediator"."subscriptions" ("id" uuid NOT NULL, "client_id" text NOT NULL, "subscriber" jsonb NOT NULL, "room" text NOT NULL, "event_type" text NOT NULL, "delivery" text NOT NULL, "push_url" text, "push_secret" text, "ttl_seconds" integer NOT NULL, "cursor" bigint NOT NULL, "status" text NOT NULL DEFAULT 'active', "failures" integer NOT NULL DEFAULT '0', "last_error" text, "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "subscriptions_client_type" UNIQUE ("client_id", "room", "event_type"), CONSTRAINT "PK_a87248d73155605cf782be9ee5e" PRIMARY KEY ("id"))`,
    );
    await runner.query(
      `CREATE TABLE "mediator"."grants" ("client_id" text NOT NULL, "room" text NOT NULL, "event_type" text NOT NULL, "granted_by" text NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_db172e236b56db2ee74270551b7" PRIMARY KEY ("client_id", "room", "event_type"))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "mediator"."grants"`);
    await runner.query(`DROP TABLE "mediator"."subscriptions"`);
    await runner.query(`DROP TABLE "mediator"."events"`);
  }
}
