import { MessagingErrorCode as Code } from '../../domain';
import { messagingTestBed, refusal, sender } from '../../../test/use-case-harness';
import { SendMessage } from '../send-message/send-message.command';
import { SendMessageHandler } from '../send-message/send-message.handler';
import { SaveTemplate } from './save-template.command';
import { SaveTemplateHandler } from './save-template.handler';

const bed = messagingTestBed((uc) => ({
  save: new SaveTemplateHandler(uc.messages, uc.composer),
  send: new SendMessageHandler(uc.messages, uc.composer, uc.dispatcher()),
}));

describe('saving a template', () => {
  it('checks the ICU message before saving it, and the next message uses it at once', async () => {
    await refusal(
      bed.save.execute(
        SaveTemplate.create({ key: 'hotline.answered', channel: 'sms', language: 'en', body: 'Hello {name' }),
      ),
      Code.INVALID_TEMPLATE,
    );
    const refused = await refusal(
      bed.save.execute(SaveTemplate.create({ key: 'Hotline', channel: 'fax', language: 'fr', body: 'x' })),
      Code.VALIDATION_FAILED,
    );
    expect((refused.errors as { field: string }[]).map((e) => e.field)).toEqual(['key', 'channel', 'language']);
    const address = { channel: 'sms' as const, destination: '+8562055512345', language: 'en' as const };
    const send = () =>
      bed.send.execute(
        SendMessage.create({
          caller: sender,
          templateKey: 'hotline.answered',
          variables: { name: 'Noy' },
          essential: false,
          address,
        }),
      );
    await refusal(send(), Code.UNKNOWN_TEMPLATE);
    await bed.save.execute(
      SaveTemplate.create({
        key: 'hotline.answered',
        channel: 'sms',
        language: 'en',
        body: 'Hello {name}, your case was answered.',
      }),
    );
    const { messageId } = await send();
    expect(await bed.uc.sql(`SELECT body FROM messaging.messages WHERE id = $1`, [messageId])).toEqual([
      { body: 'Hello Noy, your case was answered.' },
    ]);
  });
});
