import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Intake by SMS and by the 1516 operators: each inbound message once (the gateway's id; a retried delivery makes no
 * second case), a caller's consent to be contacted, and the phone a submitter left, looked up by the operator.
 */
export class SmsAndCalls1768100000000 implements MigrationInterface {
  name = 'SmsAndCalls1768100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "feedback"."sms_inbound" ("message_id" text NOT NULL, "case_number" text, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_feedback_sms_inbound" PRIMARY KEY ("message_id"))`,
    );
    await runner.query(`ALTER TABLE "feedback"."cases" ADD "consent" boolean`);
    await runner.query(`CREATE INDEX "cases_contact_phone" ON "feedback"."cases" (("contact"->>'phone'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "feedback"."cases_contact_phone"`);
    await runner.query(`ALTER TABLE "feedback"."cases" DROP COLUMN "consent"`);
    await runner.query(`DROP TABLE "feedback"."sms_inbound"`);
  }
}
