import { createHmac, randomUUID } from 'node:crypto';
import { createDevelopmentAuthority } from '@onedoor/auth';
import {
  ApplicationResubmitted,
  ApplicationStatusChanged,
  ApplicationSubmitted,
  DEAD_LETTER_HEADERS,
  deadLetterTopic,
  MessageDelivered,
  OneTimeCodeRequested,
  type MessageStatusPayload,
} from '@onedoor/contracts';
import { loadPlatformConfig, startPlatform, type RunningPlatform } from '@onedoor/platform-kit';
import { blockEventSource, newSealingKeyPair, readTopic, Sealer } from '@onedoor/backbone';
import {
  api,
  checkAnswers,
  createScratchDatabase,
  documentedAnswers,
  readMail,
  requireKafkaBrokers,
  startSmsGateway,
  startSmtpServer,
  startWebhookReceiver,
  waitFor,
  type ScratchDatabase,
} from '@onedoor/testing';
import { MessagingBlock } from '../src';
import { identityEventSource } from './identity-events';

const RECEIPT_SECRET = 'receipt-secret-for-tests';
const WEBHOOK_SECRET = 'webhook-secret-for-tests';
let webhook: Awaited<ReturnType<typeof startWebhookReceiver>>;
let platform: RunningPlatform;
let db: ScratchDatabase;
let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
let backupGateway: Awaited<ReturnType<typeof startSmsGateway>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let identityEvents: Awaited<ReturnType<typeof identityEventSource>>;
let messaging: string;
let authority: Awaited<ReturnType<typeof createDevelopmentAuthority>>;
let sender: string;
let operator: string;
const brokers = requireKafkaBrokers();
const saved: Record<string, string | undefined> = {};

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => db.query<T>(text, params);

async function enrol(overrides: Parameters<typeof identityEvents.enrolled>[0] = {}) {
  const person = await identityEvents.enrolled(overrides);
  await waitFor('recipient known', async () =>
    (await sql(`SELECT 1 FROM messaging.recipients WHERE person_id = $1`, [person.personId])).length
      ? person
      : undefined,
  );
  return { id: person.personId, uin: person.uin, phone: person.phone, email: person.email };
}

const messagesOf = (personId: string) =>
  sql<{
    id: string;
    status: string;
    channel: string;
    template_key: string;
    detail: string | null;
    attempts: number;
    provider: string | null;
  }>(
    `SELECT id, status, channel, template_key, detail, attempts, provider FROM messaging.messages WHERE person_id = $1 ORDER BY created_at`,
    [personId],
  );

/** The registration block's events about an application of this person, published as that block publishes them. */
async function applicationEvents(
  personId: string,
  trackingCode: string,
  events: { contract: typeof ApplicationSubmitted | typeof ApplicationStatusChanged; extra?: object }[],
) {
  const registration = await blockEventSource(db.url, brokers, 'registration');
  const application = {
    applicationId: randomUUID(),
    trackingCode,
    serviceCode: 'business-licence',
    serviceVersion: 1,
    applicantId: personId,
    ministry: 'MOIC',
    status: 'PENDING' as const,
    at: new Date().toISOString(),
  };
  try {
    for (const { contract, extra } of events)
      await registration.publish(contract, { ...application, ...extra } as never);
  } finally {
    await registration.close();
  }
}

/** The text of the SMS of this template sent to the person, once it is sent. */
async function sentText(personId: string, templateKey: string): Promise<string> {
  const sent = await waitFor(`${templateKey} sent`, async () => {
    const message = (await messagesOf(personId)).find((r) => r.template_key === templateKey && r.channel === 'sms');
    return message?.status === 'Sent' ? message : undefined;
  });
  // Either gateway: the first rests for a while after the delivery tests make it fail.
  return (gateway.delivered.get(sent.id) ?? backupGateway.delivered.get(sent.id))!.text;
}

let answers: Awaited<ReturnType<typeof documentedAnswers>>;

beforeAll(async () => {
  gateway = await startSmsGateway();
  backupGateway = await startSmsGateway();
  smtp = await startSmtpServer();
  webhook = await startWebhookReceiver(WEBHOOK_SECRET, 1);
  db = await createScratchDatabase('messaging');
  authority = await createDevelopmentAuthority();
  const blockEnv = {
    MESSAGING_SMTP_URLS: smtp.url,
    MESSAGING_SMS_GATEWAYS: `${gateway.url},${backupGateway.url}`,
    MESSAGING_RECEIPT_SECRET: RECEIPT_SECRET,
    MESSAGING_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ONEDOOR_DATA_DIR: 'memory',
  };
  for (const [key, value] of Object.entries(blockEnv)) {
    saved[key] = process.env[key];
    process.env[key] = value;
  }
  platform = await startPlatform(
    [MessagingBlock],
    loadPlatformConfig({
      KAFKA_BROKERS: brokers.join(','),
      DATABASE_URL: db.url,
      AUTH_JWKS: JSON.stringify(authority.jwks),
      MESSAGING_PORT: '0',
      LOG_LEVEL: 'warn',
      ONEDOOR_DATA_DIR: 'memory',
      CONSUMER_INITIAL_BACKOFF_MS: '50',
    }),
  );
  messaging = platform.urls.messaging;
  answers = await documentedAnswers([messaging]);
  checkAnswers(answers.check);
  identityEvents = await identityEventSource(db.url, brokers);
  sender = await authority.sign({ sub: 'registration-block', roles: ['messaging.sender'] });
  operator = await authority.sign({ sub: 'operator', roles: ['platform.operator'] });
});

afterEach(() => {
  // What the document promises is what a client gets.
  expect(answers.mismatches.splice(0)).toEqual([]);
});

afterAll(async () => {
  checkAnswers(undefined);
  expect(answers?.checked).toBeGreaterThan(10);
  await identityEvents?.close();
  await platform?.close();
  await Promise.all([gateway?.close(), backupGateway?.close(), smtp?.close(), webhook?.close()]);
  await db?.drop();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('messaging from events', () => {
  it('welcomes a newly enrolled person by SMS in Lao, once; a signed receipt marks it delivered', async () => {
    const person = await enrol();
    const [message] = await waitFor('welcome sent', async () => {
      const rows = await messagesOf(person.id);
      return rows.length && rows[0].status === 'Sent' ? rows : undefined;
    });
    expect(message).toMatchObject({ channel: 'sms', template_key: 'identity.welcome', provider: 'sms-1' });
    const received = gateway.delivered.get(message.id)!;
    expect(received.to).toBe(person.phone);
    expect(received.text).toContain(person.uin);
    expect(received.text).toContain('ຍິນດີຕ້ອນຮັບ');

    const body = JSON.stringify({ providerMessageId: `gw-${message.id.slice(0, 8)}`, status: 'delivered' });
    const unsigned = await api(`${messaging}/providers/sms-1/receipts`, {
      method: 'POST',
      body,
      headers: { 'x-onedoor-signature': 'sha256=00' },
    });
    expect(unsigned.status).toBe(401);
    const signature = `sha256=${createHmac('sha256', RECEIPT_SECRET).update(body).digest('hex')}`;
    const receipt = await api(`${messaging}/providers/sms-1/receipts`, {
      method: 'POST',
      body,
      headers: { 'x-onedoor-signature': signature },
    });
    expect(receipt.json).toEqual({ messageId: message.id, status: 'Delivered' });
    const seen = await readTopic(brokers, MessageDelivered.topic, (messages) =>
      messages.some(
        (m) =>
          m.headers.ce_type === MessageDelivered.type &&
          (JSON.parse(m.value) as MessageStatusPayload).messageId === message.id,
      ),
    );
    expect(seen.length).toBeGreaterThan(0);
    // A notification the events made is its person's and the platform team's to read, not a sender client's.
    expect((await api(`${messaging}/messages/${message.id}`, { token: sender })).status).toBe(404);
    const view = await api(`${messaging}/messages/${message.id}`, { token: operator });
    expect((view.json.history as { status: string }[]).map((h) => h.status)).toEqual(['Pending', 'Sent', 'Delivered']);
    expect(view.json.smsParts).toBe(1);
  });

  it('delivers a one-time code by SMS, essential even when the person opted out; the code travels sealed', async () => {
    const person = await enrol();
    await waitFor('welcome', async () => (await messagesOf(person.id)).length === 1 || undefined);
    await sql(`UPDATE messaging.recipients SET opted_out = true WHERE person_id = $1`, [person.id]);
    await identityEvents.codeRequested({
      challengeId: randomUUID(),
      personId: person.id,
      channel: 'sms',
      destination: person.phone!,
      language: 'en',
      code: '482913',
      expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(),
    });
    const sent = await waitFor('code sent', async () => {
      const rows = await messagesOf(person.id);
      const code = rows.find((r) => r.template_key === 'identity.one-time-code');
      return code?.status === 'Sent' ? code : undefined;
    });
    expect(gateway.delivered.get(sent.id)!.text).toBe(
      'OneDoor sign-in code: 482913. Valid for 5 minutes. Never share it.',
    );
    // What any reader of the topic sees: neither the code nor the phone number.
    const onTheWire = await readTopic(brokers, OneTimeCodeRequested.topic, (messages) =>
      messages.some((m) => m.value.includes(person.id)),
    );
    const raw = onTheWire.find((m) => m.value.includes(person.id))!.value;
    expect(raw).not.toContain(person.phone!);
    expect(Object.keys(JSON.parse(raw) as object).sort()).toEqual(
      ['challengeId', 'channel', 'expiresAt', 'language', 'personId', 'purpose', 'sealed'].sort(),
    );
  });

  it("sends a staff account's activation proof with its own words, in the person's language", async () => {
    const person = await enrol({ preferredLanguage: 'lo' });
    await waitFor('welcome', async () => (await messagesOf(person.id)).length === 1 || undefined);
    await identityEvents.codeRequested({
      challengeId: randomUUID(),
      personId: person.id,
      purpose: 'activation',
      channel: 'sms',
      destination: person.phone!,
      language: 'lo',
      code: '310562',
      expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(),
    });
    const sent = await waitFor('activation code sent', async () => {
      const rows = await messagesOf(person.id);
      const code = rows.find((r) => r.template_key === 'identity.activation-code');
      return code?.status === 'Sent' ? code : undefined;
    });
    const text = gateway.delivered.get(sent.id)!.text;
    expect(text).toContain('310562');
    expect(text).toContain('ເປີດໃຊ້ບັນຊີພະນັກງານລັດ');
  });

  it('dead-letters a code sealed for another key, and goes on with the next', async () => {
    const person = await enrol();
    await waitFor('welcome', async () => (await messagesOf(person.id)).length === 1 || undefined);
    const stranger = await Sealer.forKey(newSealingKeyPair().publicKey);
    const lost = randomUUID();
    const request = {
      personId: person.id,
      channel: 'sms' as const,
      destination: person.phone!,
      language: 'en' as const,
      expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(),
    };
    await identityEvents.codeRequested({ ...request, challengeId: lost, code: '111111' }, stranger);
    await identityEvents.codeRequested({ ...request, challengeId: randomUUID(), code: '222222' });
    const letters = await readTopic(brokers, deadLetterTopic('onedoor.messaging'), (messages) =>
      messages.some((m) => m.value.includes(lost)),
    );
    expect(letters.find((m) => m.value.includes(lost))!.headers[DEAD_LETTER_HEADERS.error]).toContain(
      'cannot open a sealed part',
    );
    const sent = await waitFor('the next code sent', async () => {
      const rows = await messagesOf(person.id);
      const code = rows.find((r) => r.template_key === 'identity.one-time-code');
      return code?.status === 'Sent' ? code : undefined;
    });
    expect(gateway.delivered.get(sent.id)!.text).toContain('222222');
    expect((await messagesOf(person.id)).filter((r) => r.template_key === 'identity.one-time-code')).toHaveLength(1);
  });

  it("tells the applicant their application's decision, in their language, by SMS and by e-mail", async () => {
    const person = await enrol({ email: 'decision@example.la' });
    await waitFor('welcome', async () => (await messagesOf(person.id)).length === 1 || undefined);
    const decided = { contract: ApplicationStatusChanged, extra: { status: 'APPROVED', previousStatus: 'PENDING' } };
    await applicationEvents(person.id, 'K7Q4-M9XH-5', [decided]);
    expect(await sentText(person.id, 'registration.status-changed')).toBe('ຄຳຮ້ອງ K7Q4-M9XH-5: ອະນຸມັດແລ້ວ.');
    // The rule reaches every address the person has, not only the preferred channel: the e-mail too, in Lao.
    const mail = await waitFor('the decision by e-mail', async () => {
      const found = smtp.mails.find((m) => m.to.includes('decision@example.la'));
      return found && (await readMail(found));
    });
    expect(mail).toMatchObject({ subject: 'ຄຳຮ້ອງ K7Q4-M9XH-5', text: 'ຄຳຮ້ອງ K7Q4-M9XH-5: ອະນຸມັດແລ້ວ.' });
    const decisions = (await messagesOf(person.id)).filter((m) => m.template_key === 'registration.status-changed');
    expect(decisions.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
  });

  it('tells the applicant what to correct when the office sends the application back', async () => {
    const person = await enrol({ preferredLanguage: 'en' });
    await waitFor('welcome', async () => (await messagesOf(person.id)).length === 1 || undefined);
    await applicationEvents(person.id, 'H4V9-C2KD-3', [
      {
        contract: ApplicationStatusChanged,
        extra: { status: 'SENDBACK', previousStatus: 'PENDING', comment: 'Sign page 2 of the business plan.' },
      },
    ]);
    expect(await sentText(person.id, 'registration.status-changed')).toBe(
      'Application H4V9-C2KD-3: please correct it and send it again. Sign page 2 of the business plan.',
    );
  });

  it('gives the applicant the tracking code when the application is received, and again after a correction', async () => {
    const person = await enrol({ preferredLanguage: 'en' });
    await waitFor('welcome', async () => (await messagesOf(person.id)).length === 1 || undefined);
    await applicationEvents(person.id, 'P3W8-R2TN-7', [
      { contract: ApplicationSubmitted },
      { contract: ApplicationResubmitted },
    ]);
    const texts = await waitFor('both receipts sent', async () => {
      const rows = (await messagesOf(person.id)).filter((r) => r.template_key.startsWith('registration.'));
      return rows.length === 2 && rows.every((r) => r.status === 'Sent')
        ? rows.map((r) => gateway.delivered.get(r.id)!.text).sort()
        : undefined;
    });
    expect(texts).toEqual([
      'We received your application. Tracking code: P3W8-R2TN-7.',
      'We received your corrected application. Tracking code: P3W8-R2TN-7.',
    ]);
  });
});

describe('messaging API', () => {
  it('sends a template to an email address through SMTP', async () => {
    const sent = await api(`${messaging}/messages`, {
      method: 'POST',
      token: sender,
      body: {
        templateKey: 'identity.welcome',
        variables: { displayName_lo: 'Somphone', uin: '2947508361' },
        address: { channel: 'email', destination: 'somphone@example.la', language: 'en' },
      },
    });
    expect(sent.status).toBe(202);
    const mail = await waitFor('mail received', () =>
      smtp.mails.find((m) => m.raw.includes(sent.json.messageId as string)),
    );
    expect(mail.to).toEqual(['somphone@example.la']);
    expect(mail.raw).toContain('Subject: Welcome to OneDoor');
    expect(mail.raw.replace(/=\r\n/g, '')).toContain('Your identification number is 2947508361.');
  });

  it('falls back to the other language when a template is missing, and says so', async () => {
    const sent = await api(`${messaging}/messages`, {
      method: 'POST',
      token: sender,
      body: {
        templateKey: 'identity.welcome',
        variables: { displayName_lo: 'ສົມພອນ', uin: '2947508361' },
        address: { channel: 'sms', destination: '+8562055500001', language: 'en' },
      },
    });
    const view = await api(`${messaging}/messages/${sent.json.messageId}`, { token: sender });
    expect(view.json.detail).toBe('template in en missing: sent in lo');
    // Still said once it went: the note explains the message's language, not an attempt's error.
    const went = await waitFor('the message sent', async () => {
      const seen = await api(`${messaging}/messages/${sent.json.messageId}`, { token: sender });
      return ['Sent', 'Delivered'].includes(seen.json.status as string) ? seen : undefined;
    });
    expect(went.json.detail).toBe('template in en missing: sent in lo');
  });

  it('answers bad input with problem+json and stores nothing', async () => {
    const [{ n: before }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM messaging.messages`);
    const unknown = await api(`${messaging}/messages`, {
      method: 'POST',
      token: sender,
      body: { templateKey: 'nothing.here', address: { channel: 'sms', destination: '+8562055500002' } },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json.code).toBe('MESSAGING.UNKNOWN_TEMPLATE');
    const missing = await api(`${messaging}/messages`, {
      method: 'POST',
      token: sender,
      body: {
        templateKey: 'identity.welcome',
        variables: { uin: '1' },
        address: { channel: 'sms', destination: '+8562055500002' },
      },
    });
    expect(missing.status).toBe(422);
    expect(missing.json.errors).toEqual([{ field: 'variables.displayName_lo', message: 'required by the template' }]);
    const badPhone = await api(`${messaging}/messages`, {
      method: 'POST',
      token: sender,
      body: { templateKey: 'identity.welcome', address: { channel: 'sms', destination: '020 555' } },
    });
    expect(badPhone.status).toBe(400);
    const oversize = await api(`${messaging}/messages/batch`, {
      method: 'POST',
      token: sender,
      body: {
        templateKey: 'identity.welcome',
        items: Array.from({ length: 1_001 }, () => ({ address: { channel: 'sms', destination: '+8562055500003' } })),
      },
    });
    expect(oversize.status).toBe(400);
    const notASender = await api(`${messaging}/messages`, {
      method: 'POST',
      token: await authority.sign({ sub: 'registrar', roles: ['identity.registrar'] }),
      body: { templateKey: 'identity.welcome', address: { channel: 'sms', destination: '+8562055500002' } },
    });
    expect(notASender.status).toBe(403);
    const [{ n: after }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM messaging.messages`);
    expect(after).toBe(before);
  });

  it('refuses non-essential messages to people who opted out', async () => {
    const person = await enrol();
    await waitFor(
      'recipient known',
      async () =>
        (await sql(`SELECT 1 FROM messaging.recipients WHERE person_id = $1`, [person.id])).length || undefined,
    );
    await sql(`UPDATE messaging.recipients SET opted_out = true WHERE person_id = $1`, [person.id]);
    const refused = await api(`${messaging}/messages`, {
      method: 'POST',
      token: sender,
      body: { templateKey: 'identity.welcome', variables: { displayName_lo: 'x', uin: '1' }, personId: person.id },
    });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('MESSAGING.OPTED_OUT');
    const essential = await api(`${messaging}/messages`, {
      method: 'POST',
      token: sender,
      body: {
        templateKey: 'identity.welcome',
        variables: { displayName_lo: 'x', uin: '1' },
        personId: person.id,
        essential: true,
      },
    });
    expect(essential.status).toBe(202);
  });

  it('sends batches and reports their status counts', async () => {
    const batch = await api(`${messaging}/messages/batch`, {
      method: 'POST',
      token: sender,
      body: {
        templateKey: 'identity.welcome',
        items: [1, 2, 3].map((i) => ({
          address: { channel: 'sms', destination: `+85620555000${i}0` },
          variables: { displayName_lo: `ຄົນທີ ${i}`, uin: `29475083${i}1` },
        })),
      },
    });
    expect(batch.status).toBe(202);
    expect(batch.json.accepted).toBe(3);
    const status = await waitFor('batch delivered', async () => {
      const r = await api(`${messaging}/batches/${batch.json.batchId as string}/status`, { token: sender });
      return r.json.delivered === 3 ? r.json : undefined;
    });
    expect(status).toMatchObject({ scheduled: 0, processing: 0, bounced: 0, delivered: 3 });
  });
});

describe('delivery', () => {
  it('fails over to the second gateway while the first is down', async () => {
    gateway.setMode('unavailable');
    try {
      const sent = await api(`${messaging}/messages`, {
        method: 'POST',
        token: sender,
        body: {
          templateKey: 'identity.welcome',
          variables: { displayName_lo: 'x', uin: '1' },
          address: { channel: 'sms', destination: '+8562055509999' },
        },
      });
      const view = await waitFor('sent by the backup', async () => {
        const r = await api(`${messaging}/messages/${sent.json.messageId}`, { token: sender });
        return r.json.status === 'Sent' ? r.json : undefined;
      });
      expect(view.provider).toBe('sms-2');
      expect(backupGateway.delivered.has(sent.json.messageId as string)).toBe(true);
    } finally {
      gateway.setMode('ok');
    }
  });

  it('falls back from SMS to email when the SMS is refused for good', async () => {
    const person = await enrol({ email: 'fallback@example.la', preferredChannel: 'sms' });
    await waitFor('welcome', async () => (await messagesOf(person.id)).some((m) => m.status === 'Sent') || undefined);
    gateway.setMode('refuse');
    backupGateway.setMode('refuse');
    try {
      const sent = await api(`${messaging}/messages`, {
        method: 'POST',
        token: sender,
        body: {
          templateKey: 'identity.one-time-code',
          variables: { code: '111222', minutes: 5 },
          personId: person.id,
          essential: true,
        },
      });
      const view = await waitFor('sent by email', async () => {
        const r = await api(`${messaging}/messages/${sent.json.messageId}`, { token: sender });
        return r.json.status === 'Sent' ? r.json : undefined;
      });
      expect(view).toMatchObject({ channel: 'email', provider: 'email-1' });
      expect(String(view.detail)).toContain('sent by email instead');
    } finally {
      gateway.setMode('ok');
      backupGateway.setMode('ok');
    }
  });

  it('never sends twice after a dispatcher stopped mid-hand-over: SMS is asked again with the same key, email is not', async () => {
    const sms = await api(`${messaging}/messages`, {
      method: 'POST',
      token: sender,
      body: {
        templateKey: 'identity.welcome',
        variables: { displayName_lo: 'x', uin: '1' },
        address: { channel: 'sms', destination: '+8562055508888' },
      },
    });
    await waitFor('sms sent and recorded', async () => {
      const [row] = await sql<{ status: string }>(`SELECT status FROM messaging.messages WHERE id = $1`, [
        sms.json.messageId,
      ]);
      return row?.status === 'Sent' || undefined;
    });
    // As if the dispatcher had handed both over and stopped before recording it.
    await sql(
      `UPDATE messaging.messages SET status = 'Queued', lease_until = now() - interval '1 second' WHERE id = $1`,
      [sms.json.messageId],
    );
    const email = randomUUID();
    await sql(
      `INSERT INTO messaging.messages (id, source_key, channel, destination, language, body, variables, essential, status, attempts,
         next_attempt_at, lease_until, expires_at)
       VALUES ($1, $2, 'email', 'doubt@example.la', 'en', 'body', '{}', false, 'Queued', 1, now(), now() - interval '1 second', now() + interval '1 day')`,
      [email, `test:${email}`],
    );
    await waitFor('recovered', async () => {
      const rows = await sql<{ id: string; status: string }>(
        `SELECT id, status FROM messaging.messages WHERE id = ANY($1)`,
        [[sms.json.messageId, email]],
      );
      return rows.every((r) => r.status === 'Sent' || r.status === 'Errored') ? rows : undefined;
    });
    // Asked of the same gateway both times: sms-1, or sms-2 while sms-1 rests after the earlier tests' failures.
    const both = [gateway, backupGateway];
    const callsForSms = both.flatMap((g) => g.calls).filter((k) => k === sms.json.messageId).length;
    expect(callsForSms).toBe(2);
    expect(both.flatMap((g) => [...g.delivered.values()]).filter((d) => d.key === sms.json.messageId)).toHaveLength(1);
    const [doubt] = await sql<{ status: string; detail: string }>(
      `SELECT status, detail FROM messaging.messages WHERE id = $1`,
      [email],
    );
    expect(doubt.status).toBe('Errored');
    expect(doubt.detail).toContain('in doubt');
    expect(smtp.mails.some((m) => m.to.includes('doubt@example.la'))).toBe(false);
  });
});

describe('webhooks', () => {
  it('posts a signed webhook, and retries it after the receiver fails', async () => {
    const sent = await api(`${messaging}/messages`, {
      method: 'POST',
      token: sender,
      body: {
        templateKey: 'identity.welcome',
        variables: { displayName_lo: 'Integrator', uin: '2947508361' },
        address: { channel: 'webhook', destination: webhook.url, language: 'en' },
      },
    });
    expect(sent.status).toBe(202);
    const [hook] = await waitFor('webhook received', () => (webhook.received.length ? webhook.received : undefined));
    expect(hook).toMatchObject({ messageId: sent.json.messageId, signatureValid: true });
    expect(hook.body.body).toContain('2947508361');
    expect(webhook.calls()).toBe(2);
    // The endpoint's 2xx is the delivery.
    const view = await waitFor('recorded as delivered', async () => {
      const r = await api(`${messaging}/messages/${sent.json.messageId}`, { token: sender });
      return r.json.status === 'Delivered' ? r.json : undefined;
    });
    expect(view).toMatchObject({ attempts: 2, provider: 'webhook' });
    const badUrl = await api(`${messaging}/messages`, {
      method: 'POST',
      token: sender,
      body: { templateKey: 'identity.welcome', variables: {}, address: { channel: 'webhook', destination: 'ftp://x' } },
    });
    expect(badUrl.status).toBe(400);
  });
});

describe('the in-app inbox and preferences', () => {
  it('puts a message in the inbox of a person without phone or email, and lets them read it and opt out', async () => {
    const person = await enrol({ phone: undefined, email: undefined });
    const citizen = await authority.sign({ sub: person.id, roles: ['citizen'] });
    const inbox = await waitFor('welcome in the inbox', async () => {
      const r = await api(`${messaging}/inbox`, { token: citizen });
      return (r.json.items as unknown[])?.length ? r.json : undefined;
    });
    const [item] = inbox.items as { id: string; body: string; readAt: string | null }[];
    expect(item.body).toContain(person.uin);
    expect(item.readAt).toBeNull();
    expect((await api(`${messaging}/inbox/${item.id}/read`, { method: 'POST', token: citizen })).json).toMatchObject({
      read: true,
      changed: true,
    });
    const other = await authority.sign({ sub: randomUUID(), roles: ['citizen'] });
    expect(((await api(`${messaging}/inbox`, { token: other })).json.items as unknown[]).length).toBe(0);
    expect((await api(`${messaging}/messages/${item.id}`, { token: other })).status).toBe(404);

    const prefs = await api(`${messaging}/preferences/me`, { method: 'PUT', token: citizen, body: { optedOut: true } });
    expect(prefs.json).toMatchObject({ optedOut: true, preferredLanguage: 'lo' });
    const refused = await api(`${messaging}/messages`, {
      method: 'POST',
      token: sender,
      body: { templateKey: 'identity.welcome', variables: { displayName_lo: 'x', uin: '1' }, personId: person.id },
    });
    expect(refused.status).toBe(409);
  });

  it('keeps a copy of what reached a person by SMS in their inbox, read there too; never a one-time code', async () => {
    const person = await enrol();
    const citizen = await authority.sign({ sub: person.id, roles: ['citizen'] });
    await waitFor('welcome', async () => (await messagesOf(person.id)).length === 1 || undefined);
    await identityEvents.codeRequested({
      challengeId: randomUUID(),
      personId: person.id,
      channel: 'sms',
      destination: person.phone!,
      language: 'lo',
      code: '730214',
      expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(),
    });
    await waitFor('the code sent', async () => (await messagesOf(person.id)).length === 2 || undefined);
    const inbox = await api(`${messaging}/inbox`, { token: citizen });
    expect(inbox.json).toMatchObject({ total: 1, items: [{ channel: 'sms', templateKey: 'identity.welcome' }] });
    expect(inbox.text).not.toContain('730214');
    const [welcome] = inbox.json.items as { id: string; body: string }[];
    expect(welcome.body).toContain(person.uin);
    const code = (await messagesOf(person.id)).find((m) => m.template_key === 'identity.one-time-code')!;
    const read = (id: string) => api(`${messaging}/inbox/${id}/read`, { method: 'POST', token: citizen });
    expect((await read(welcome.id)).json).toMatchObject({ changed: true });
    expect((await read(code.id)).json).toMatchObject({ changed: false }); // not in the inbox: nothing to mark
    expect((await api(`${messaging}/inbox`, { token: citizen })).json.items).toEqual([
      expect.objectContaining({ id: welcome.id, readAt: expect.any(String) }),
    ]);
  });

  it('takes back what GET answers, and changes the channel and language notifications come in', async () => {
    const person = await enrol({ email: undefined, preferredLanguage: 'lo' });
    const citizen = await authority.sign({ sub: person.id, roles: ['citizen'] });
    const read = await api(`${messaging}/preferences/me`, { token: citizen });
    expect(read.json).toEqual({ optedOut: false, preferredLanguage: 'lo', preferredChannel: 'sms' });
    const same = await api(`${messaging}/preferences/me`, { method: 'PUT', token: citizen, body: read.json });
    expect([same.status, same.json]).toEqual([200, read.json]);
    const noEmail = await api(`${messaging}/preferences/me`, {
      method: 'PUT',
      token: citizen,
      body: { preferredChannel: 'email' },
    });
    expect([noEmail.status, noEmail.json.code, noEmail.json.errors]).toEqual([
      422,
      'MESSAGING.NO_ADDRESS',
      [{ field: 'preferredChannel', message: 'no e-mail address known' }],
    ]);
    const english = await api(`${messaging}/preferences/me`, {
      method: 'PUT',
      token: citizen,
      body: { preferredLanguage: 'en' },
    });
    expect(english.json).toEqual({ optedOut: false, preferredLanguage: 'en', preferredChannel: 'sms' });
    await applicationEvents(person.id, 'B8N2-T6QR-4', [
      { contract: ApplicationStatusChanged, extra: { status: 'APPROVED', previousStatus: 'PENDING' } },
    ]);
    expect(await sentText(person.id, 'registration.status-changed')).toBe('Application B8N2-T6QR-4: approved.');
  });
});

describe('templates', () => {
  it('checks a template before saving it', async () => {
    const broken = await api(`${messaging}/templates/registration.status-changed/sms/en`, {
      method: 'PUT',
      token: operator,
      body: { body: 'Application {code is {status}' },
    });
    expect(broken.status).toBe(422);
    const saved = await api(`${messaging}/templates/registration.status-changed/sms/en`, {
      method: 'PUT',
      token: operator,
      body: {
        body: 'Application {code}: {status, select, APPROVED {approved} REJECTED {rejected} other {in progress}}.',
      },
    });
    expect(saved.status).toBe(200);
    const notOperator = await api(`${messaging}/templates/registration.status-changed/sms/en`, {
      method: 'PUT',
      token: sender,
      body: { body: 'x' },
    });
    expect(notOperator.status).toBe(403);
    const one = await api(`${messaging}/templates/registration.status-changed/sms/en`, { token: operator });
    expect(one.json).toMatchObject({ key: 'registration.status-changed', channel: 'sms', language: 'en' });
    const none = await api(`${messaging}/templates/registration.status-changed/sms/fr`, { token: operator });
    expect([none.status, none.json.code]).toEqual([404, 'MESSAGING.TEMPLATE_NOT_FOUND']);
    const rule = await api(`${messaging}/rules/registration-status-changed`, { token: operator });
    expect(rule.json).toMatchObject({ id: 'registration-status-changed', templateKey: 'registration.status-changed' });
    expect((await api(`${messaging}/rules/no-such-rule`, { token: operator })).status).toBe(404);
  });
});
