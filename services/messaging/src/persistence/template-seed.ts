import type { QueryRunner } from 'typeorm';
import type { NotificationRule, Template } from './messaging.entities';

type Seed = Omit<Template, 'updatedAt'>;

/** The templates a new deployment starts with; operators change them through the API. */
export const SEED_TEMPLATES: Seed[] = [
  {
    key: 'identity.one-time-code',
    channel: 'sms',
    language: 'lo',
    subject: null,
    body: 'ລະຫັດເຂົ້າລະບົບ OneDoor: {code}. ໃຊ້ໄດ້ {minutes} ນາທີ. ຢ່າບອກລະຫັດນີ້ໃຫ້ໃຜ.',
  },
  {
    key: 'identity.one-time-code',
    channel: 'sms',
    language: 'en',
    subject: null,
    body: 'OneDoor sign-in code: {code}. Valid for {minutes, plural, one {# minute} other {# minutes}}. Never share it.',
  },
  {
    key: 'identity.one-time-code',
    channel: 'email',
    language: 'lo',
    subject: 'ລະຫັດເຂົ້າລະບົບ OneDoor',
    body: 'ລະຫັດເຂົ້າລະບົບຂອງທ່ານແມ່ນ {code}. ໃຊ້ໄດ້ {minutes} ນາທີ. ຖ້າທ່ານບໍ່ໄດ້ຂໍລະຫັດນີ້, ບໍ່ຕ້ອງເຮັດຫຍັງ.',
  },
  {
    key: 'identity.one-time-code',
    channel: 'email',
    language: 'en',
    subject: 'Your OneDoor sign-in code',
    body: 'Your sign-in code is {code}. It is valid for {minutes, plural, one {# minute} other {# minutes}}. If you did not ask for it, do nothing.',
  },
  {
    key: 'identity.welcome',
    channel: 'sms',
    language: 'lo',
    subject: null,
    body: 'ຍິນດີຕ້ອນຮັບ {displayName_lo}. ເລກປະຈຳຕົວຂອງທ່ານ: {uin}.',
  },
  {
    key: 'identity.welcome',
    channel: 'email',
    language: 'lo',
    subject: 'ຍິນດີຕ້ອນຮັບສູ່ OneDoor',
    body: 'ຍິນດີຕ້ອນຮັບ {displayName_lo}. ເລກປະຈຳຕົວຂອງທ່ານແມ່ນ {uin}.',
  },
  {
    key: 'identity.welcome',
    channel: 'email',
    language: 'en',
    subject: 'Welcome to OneDoor',
    body: 'Welcome, {displayName_lo}. Your identification number is {uin}.',
  },
  {
    key: 'identity.welcome',
    channel: 'in_app',
    language: 'lo',
    subject: 'ຍິນດີຕ້ອນຮັບ',
    body: 'ຍິນດີຕ້ອນຮັບ {displayName_lo}. ເລກປະຈຳຕົວຂອງທ່ານ: {uin}.',
  },
];

export const SEED_RULES: NotificationRule[] = [
  {
    id: 'identity-welcome',
    eventType: 'la.gov.onedoor.identity.person.enrolled.v1',
    templateKey: 'identity.welcome',
    personField: 'personId',
    essential: false,
    everyChannel: false,
    enabled: true,
  },
];

/** A notice's texts in one language: the SMS (also the in-app body), the e-mail's subject (also in-app) and body. */
export type NoticeTexts = { sms: string; subject: string; email: string };

/** Inserts notices' templates (`<prefix><notice>`) for SMS, e-mail and in-app in each language; kept if present. */
export async function insertNoticeTemplates(
  runner: QueryRunner,
  prefix: string,
  notices: Record<string, Record<string, NoticeTexts>>,
): Promise<void> {
  for (const [notice, languages] of Object.entries(notices)) {
    for (const [language, texts] of Object.entries(languages)) {
      const rows: [string, string | null, string][] = [
        ['sms', null, texts.sms],
        ['email', texts.subject, texts.email],
        ['in_app', texts.subject, texts.sms],
      ];
      for (const [channel, subject, body] of rows) {
        await runner.query(
          `INSERT INTO messaging.templates (key, channel, language, subject, body) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (key, channel, language) DO NOTHING`,
          [`${prefix}${notice}`, channel, language, subject, body],
        );
      }
    }
  }
}
