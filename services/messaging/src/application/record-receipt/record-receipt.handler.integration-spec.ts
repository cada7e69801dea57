import { createHmac } from 'node:crypto';
import { MessageDelivered } from '@onedoor/contracts';
import { MessagingErrorCode as Code } from '../../domain';
import { messagingTestBed, RecordingProvider, refusal, sender } from '../../../test/use-case-harness';
import { SendMessage } from '../send-message/send-message.command';
import { SendMessageHandler } from '../send-message/send-message.handler';
import { RecordReceipt } from './record-receipt.command';
import { RecordReceiptHandler } from './record-receipt.handler';

const sms = new RecordingProvider('sms-1', 'sms', true);
const bed = messagingTestBed((uc) => ({ receipts: new RecordReceiptHandler(uc.messages, uc.config), sms }));

const signed = (body: object, secret = 'receipt-secret-for-tests') => {
  const raw = Buffer.from(JSON.stringify(body));
  return { rawBody: raw, signature: `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}` };
};

describe("a provider's delivery receipt", () => {
  it('turns a Sent message Delivered, once, and only when signed', async () => {
    const dispatcher = bed.uc.dispatcher([bed.sms]);
    const { messageId } = await new SendMessageHandler(bed.uc.messages, bed.uc.composer, dispatcher).execute(
      SendMessage.create({
        caller: sender,
        templateKey: 'identity.one-time-code',
        variables: { code: '123456', minutes: 5 },
        essential: true,
        address: { channel: 'sms', destination: '+8562055512345', language: 'en' },
      }),
    );
    dispatcher.onApplicationBootstrap();
    const sentAs = await (async () => {
      for (let i = 0; i < 100 && !bed.sms.sent.length; i++) await new Promise((r) => setTimeout(r, 50));
      return `sms-1-${bed.sms.sent.length}`;
    })();
    await dispatcher.onModuleDestroy();
    const receipt = { providerMessageId: sentAs, status: 'delivered' as const };
    await refusal(
      bed.receipts.execute(RecordReceipt.create({ provider: 'sms-1', ...signed(receipt, 'wrong'), ...receipt })),
      Code.BAD_SIGNATURE,
    );
    const before = (await bed.uc.outbox()).length;
    const answer = await bed.receipts.execute(
      RecordReceipt.create({ provider: 'sms-1', ...signed(receipt), ...receipt }),
    );
    expect(answer).toEqual({ messageId, status: 'Delivered' });
    expect((await bed.uc.outbox()).slice(before)).toEqual([MessageDelivered.type]);
    const failed = { providerMessageId: sentAs, status: 'failed' as const };
    expect(
      await bed.receipts.execute(RecordReceipt.create({ provider: 'sms-1', ...signed(failed), ...failed })),
    ).toEqual({
      messageId,
      status: 'Delivered',
    });
    const unknown = { providerMessageId: 'nobody', status: 'delivered' as const };
    await refusal(
      bed.receipts.execute(RecordReceipt.create({ provider: 'sms-1', ...signed(unknown), ...unknown })),
      Code.MESSAGE_NOT_FOUND,
    );
  });
});
