import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A task records its case's ministry and province: a unit code is unique only within them, so an officer's
 * ministry and province claims apply to the task as well as their unit.
 */
export class TaskScope1766200000000 implements MigrationInterface {
  name = 'TaskScope1766200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "workflow"."tasks" ADD "ministry" text`);
    await runner.query(`ALTER TABLE "workflow"."tasks" ADD "province" text`);
    // Open tasks of cases that named them get them now (their instance's variables).
    await runner.query(
      `UPDATE workflow.tasks t SET ministry = i.variables->>'ministry', province = i.variables->>'province'
         FROM workflow.instances i WHERE i.id = t.instance_id`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "workflow"."tasks" DROP COLUMN "province"`);
    await runner.query(`ALTER TABLE "workflow"."tasks" DROP COLUMN "ministry"`);
  }
}
