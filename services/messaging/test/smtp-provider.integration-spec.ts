import { createServer } from 'node:net';
import type { Worker } from 'node:worker_threads';
import { HandOverInDoubt, PermanentSendError, SmtpProvider, smtpPoolOptions } from '../src/gateways/channels/providers';
import { SmtpThread } from '../src/gateways/channels/smtp-thread';
import { startSmtpServer } from '@onedoor/testing';

/** Refuses gone@ for good (550) and busy@ for now (451); never answers a mail to hang@. */
const refusingSmtpServer = () =>
  startSmtpServer({
    refuse: (address) => (address.startsWith('gone@') ? 550 : address.startsWith('busy@') ? 451 : undefined),
    holds: (address) => address.startsWith('hang@'),
  });

describe('SmtpProvider (nodemailer pools on their own threads, against a real SMTP server)', () => {
  let smtp: Awaited<ReturnType<typeof refusingSmtpServer>>;
  let provider: SmtpProvider;

  beforeAll(async () => {
    smtp = await refusingSmtpServer();
    provider = new SmtpProvider('email-1', smtp.url, 'OneDoor <no-reply@onedoor.gov.la>', 2);
  });
  afterAll(async () => {
    await provider.close();
    await smtp.close();
  });

  it('hands mails over through its threads, in Lao and English, each with its own Message-ID', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `0b5e7c52-6f0d-4a43-9d1e-${String(i).padStart(12, '0')}`);
    const sent = await Promise.all(
      ids.map((messageId, i) =>
        provider.send({
          messageId,
          destination: `person${i}@example.la`,
          subject: i % 2 ? 'ລະຫັດເຂົ້າລະບົບ' : 'Sign-in code',
          body: i % 2 ? `ລະຫັດຂອງທ່ານແມ່ນ ${i}` : `Your code is ${i}`,
        }),
      ),
    );
    expect(sent.map((s) => s.providerMessageId)).toEqual(ids.map((id) => `<${id}@onedoor.gov.la>`));
    expect(smtp.mails).toHaveLength(20);
    const lao = smtp.mails.find((m) => m.to[0] === 'person1@example.la')!;
    expect(lao.raw).toMatch(new RegExp(`^X-OneDoor-Message-Id: ${ids[1]}`, 'im'));
    expect(lao.raw).toMatch(/^Subject: =\?UTF-8\?/im);
    expect(lao.raw).toMatch(/^From: OneDoor <no-reply@onedoor\.gov\.la>/im);
  });

  it('reports a refusal for good as permanent, and one for now as worth retrying', async () => {
    const send = (destination: string) =>
      provider.send({ messageId: '1d4c9a5e-0000-4000-8000-000000000001', destination, body: 'x' });
    await expect(send('gone@example.la')).rejects.toBeInstanceOf(PermanentSendError);
    const busy = await send('busy@example.la').catch((error: Error) => error);
    expect(busy).toBeInstanceOf(Error);
    expect(busy).not.toBeInstanceOf(PermanentSendError);
    // The threads still work after refusals.
    await expect(send('after@example.la')).resolves.toEqual({
      providerMessageId: '<1d4c9a5e-0000-4000-8000-000000000001@onedoor.gov.la>',
    });
  });

  it('reports the mails under way as in doubt when its thread dies, and starts a new thread for the next', async () => {
    const thread = new SmtpThread(smtpPoolOptions(smtp.url, 2));
    try {
      const mail = (to: string) => ({ from: 'no-reply@onedoor.gov.la', to, subject: 's', text: 'x' });
      const hanging = thread.send(mail('hang@example.la'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await (thread as unknown as { worker: Worker }).worker.terminate();
      await expect(hanging).rejects.toBeInstanceOf(HandOverInDoubt);
      await expect(thread.send(mail('next@example.la'))).resolves.toMatch(/^<.+>$/);
      expect(smtp.mails.some((m) => m.to.includes('next@example.la'))).toBe(true);
    } finally {
      await thread.close();
    }
  });

  it('fails a mail when the server is gone (an error worth retrying, not a refusal)', async () => {
    const gone = await refusingSmtpServer();
    const lonely = new SmtpProvider('email-2', gone.url, 'no-reply@onedoor.gov.la', 1);
    try {
      await gone.close();
      const failed = await lonely
        .send({ messageId: '2d4c9a5e-0000-4000-8000-000000000002', destination: 'a@example.la', body: 'x' })
        .catch((error: Error) => error);
      expect(failed).toBeInstanceOf(Error);
      expect(failed).not.toBeInstanceOf(PermanentSendError);
    } finally {
      await lonely.close();
    }
  });

  it('gives up within its timeout on a server that stalls, and says whether the mail could have gone', async () => {
    const stalling = await startSmtpServer({
      stalls: (address) => address.startsWith('stall@'),
      holds: (address) => address.startsWith('hang@'),
    });
    const silent = createServer(() => undefined); // accepts connections, never greets
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const quick = new SmtpProvider('email-1', stalling.url, 'no-reply@onedoor.gov.la', 1, 1);
    const mute = new SmtpProvider(
      'email-2',
      `smtp://127.0.0.1:${(silent.address() as { port: number }).port}`,
      'no-reply@onedoor.gov.la',
      1,
      1,
    );
    const send = (provider: SmtpProvider, destination: string) => {
      const started = Date.now();
      return provider.send({ messageId: '3d4c9a5e-0000-4000-8000-000000000003', destination, body: 'x' }).then(
        () => ({ error: undefined as unknown, seconds: (Date.now() - started) / 1000 }),
        (error: unknown) => ({ error, seconds: (Date.now() - started) / 1000 }),
      );
    };
    try {
      // Stalled before the mail was written (no answer to RCPT TO), or never greeted: a known failure, so
      // the dispatcher tries the next provider; seconds, not nodemailer's minutes.
      for (const outcome of [await send(quick, 'stall@example.la'), await send(mute, 'a@example.la')]) {
        expect(outcome.error).toBeInstanceOf(Error);
        expect(outcome.error).not.toBeInstanceOf(PermanentSendError);
        expect(outcome.error).not.toBeInstanceOf(HandOverInDoubt);
        expect(outcome.seconds).toBeLessThan(5);
      }
      // Written to the end and never answered: the server may have it. In doubt, never sent again elsewhere.
      const held = await send(quick, 'hang@example.la');
      expect(held.error).toBeInstanceOf(HandOverInDoubt);
      expect(held.seconds).toBeLessThan(5);
    } finally {
      await quick.close();
      await mute.close();
      silent.close();
      await stalling.close();
    }
  });
});
