import type { MigrationInterface, QueryRunner } from 'typeorm';

const PHONE_CHANGE_TEMPLATES = [
  {
    channel: 'sms',
    language: 'lo',
    subject: null,
    body: 'ລະຫັດຢືນຢັນເບີໂທໃໝ່ຂອງທ່ານໃນ OneDoor: {code}. ໃຊ້ໄດ້ {minutes} ນາທີ. ຖ້າທ່ານບໍ່ໄດ້ປ່ຽນເບີໂທ, ຢ່າບອກລະຫັດນີ້ໃຫ້ໃຜ ແລະ ແຈ້ງ 1516.',
  },
  {
    channel: 'sms',
    language: 'en',
    subject: null,
    body: 'OneDoor code to confirm this phone number: {code}. Valid for {minutes, plural, one {# minute} other {# minutes}}. If you are not changing your phone number, share it with no one and call 1516.',
  },
  {
    channel: 'email',
    language: 'lo',
    subject: 'ລະຫັດຢືນຢັນເບີໂທໃໝ່ OneDoor',
    body: 'ລະຫັດຢືນຢັນເບີໂທໃໝ່ຂອງທ່ານແມ່ນ {code}. ໃຊ້ໄດ້ {minutes} ນາທີ.',
  },
  {
    channel: 'email',
    language: 'en',
    subject: 'Your OneDoor phone number confirmation code',
    body: 'Your code to confirm your new phone number is {code}. It is valid for {minutes, plural, one {# minute} other {# minutes}}.',
  },
];

/** The code a citizen receives on the new phone number they give, proving it is theirs before the register keeps it. */
export class PhoneChangeCodeTemplates1766800000000 implements MigrationInterface {
  name = 'PhoneChangeCodeTemplates1766800000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const t of PHONE_CHANGE_TEMPLATES) {
      await runner.query(
        `INSERT INTO messaging.templates (key, channel, language, subject, body) VALUES ('identity.phone-change-code', $1, $2, $3, $4)
         ON CONFLICT (key, channel, language) DO NOTHING`,
        [t.channel, t.language, t.subject, t.body],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM messaging.templates WHERE key = 'identity.phone-change-code'`);
  }
}
