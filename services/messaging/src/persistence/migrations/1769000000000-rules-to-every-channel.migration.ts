import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rule may notify a person on every address they have (SMS and e-mail), not only their preferred channel; an
 * application's status changes (a decision among them) do.
 */
export class RulesToEveryChannel1769000000000 implements MigrationInterface {
  name = 'RulesToEveryChannel1769000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "messaging"."rules" ADD "every_channel" boolean NOT NULL DEFAULT false`);
    await runner.query(
      `UPDATE "messaging"."rules" SET "every_channel" = true WHERE "id" = 'registration-status-changed'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "messaging"."rules" DROP COLUMN "every_channel"`);
  }
}
