import type { MigrationInterface, QueryRunner } from 'typeorm';
import { insertNoticeTemplates, type NoticeTexts } from '../template-seed';

/** What a hotline submitter is told, in Lao and English; `{reason}` and `{masterCaseNumber}` where a notice has them. */
const NOTICES: Record<string, { lo: NoticeTexts; en: NoticeTexts }> = {
  received: {
    lo: {
      sms: 'ສາຍດ່ວນ 1516: ໄດ້ຮັບເລື່ອງຂອງທ່ານແລ້ວ. ເລກເລື່ອງ: {caseNumber}.',
      subject: 'ສາຍດ່ວນ 1516: ເລື່ອງ {caseNumber}',
      email: 'ໄດ້ຮັບເລື່ອງຂອງທ່ານແລ້ວ. ເລກເລື່ອງ: {caseNumber}. ທ່ານຕິດຕາມເລື່ອງໄດ້ດ້ວຍເລກນີ້.',
    },
    en: {
      sms: 'Hotline 1516: we received your case. Case number: {caseNumber}.',
      subject: 'Hotline 1516: case {caseNumber}',
      email: 'We received your case. Case number: {caseNumber}. Follow it with this number.',
    },
  },
  'information-requested': {
    lo: {
      sms: 'ສາຍດ່ວນ 1516: ເລື່ອງ {caseNumber} ຕ້ອງການຂໍ້ມູນເພີ່ມ: {reason}. ກະລຸນາຕອບພ້ອມເລກເລື່ອງ.',
      subject: 'ສາຍດ່ວນ 1516: ເລື່ອງ {caseNumber} ຕ້ອງການຂໍ້ມູນເພີ່ມ',
      email: 'ໜ່ວຍງານທີ່ກວດສອບເລື່ອງ {caseNumber} ຂໍຂໍ້ມູນເພີ່ມ: {reason}. ກະລຸນາຕອບພ້ອມເລກເລື່ອງ.',
    },
    en: {
      sms: 'Hotline 1516: case {caseNumber} needs more information: {reason}. Please answer with the case number.',
      subject: 'Hotline 1516: case {caseNumber} needs more information',
      email: 'The unit checking case {caseNumber} asks: {reason}. Please answer with the case number.',
    },
  },
  answered: {
    lo: {
      sms: 'ສາຍດ່ວນ 1516: ເລື່ອງ {caseNumber} ໄດ້ຮັບຄຳຕອບແລ້ວ. ເບິ່ງຄຳຕອບດ້ວຍເລກເລື່ອງ.',
      subject: 'ສາຍດ່ວນ 1516: ເລື່ອງ {caseNumber} ໄດ້ຮັບຄຳຕອບແລ້ວ',
      email: 'ເລື່ອງ {caseNumber} ໄດ້ຮັບຄຳຕອບແລ້ວ. ເບິ່ງຄຳຕອບດ້ວຍເລກເລື່ອງ. ຖ້າບໍ່ເຫັນດີ ທ່ານອຸທອນໄດ້ພາຍໃນ 30 ວັນ.',
    },
    en: {
      sms: 'Hotline 1516: case {caseNumber} has been answered. Read the answer with the case number.',
      subject: 'Hotline 1516: case {caseNumber} answered',
      email:
        'Case {caseNumber} has been answered. Read the answer with the case number. If you disagree, you may appeal within 30 days.',
    },
  },
  rejected: {
    lo: {
      sms: 'ສາຍດ່ວນ 1516: ເລື່ອງ {caseNumber} ບໍ່ໄດ້ຮັບພິຈາລະນາ: {reason}.',
      subject: 'ສາຍດ່ວນ 1516: ເລື່ອງ {caseNumber}',
      email: 'ເລື່ອງ {caseNumber} ບໍ່ໄດ້ຮັບພິຈາລະນາ: {reason}.',
    },
    en: {
      sms: 'Hotline 1516: case {caseNumber} was not taken up: {reason}.',
      subject: 'Hotline 1516: case {caseNumber}',
      email: 'Case {caseNumber} was not taken up: {reason}.',
    },
  },
  merged: {
    lo: {
      sms: 'ສາຍດ່ວນ 1516: ເລື່ອງ {caseNumber} ຖືກລວມເຂົ້າກັບເລື່ອງ {masterCaseNumber} ທີ່ຄືກັນ. ທ່ານຈະໄດ້ຮັບແຈ້ງຜົນ.',
      subject: 'ສາຍດ່ວນ 1516: ເລື່ອງ {caseNumber}',
      email: 'ເລື່ອງ {caseNumber} ຖືກລວມເຂົ້າກັບເລື່ອງ {masterCaseNumber} ທີ່ຄືກັນ. ທ່ານຈະໄດ້ຮັບແຈ້ງຜົນຂອງເລື່ອງນັ້ນ.',
    },
    en: {
      sms: 'Hotline 1516: case {caseNumber} joined case {masterCaseNumber}, about the same. You will be told its outcome.',
      subject: 'Hotline 1516: case {caseNumber}',
      email: 'Case {caseNumber} joined case {masterCaseNumber}, about the same matter. You will be told its outcome.',
    },
  },
};

/**
 * The hotline's notices to submitters (feedback.submitter-notice.requested: sealed recipients, ADR 0013), which
 * replace the rule that told only identified submitters of receipt.
 */
export class HotlineNotices1768000000000 implements MigrationInterface {
  name = 'HotlineNotices1768000000000';

  async up(runner: QueryRunner): Promise<void> {
    await insertNoticeTemplates(runner, 'feedback.notice-', NOTICES);
    await runner.query(`DELETE FROM messaging.rules WHERE id = 'feedback-case-received'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM messaging.templates WHERE key LIKE 'feedback.notice-%'`);
    await runner.query(
      `INSERT INTO messaging.rules (id, event_type, template_key, person_field, essential, enabled)
       VALUES ('feedback-case-received', 'la.gov.onedoor.feedback.case.received.v1', 'feedback.case-received', 'submitterId', true, true)
       ON CONFLICT DO NOTHING`,
    );
  }
}
