import { MessageDelivered, MessageFailed, MessageSent } from '@onedoor/contracts';
import { waitFor } from '@onedoor/testing';
import { messagingTestBed, RecordingProvider, sender } from '../../../test/use-case-harness';
import { PermanentSendError } from '../channel-provider';
import { SaveTemplate } from '../save-template/save-template.command';
import { SaveTemplateHandler } from '../save-template/save-template.handler';
import { SendMessage } from '../send-message/send-message.command';
import { SendMessageHandler } from '../send-message/send-message.handler';

const bed = messagingTestBed(() => ({}));

const statusOf = async (id: string) =>
  (
    await bed.uc.sql<{ status: string; channel: string }>(
      `SELECT status, channel FROM messaging.messages WHERE id = $1`,
      [id],
    )
  )[0];

async function dispatching<T>(providers: RecordingProvider[], work: (send: SendMessageHandler) => Promise<T>) {
  const dispatcher = bed.uc.dispatcher(providers);
  dispatcher.onApplicationBootstrap();
  try {
    return await work(new SendMessageHandler(bed.uc.messages, bed.uc.composer, dispatcher));
  } finally {
    await dispatcher.onModuleDestroy();
  }
}

describe('dispatching messages', () => {
  it('hands a message to its channel’s provider and records it Sent', async () => {
    const sms = new RecordingProvider('sms-1', 'sms', true);
    await dispatching([sms], async (send) => {
      const { messageId } = await send.execute(
        SendMessage.create({
          caller: sender,
          templateKey: 'identity.one-time-code',
          variables: { code: '424242', minutes: 5 },
          essential: true,
          address: { channel: 'sms', destination: '+8562055512345', language: 'lo' },
        }),
      );
      await waitFor('sent', async () => (await statusOf(messageId)).status === 'Sent');
      expect(sms.sent).toEqual([expect.objectContaining({ messageId, destination: '+8562055512345' })]);
    });
    expect(await bed.uc.outbox()).toContain(MessageSent.type);
  });

  it('falls back from an SMS refused for good to email when the person has an address', async () => {
    const personId = await bed.uc.enrol({ email: 'noy@example.la', preferredChannel: 'sms' });
    await new SaveTemplateHandler(bed.uc.messages, bed.uc.composer).execute(
      SaveTemplate.create({ key: 'identity.notice', channel: 'sms', language: 'lo', body: 'ແຈ້ງການ {n}' }),
    );
    await new SaveTemplateHandler(bed.uc.messages, bed.uc.composer).execute(
      SaveTemplate.create({
        key: 'identity.notice',
        channel: 'email',
        language: 'lo',
        subject: 'ແຈ້ງການ',
        body: 'ແຈ້ງການ {n}',
      }),
    );
    const sms = new RecordingProvider('sms-1', 'sms', true, () => new PermanentSendError('unknown number'));
    const email = new RecordingProvider('email-1', 'email');
    await dispatching([sms, email], async (send) => {
      const { messageId } = await send.execute(
        SendMessage.create({
          caller: sender,
          templateKey: 'identity.notice',
          variables: { n: 1 },
          essential: false,
          personId,
        }),
      );
      await waitFor('sent by email', async () => {
        const row = await statusOf(messageId);
        return row.status === 'Sent' && row.channel === 'email';
      });
      // The person's welcome message, waiting too, falls back the same way.
      expect(email.sent).toContainEqual(
        expect.objectContaining({ messageId, destination: 'noy@example.la', body: 'ແຈ້ງການ 1' }),
      );
    });
  });

  it('marks a message Errored when every provider refuses it for good and there is no fallback', async () => {
    const webhook = new RecordingProvider('webhook', 'webhook', true, () => new PermanentSendError('HTTP 410'));
    await dispatching([webhook], async (send) => {
      await new SaveTemplateHandler(bed.uc.messages, bed.uc.composer).execute(
        SaveTemplate.create({ key: 'platform.ping', channel: 'webhook', language: 'en', body: 'ping' }),
      );
      const { messageId } = await send.execute(
        SendMessage.create({
          caller: sender,
          templateKey: 'platform.ping',
          variables: {},
          essential: false,
          address: { channel: 'webhook', destination: 'https://receiver.example.la/hook', language: 'en' },
        }),
      );
      await waitFor('errored', async () => (await statusOf(messageId)).status === 'Errored');
    });
    expect(await bed.uc.outbox()).toContain(MessageFailed.type);
  });

  const ping = async (send: SendMessageHandler, channel: 'email' | 'webhook', destination: string) => {
    await new SaveTemplateHandler(bed.uc.messages, bed.uc.composer).execute(
      SaveTemplate.create({ key: 'platform.ping', channel, language: 'en', subject: 'ping', body: 'ping' }),
    );
    return (
      await send.execute(
        SendMessage.create({
          caller: sender,
          templateKey: 'platform.ping',
          variables: {},
          essential: false,
          address: { channel, destination, language: 'en' },
        }),
      )
    ).messageId;
  };
  const historyOf = (id: string) =>
    bed.uc.sql<{ status: string; provider: string | null; detail: string | null }>(
      `SELECT status, provider, detail FROM messaging.message_history WHERE message_id = $1 ORDER BY at, id`,
      [id],
    );

  it('fails over to the next provider when one refuses for good, and rests one that failed', async () => {
    // A misconfigured relay first in the list (554 to everything), then one that works.
    const misconfigured = new RecordingProvider('email-1', 'email', false, () => new PermanentSendError('SMTP 554'));
    const working = new RecordingProvider('email-2', 'email');
    await dispatching([misconfigured, working], async (send) => {
      const messageId = await ping(send, 'email', 'noy@example.la');
      await waitFor('sent by the second relay', async () => (await statusOf(messageId)).status === 'Sent');
      expect(working.sent.map((m) => m.messageId)).toEqual([messageId]);
    });

    // A relay that fails (a timeout) is tried after the others for a while: the next mails do not wait on it.
    const stalled = new RecordingProvider('email-1', 'email', false, () => new Error('Timeout'));
    const other = new RecordingProvider('email-2', 'email');
    const tried: string[] = [];
    const spy = (p: RecordingProvider) => {
      const send = p.send.bind(p);
      p.send = (request) => (tried.push(p.name), send(request));
    };
    spy(stalled);
    spy(other);
    await dispatching([stalled, other], async (send) => {
      const first = await ping(send, 'email', 'first@example.la');
      await waitFor('first sent', async () => (await statusOf(first)).status === 'Sent');
      const second = await ping(send, 'email', 'second@example.la');
      await waitFor('second sent', async () => (await statusOf(second)).status === 'Sent');
    });
    expect(tried).toEqual(['email-1', 'email-2', 'email-2']);
  });

  it('keeps one history line per failed attempt, clears their error once sent, and shows the provider message id', async () => {
    const busyOnce = new RecordingProvider('email-1', 'email', false, (call) =>
      call === 1 ? new Error('SMTP 451 try later') : undefined,
    );
    await dispatching([busyOnce], async (send) => {
      const messageId = await ping(send, 'email', 'later@example.la');
      await waitFor('back to Pending after the failed attempt', async () => {
        const [row] = await bed.uc.sql<{ status: string; attempts: number }>(
          `SELECT status, attempts FROM messaging.messages WHERE id = $1`,
          [messageId],
        );
        return row.status === 'Pending' && row.attempts === 1;
      });
      await bed.uc.sql(`UPDATE messaging.messages SET next_attempt_at = now() WHERE id = $1`, [messageId]);
      await waitFor('sent on the second attempt', async () => (await statusOf(messageId)).status === 'Sent');
      const [message] = await bed.uc.sql<{ detail: string | null; provider_message_id: string }>(
        `SELECT detail, provider_message_id FROM messaging.messages WHERE id = $1`,
        [messageId],
      );
      expect(message).toEqual({ detail: null, provider_message_id: 'email-1-1' });
      const history = await historyOf(messageId);
      expect(history.slice(-2)).toEqual([
        { status: 'Pending', provider: null, detail: 'attempt 1: email-1: SMTP 451 try later' },
        { status: 'Sent', provider: 'email-1', detail: 'provider message id email-1-1' },
      ]);
    });
  });

  it('records a webhook the endpoint took (2xx) as Delivered', async () => {
    const webhook = new RecordingProvider('webhook', 'webhook', true, undefined, true);
    await dispatching([webhook], async (send) => {
      const messageId = await ping(send, 'webhook', 'https://receiver.example.la/hook');
      await waitFor('delivered', async () => (await statusOf(messageId)).status === 'Delivered');
      expect((await historyOf(messageId)).slice(-2).map((h) => h.status)).toEqual(['Sent', 'Delivered']);
    });
    expect(await bed.uc.outbox()).toContain(MessageDelivered.type);
  });

  it('records each hand-over as soon as it is done, not when the whole round is', async () => {
    // One relay answers one mail at once and holds another: the first is recorded while the second is under way,
    // so a dispatcher that stopped now would leave only the second in doubt.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const relay = new RecordingProvider('email-1', 'email');
    const send = relay.send.bind(relay);
    relay.send = async (request) => {
      if (request.destination.startsWith('slow@')) await held;
      return send(request);
    };
    // Both waiting before the dispatcher starts, so that one round claims both.
    const idle = new SendMessageHandler(bed.uc.messages, bed.uc.composer, bed.uc.dispatcher([]));
    const slow = await ping(idle, 'email', 'slow@example.la');
    const quick = await ping(idle, 'email', 'quick@example.la');
    await dispatching([relay], async () => {
      try {
        await waitFor('the quick mail recorded', async () => (await statusOf(quick)).status === 'Sent');
        expect((await statusOf(slow)).status).toBe('Queued');
      } finally {
        release();
      }
      await waitFor('the slow mail recorded', async () => (await statusOf(slow)).status === 'Sent');
    });
  });
});
