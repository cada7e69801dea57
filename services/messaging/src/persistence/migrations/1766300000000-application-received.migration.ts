import type { MigrationInterface, QueryRunner } from 'typeorm';

const RECEIVED = (received: { lo: string; en: string }) => [
  { channel: 'sms', language: 'lo', subject: null, body: `${received.lo} ລະຫັດຕິດຕາມ: {trackingCode}.` },
  { channel: 'sms', language: 'en', subject: null, body: `${received.en} Tracking code: {trackingCode}.` },
  {
    channel: 'email',
    language: 'lo',
    subject: 'ຄຳຮ້ອງ {trackingCode}',
    body: `${received.lo} ລະຫັດຕິດຕາມ: {trackingCode}. ທ່ານຕິດຕາມຄຳຮ້ອງໄດ້ດ້ວຍລະຫັດນີ້ ໂດຍບໍ່ຕ້ອງມາຫ້ອງການ.`,
  },
  {
    channel: 'email',
    language: 'en',
    subject: 'Your application {trackingCode}',
    body: `${received.en} Tracking code: {trackingCode}. Follow your application with it, without coming to the office.`,
  },
  {
    channel: 'in_app',
    language: 'lo',
    subject: 'ຄຳຮ້ອງ {trackingCode}',
    body: `${received.lo} ລະຫັດຕິດຕາມ: {trackingCode}.`,
  },
  {
    channel: 'in_app',
    language: 'en',
    subject: 'Application {trackingCode}',
    body: `${received.en} Tracking code: {trackingCode}.`,
  },
];

const TEMPLATES = {
  'registration.submitted': RECEIVED({ lo: 'ໄດ້ຮັບຄຳຮ້ອງຂອງທ່ານແລ້ວ.', en: 'We received your application.' }),
  'registration.resubmitted': RECEIVED({
    lo: 'ໄດ້ຮັບຄຳຮ້ອງທີ່ທ່ານແກ້ໄຂແລ້ວ.',
    en: 'We received your corrected application.',
  }),
};

const RULES = [
  ['registration-submitted', 'la.gov.onedoor.registration.application.submitted.v1', 'registration.submitted'],
  ['registration-resubmitted', 'la.gov.onedoor.registration.application.resubmitted.v1', 'registration.resubmitted'],
];

/**
 * The citizen is told when their application is received, with its tracking code (submitted at a counter or online,
 * and again after a correction): essential, as the tracking code is how they follow it without coming back.
 */
export class ApplicationReceived1766300000000 implements MigrationInterface {
  name = 'ApplicationReceived1766300000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const [key, templates] of Object.entries(TEMPLATES)) {
      for (const t of templates) {
        await runner.query(
          `INSERT INTO messaging.templates (key, channel, language, subject, body) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (key, channel, language) DO NOTHING`,
          [key, t.channel, t.language, t.subject, t.body],
        );
      }
    }
    for (const [id, eventType, templateKey] of RULES) {
      await runner.query(
        `INSERT INTO messaging.rules (id, event_type, template_key, person_field, essential, enabled)
         VALUES ($1, $2, $3, 'applicantId', true, true) ON CONFLICT DO NOTHING`,
        [id, eventType, templateKey],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `DELETE FROM messaging.rules WHERE id IN ('registration-submitted', 'registration-resubmitted')`,
    );
    await runner.query(
      `DELETE FROM messaging.templates WHERE key IN ('registration.submitted', 'registration.resubmitted')`,
    );
  }
}
