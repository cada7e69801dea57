import type { MigrationInterface, QueryRunner } from 'typeorm';

const TOPICS: [string, string, string, string | null][] = [
  ['water-supply', 'ນ້ຳປະປາ', 'Water supply', 'MPWT'],
  ['roads', 'ຖະໜົນຫົນທາງ', 'Roads', 'MPWT'],
  ['electricity', 'ໄຟຟ້າ', 'Electricity', 'MEM'],
  ['health-services', 'ການບໍລິການສາທາລະນະສຸກ', 'Health services', 'MOH'],
  ['education', 'ການສຶກສາ', 'Education', 'MOES'],
  ['one-door-services', 'ການບໍລິການປະຕູດຽວ', 'One-door services', null],
  ['civil-servants-conduct', 'ການປະພຶດຂອງພະນັກງານລັດ', "Civil servants' conduct", 'MOHA'],
  ['other', 'ອື່ນໆ', 'Other', null],
];

/** Hotline cases, their history, and the topic taxonomy (seeded with the common topics). */
export class Cases1767300000000 implements MigrationInterface {
  name = 'Cases1767300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "feedback"."cases" ("id" uuid NOT NULL, "number" text NOT NULL, "kind" text NOT NULL, "topic" text NOT NULL, "description" text NOT NULL, "state" text NOT NULL, "channel" text NOT NULL, "identity" text NOT NULL, "submitter_id" uuid, "pin_hash" text, "province" text, "district" text, "ministry" text, "unit" text, "finding" text, "explanation" text, "actions" jsonb NOT NULL DEFAULT '[]', "summary" jsonb, "published_summary" jsonb, "published_at" TIMESTAMP WITH TIME ZONE, "responded_at" TIMESTAMP WITH TIME ZONE, "revision" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_feedback_cases_number" UNIQUE ("number"), CONSTRAINT "PK_feedback_cases" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "cases_state" ON "feedback"."cases" ("state", "created_at")`);
    await runner.query(`CREATE INDEX "cases_unit" ON "feedback"."cases" ("unit", "state")`);
    await runner.query(`CREATE INDEX "cases_published" ON "feedback"."cases" ("published_at")`);
    await runner.query(
      `CREATE TABLE "feedback"."case_history" ("id" BIGSERIAL NOT NULL, "case_id" uuid NOT NULL, "step" text NOT NULL, "from_state" text, "to_state" text NOT NULL, "actor" text NOT NULL, "reason" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_feedback_case_history" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "case_history_case" ON "feedback"."case_history" ("case_id")`);
    await runner.query(
      `CREATE TABLE "feedback"."topics" ("code" text NOT NULL, "name_lo" text NOT NULL, "name_en" text NOT NULL, "ministry" text, CONSTRAINT "PK_feedback_topics" PRIMARY KEY ("code"))`,
    );
    for (const [code, lo, en, ministry] of TOPICS) {
      await runner.query(`INSERT INTO feedback.topics (code, name_lo, name_en, ministry) VALUES ($1, $2, $3, $4)`, [
        code,
        lo,
        en,
        ministry,
      ]);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "feedback"."topics"`);
    await runner.query(`DROP TABLE "feedback"."case_history"`);
    await runner.query(`DROP TABLE "feedback"."cases"`);
  }
}
