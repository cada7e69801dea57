import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIVATION_TEMPLATES = [
  {
    channel: 'sms',
    language: 'lo',
    subject: null,
    body: 'ລະຫັດເປີດໃຊ້ບັນຊີພະນັກງານລັດ OneDoor: {code}. ໃຊ້ໄດ້ {minutes} ນາທີ. ຖ້າທ່ານບໍ່ໄດ້ເປີດໃຊ້ບັນຊີ, ຢ່າບອກລະຫັດນີ້ໃຫ້ໃຜ ແລະ ແຈ້ງ 1516.',
  },
  {
    channel: 'sms',
    language: 'en',
    subject: null,
    body: 'OneDoor civil-servant account activation code: {code}. Valid for {minutes, plural, one {# minute} other {# minutes}}. If you are not activating an account, share it with no one and call 1516.',
  },
  {
    channel: 'email',
    language: 'lo',
    subject: 'ລະຫັດເປີດໃຊ້ບັນຊີພະນັກງານລັດ OneDoor',
    body: 'ລະຫັດເປີດໃຊ້ບັນຊີພະນັກງານລັດຂອງທ່ານແມ່ນ {code}. ໃຊ້ໄດ້ {minutes} ນາທີ. ຖ້າທ່ານບໍ່ໄດ້ເປີດໃຊ້ບັນຊີ, ຢ່າບອກລະຫັດນີ້ໃຫ້ໃຜ ແລະ ແຈ້ງ 1516.',
  },
  {
    channel: 'email',
    language: 'en',
    subject: 'Your OneDoor civil-servant account activation code',
    body: 'Your code to activate your civil-servant account is {code}. It is valid for {minutes, plural, one {# minute} other {# minutes}}. If you are not activating an account, share it with no one and call 1516.',
  },
];

/** The code a person receives on their own phone or e-mail to prove it is them activating a staff account (ADR 0013). */
export class ActivationCodeTemplates1766000000000 implements MigrationInterface {
  name = 'ActivationCodeTemplates1766000000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const t of ACTIVATION_TEMPLATES) {
      await runner.query(
        `INSERT INTO messaging.templates (key, channel, language, subject, body) VALUES ('identity.activation-code', $1, $2, $3, $4)
         ON CONFLICT (key, channel, language) DO NOTHING`,
        [t.channel, t.language, t.subject, t.body],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM messaging.templates WHERE key = 'identity.activation-code'`);
  }
}
