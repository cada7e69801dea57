import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A staff account has an id of its own, the subject of its tokens, so a civil servant's login never shares a subject
 * with the person's citizen login; a one-time code says what it proves (sign-in or activation). ADR 0013.
 */
export class StaffAccounts1766100000000 implements MigrationInterface {
  name = 'StaffAccounts1766100000000';

  async up(runner: QueryRunner): Promise<void> {
    // Existing staff get an account id each; new ones get theirs when HR registers them.
    await runner.query(
      `ALTER TABLE "identity"."civil_servants" ADD "account_id" uuid NOT NULL DEFAULT gen_random_uuid()`,
    );
    await runner.query(`ALTER TABLE "identity"."civil_servants" ALTER COLUMN "account_id" DROP DEFAULT`);
    await runner.query(`CREATE UNIQUE INDEX "civil_servants_account" ON "identity"."civil_servants" ("account_id")`);
    await runner.query(`ALTER TABLE "identity"."otp_challenges" ADD "purpose" text NOT NULL DEFAULT 'sign-in'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "identity"."otp_challenges" DROP COLUMN "purpose"`);
    await runner.query(`DROP INDEX "identity"."civil_servants_account"`);
    await runner.query(`ALTER TABLE "identity"."civil_servants" DROP COLUMN "account_id"`);
  }
}
