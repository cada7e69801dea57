import type { MigrationInterface, QueryRunner } from 'typeorm';

const TEMPLATES = [
  { channel: 'sms', language: 'lo', subject: null, body: 'ສາຍດ່ວນ 1516: ໄດ້ຮັບເລື່ອງຂອງທ່ານແລ້ວ. ເລກເລື່ອງ: {caseNumber}.' },
  {
    channel: 'sms',
    language: 'en',
    subject: null,
    body: 'Hotline 1516: we received your case. Case number: {caseNumber}.',
  },
  {
    channel: 'email',
    language: 'lo',
    subject: 'ສາຍດ່ວນ 1516: ເລື່ອງ {caseNumber}',
    body: 'ໄດ້ຮັບເລື່ອງຂອງທ່ານແລ້ວ. ເລກເລື່ອງ: {caseNumber}. ທ່ານຕິດຕາມເລື່ອງໄດ້ດ້ວຍເລກນີ້.',
  },
  {
    channel: 'email',
    language: 'en',
    subject: 'Hotline 1516: case {caseNumber}',
    body: 'We received your case. Case number: {caseNumber}. Follow it with this number.',
  },
  { channel: 'in_app', language: 'lo', subject: 'ສາຍດ່ວນ 1516', body: 'ໄດ້ຮັບເລື່ອງຂອງທ່ານແລ້ວ. ເລກເລື່ອງ: {caseNumber}.' },
  {
    channel: 'in_app',
    language: 'en',
    subject: 'Hotline 1516',
    body: 'We received your case. Case number: {caseNumber}.',
  },
];

/** An identified hotline submitter is told their case was received, with its number (Lao first, English if chosen). */
export class HotlineReceived1767500000000 implements MigrationInterface {
  name = 'HotlineReceived1767500000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const t of TEMPLATES) {
      await runner.query(
        `INSERT INTO messaging.templates (key, channel, language, subject, body) VALUES ('feedback.case-received', $1, $2, $3, $4)
         ON CONFLICT (key, channel, language) DO NOTHING`,
        [t.channel, t.language, t.subject, t.body],
      );
    }
    await runner.query(
      `INSERT INTO messaging.rules (id, event_type, template_key, person_field, essential, enabled)
       VALUES ('feedback-case-received', 'la.gov.onedoor.feedback.case.received.v1', 'feedback.case-received', 'submitterId', true, true)
       ON CONFLICT DO NOTHING`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM messaging.rules WHERE id = 'feedback-case-received'`);
    await runner.query(`DELETE FROM messaging.templates WHERE key = 'feedback.case-received'`);
  }
}
