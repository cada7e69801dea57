import type { MigrationInterface, QueryRunner } from 'typeorm';

const STALLED_TEMPLATES = [
  {
    language: 'lo',
    subject: 'ຄຳຮ້ອງ {trackingCode} ຢຸດຢູ່: ຂະບວນການບໍ່ສາມາດດຳເນີນໄດ້',
    body: 'ຄຳຮ້ອງ {trackingCode} ສຳລັບການບໍລິການ {serviceCode} ຂອງ {ministry} ຢຸດຢູ່: {reason}. ແກ້ໄຂສາເຫດ ແລ້ວເລີ່ມຄືນໃໝ່ (POST /registration/applications/{applicationId}/restart).',
  },
  {
    language: 'en',
    subject: 'Application {trackingCode} is stalled: its process could not run',
    body: 'Application {trackingCode} to the service {serviceCode} of {ministry} is stalled: {reason}. Fix the cause, then restart it (POST /registration/applications/{applicationId}/restart).',
  },
];

/** What a ministry's administrators receive at their service's alert address when one of its applications stalls. */
export class StalledAlertTemplates1767200000000 implements MigrationInterface {
  name = 'StalledAlertTemplates1767200000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const t of STALLED_TEMPLATES) {
      await runner.query(
        `INSERT INTO messaging.templates (key, channel, language, subject, body) VALUES ('registration.application-stalled', 'email', $1, $2, $3)
         ON CONFLICT (key, channel, language) DO NOTHING`,
        [t.language, t.subject, t.body],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM messaging.templates WHERE key = 'registration.application-stalled'`);
  }
}
