import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A task past its deadline goes on up a chain of offices while it stays open (its process's `onedoor:escalateTo`,
 * one every `onedoor:escalateEveryWorkingDays`): the chain and how far up it has gone, kept with the task.
 */
export class TaskEscalation1768500000000 implements MigrationInterface {
  name = 'TaskEscalation1768500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "workflow"."tasks" ADD "escalation" jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "workflow"."tasks" DROP COLUMN "escalation"`);
  }
}
