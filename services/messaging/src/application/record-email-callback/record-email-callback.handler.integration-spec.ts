import { EmailCallbackReceived } from '@onedoor/contracts';
import { refusal } from '@onedoor/testing';
import { MessagingErrorCode as Code } from '../../domain';
import { messagingTestBed, sender } from '../../../test/use-case-harness';
import { SendEmail } from '../send-email/send-email.command';
import { SendEmailHandler } from '../send-email/send-email.handler';
import { RecordEmailCallback } from './record-email-callback.command';
import { RecordEmailCallbackHandler } from './record-email-callback.handler';

const bed = messagingTestBed((uc) => ({
  send: new SendEmailHandler(uc.messages, uc.composer, uc.dispatcher()),
  record: new RecordEmailCallbackHandler(uc.messages),
}));

describe('a callback for an email request (GovStack)', () => {
  it('keeps the content for the sender and tells integrators that it arrived, without the content', async () => {
    const { requestUid } = await bed.send.execute(
      SendEmail.create({ caller: sender, to: ['noy@example.la'], subject: 'Your licence', body: 'It is ready.' }),
    );
    const before = (await bed.uc.outbox()).length;
    const reply = 'Thank you, I will collect it on Monday.';
    const callback = await bed.record.execute(
      RecordEmailCallback.create({
        caller: sender,
        requestUid,
        meta: 'reply',
        content: Buffer.from(reply).toString('base64'),
      }),
    );
    expect((await bed.uc.outbox()).slice(before)).toEqual([EmailCallbackReceived.type]);
    const [event] = await bed.uc.sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM messaging.outbox ORDER BY seq DESC LIMIT 1`,
    );
    expect(JSON.stringify(event)).not.toContain('Monday');
    expect(await bed.uc.messages.callbacks(requestUid)).toEqual([
      expect.objectContaining({ id: callback.id, meta: 'reply', content: Buffer.from(reply) }),
    ]);
  });

  it('refuses a request that does not exist and content that is not base64, writing nothing', async () => {
    const content = Buffer.from('x').toString('base64');
    const record = (requestUid: string, body = content) =>
      bed.record.execute(RecordEmailCallback.create({ caller: sender, requestUid, content: body }));
    await refusal(record('8a70cd6d-bdb2-41ed-9397-0242ac120004'), Code.BATCH_NOT_FOUND);
    await refusal(record('not-a-request'), Code.BATCH_NOT_FOUND);
    const { requestUid } = await bed.send.execute(
      SendEmail.create({ caller: sender, to: ['noy@example.la'], subject: 'S', body: 'B' }),
    );
    await refusal(record(requestUid, '%%% not base64'), Code.VALIDATION_FAILED);
    await refusal(record(requestUid, ''), Code.VALIDATION_FAILED);
    expect(await bed.uc.messages.callbacks(requestUid)).toEqual([]);
  });
});
