import { MessageFailed, MessageSent } from '@onedoor/contracts';
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
});
