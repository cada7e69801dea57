import type { MigrationInterface, QueryRunner } from 'typeorm';

const WALLET_BINDING_TEMPLATES = [
  {
    channel: 'sms',
    language: 'lo',
    subject: null,
    body: 'ລະຫັດເພື່ອຜູກແອັບກະເປົາເງິນດິຈິຕອນກັບ OneDoor: {code}. ໃຊ້ໄດ້ {minutes} ນາທີ. ຖ້າທ່ານບໍ່ໄດ້ຂໍ, ຢ່າບອກລະຫັດນີ້ໃຫ້ໃຜ ແລະ ແຈ້ງ 1516.',
  },
  {
    channel: 'sms',
    language: 'en',
    subject: null,
    body: 'OneDoor code to link your phone app: {code}. Valid for {minutes, plural, one {# minute} other {# minutes}}. If you did not ask for it, share it with no one and call 1516.',
  },
  {
    channel: 'email',
    language: 'lo',
    subject: 'ລະຫັດຜູກແອັບກັບ OneDoor',
    body: 'ລະຫັດເພື່ອຜູກແອັບໃນໂທລະສັບຂອງທ່ານກັບ OneDoor ແມ່ນ {code}. ໃຊ້ໄດ້ {minutes} ນາທີ. ຖ້າທ່ານບໍ່ໄດ້ຂໍ, ຢ່າບອກລະຫັດນີ້ໃຫ້ໃຜ.',
  },
  {
    channel: 'email',
    language: 'en',
    subject: 'Your OneDoor code to link your phone app',
    body: 'Your code to link your phone app to OneDoor is {code}. It is valid for {minutes, plural, one {# minute} other {# minutes}}. If you did not ask for it, share it with no one.',
  },
];

/** The code a citizen receives to bind a wallet app on their phone: afterwards the app signs them in with its key. */
export class WalletBindingCodeTemplates1768800000000 implements MigrationInterface {
  name = 'WalletBindingCodeTemplates1768800000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const t of WALLET_BINDING_TEMPLATES) {
      await runner.query(
        `INSERT INTO messaging.templates (key, channel, language, subject, body) VALUES ('identity.wallet-binding-code', $1, $2, $3, $4)
         ON CONFLICT (key, channel, language) DO NOTHING`,
        [t.channel, t.language, t.subject, t.body],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM messaging.templates WHERE key = 'identity.wallet-binding-code'`);
  }
}
