import type { MigrationInterface, QueryRunner } from 'typeorm';
import { insertNoticeTemplates, type NoticeTexts } from '../template-seed';

/** What a unit's officers are told of the hotline cases that reach their unit, in Lao and English. */
const NOTICES: Record<string, { lo: NoticeTexts; en: NoticeTexts }> = {
  'case-assigned': {
    lo: {
      sms: 'ສາຍດ່ວນ 1516: ເລື່ອງ {caseNumber} ({topic}) ຖືກສົ່ງໃຫ້ໜ່ວຍງານຂອງທ່ານ {unit} ເພື່ອກວດສອບ.',
      subject: 'ສາຍດ່ວນ 1516: ເລື່ອງ {caseNumber} ສົ່ງໃຫ້ {unit}',
      email: 'ເລື່ອງ {caseNumber} ({topic}) ຖືກສົ່ງໃຫ້ໜ່ວຍງານຂອງທ່ານ {unit} ເພື່ອກວດສອບ ແລະ ລາຍງານກັບ.',
    },
    en: {
      sms: 'Hotline 1516: case {caseNumber} ({topic}) was assigned to your unit {unit} to verify.',
      subject: 'Hotline 1516: case {caseNumber} assigned to {unit}',
      email: 'Case {caseNumber} ({topic}) was assigned to your unit {unit}: verify it and report back.',
    },
  },
  'case-deadline-approaching': {
    lo: {
      sms: 'ສາຍດ່ວນ 1516: ເລື່ອງ {caseNumber} ໃກ້ກຳນົດແລ້ວ ({stage}, {dueAt}).',
      subject: 'ສາຍດ່ວນ 1516: ເລື່ອງ {caseNumber} ໃກ້ກຳນົດ',
      email: 'ເລື່ອງ {caseNumber} ໃກ້ກຳນົດຂອງຂັ້ນຕອນ {stage} ({dueAt}) ຢູ່ {office}.',
    },
    en: {
      sms: 'Hotline 1516: case {caseNumber} is due soon ({stage}, {dueAt}).',
      subject: 'Hotline 1516: case {caseNumber} due soon',
      email: 'Case {caseNumber} nears its {stage} deadline ({dueAt}) at {office}.',
    },
  },
  'case-escalated': {
    lo: {
      sms: 'ສາຍດ່ວນ 1516: ເລື່ອງ {caseNumber} ກາຍກຳນົດ ({stage}, {dueAt}) ແລະ ຖືກສົ່ງຫາຫົວໜ້າ {office}.',
      subject: 'ສາຍດ່ວນ 1516: ເລື່ອງ {caseNumber} ກາຍກຳນົດ',
      email: 'ເລື່ອງ {caseNumber} ກາຍກຳນົດຂອງຂັ້ນຕອນ {stage} ({dueAt}) ແລະ ຖືກສົ່ງຫາຫົວໜ້າຂອງ {office}.',
    },
    en: {
      sms: 'Hotline 1516: case {caseNumber} passed its {stage} deadline ({dueAt}); escalated to the supervisors of {office}.',
      subject: 'Hotline 1516: case {caseNumber} overdue',
      email:
        'Case {caseNumber} passed its {stage} deadline ({dueAt}) and was escalated to the supervisors of {office}.',
    },
  },
};

/** Civil servants' postings (who a unit's notices go to) and the hotline's notices to units. */
export class UnitNotices1768400000000 implements MigrationInterface {
  name = 'UnitNotices1768400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "messaging"."postings" ("person_id" uuid NOT NULL, "ministry" text NOT NULL, "unit" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_messaging_postings" PRIMARY KEY ("person_id"))`,
    );
    await runner.query(`CREATE INDEX "postings_unit" ON "messaging"."postings" ("unit")`);
    await insertNoticeTemplates(runner, 'feedback.', NOTICES);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `DELETE FROM messaging.templates WHERE key IN ('feedback.case-assigned', 'feedback.case-escalated')`,
    );
    await runner.query(`DROP TABLE "messaging"."postings"`);
  }
}
