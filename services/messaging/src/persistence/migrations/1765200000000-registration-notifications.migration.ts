import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUS_TEMPLATES = [
  {
    channel: 'sms',
    language: 'lo',
    subject: null,
    body: 'ຄຳຮ້ອງ {trackingCode}: {status, select, APPROVED {ອະນຸມັດແລ້ວ} REJECTED {ບໍ່ໄດ້ຮັບອະນຸມັດ} SENDBACK {ກະລຸນາແກ້ໄຂ ແລະ ສົ່ງຄືນ} other {ກຳລັງພິຈາລະນາ}}.',
  },
  {
    channel: 'sms',
    language: 'en',
    subject: null,
    body: 'Application {trackingCode}: {status, select, APPROVED {approved} REJECTED {not approved} SENDBACK {please correct it and send it again} other {being processed}}.',
  },
  {
    channel: 'email',
    language: 'lo',
    subject: 'ຄຳຮ້ອງ {trackingCode}',
    body: 'ຄຳຮ້ອງ {trackingCode}: {status, select, APPROVED {ອະນຸມັດແລ້ວ} REJECTED {ບໍ່ໄດ້ຮັບອະນຸມັດ} SENDBACK {ກະລຸນາແກ້ໄຂ ແລະ ສົ່ງຄືນ} other {ກຳລັງພິຈາລະນາ}}.',
  },
  {
    channel: 'email',
    language: 'en',
    subject: 'Your application {trackingCode}',
    body: 'Your application {trackingCode} is {status, select, APPROVED {approved} REJECTED {not approved} SENDBACK {sent back: please correct it and send it again} other {being processed}}.',
  },
  {
    channel: 'in_app',
    language: 'lo',
    subject: 'ຄຳຮ້ອງ {trackingCode}',
    body: 'ຄຳຮ້ອງ {trackingCode}: {status, select, APPROVED {ອະນຸມັດແລ້ວ} REJECTED {ບໍ່ໄດ້ຮັບອະນຸມັດ} SENDBACK {ກະລຸນາແກ້ໄຂ ແລະ ສົ່ງຄືນ} other {ກຳລັງພິຈາລະນາ}}.',
  },
];

/** The citizen hears when their application's status changes (a decision is essential: it goes even to opted-out people). */
export class RegistrationNotifications1765200000000 implements MigrationInterface {
  name = 'RegistrationNotifications1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const t of STATUS_TEMPLATES) {
      await runner.query(
        `INSERT INTO messaging.templates (key, channel, language, subject, body) VALUES ('registration.status-changed', $1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [t.channel, t.language, t.subject, t.body],
      );
    }
    await runner.query(
      `INSERT INTO messaging.rules (id, event_type, template_key, person_field, essential, enabled)
       VALUES ('registration-status-changed', 'la.gov.onedoor.registration.application.status-changed.v1', 'registration.status-changed', 'applicantId', true, true)
       ON CONFLICT DO NOTHING`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM messaging.rules WHERE id = 'registration-status-changed'`);
    await runner.query(`DELETE FROM messaging.templates WHERE key = 'registration.status-changed'`);
  }
}
