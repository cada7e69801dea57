import { MessagingErrorCode as Code } from '../../domain';
import { messagingTestBed, refusal, sender } from '../../../test/use-case-harness';
import { MessageQueries } from '../queries/messages.queries';
import { SetPreferences } from '../set-preferences/set-preferences.command';
import { SetPreferencesHandler } from '../set-preferences/set-preferences.handler';
import { SendBatch } from './send-batch.command';
import { SendBatchHandler } from './send-batch.handler';

const bed = messagingTestBed((uc) => ({
  batch: new SendBatchHandler(uc.messages, uc.composer, uc.dispatcher()),
  queries: new MessageQueries(uc.messages),
}));
const variables = { displayName_lo: 'ສົມພອນ', uin: '2947512345' };

describe('sending a batch', () => {
  it('accepts the reachable recipients, skips those out of reach and counts them', async () => {
    const [a, b, c] = [await bed.uc.enrol(), await bed.uc.enrol(), await bed.uc.enrol()];
    await new SetPreferencesHandler(bed.uc.messages).execute(
      SetPreferences.create({ caller: { sub: b, roles: ['citizen'] }, optedOut: true }),
    );
    const result = await bed.batch.execute(
      SendBatch.create({
        caller: sender,
        templateKey: 'identity.welcome',
        items: [
          { personId: a, variables },
          { personId: b, variables },
          { personId: c, variables },
        ],
      }),
    );
    expect([result.accepted, result.skipped]).toEqual([2, [{ index: 1, reason: 'OPTED_OUT' }]]);
    expect(await bed.queries.batchStatus(sender, result.batchId)).toMatchObject({
      scheduled: 2,
      byStatus: { Pending: 2 },
    });
  });

  it('refuses the whole batch, writing nothing, when one item is invalid', async () => {
    const before = await bed.uc.sql(`SELECT count(*)::int AS n FROM messaging.messages`);
    const refused = await refusal(
      bed.batch.execute(
        SendBatch.create({
          caller: sender,
          templateKey: 'identity.welcome',
          items: [
            { address: { channel: 'sms', destination: '+8562055512345' }, variables },
            { address: { channel: 'sms', destination: '020 555' }, variables },
          ],
        }),
      ),
      Code.VALIDATION_FAILED,
    );
    expect(refused.errors).toEqual([expect.objectContaining({ field: 'items.1.address.destination' })]);
    await refusal(
      bed.batch.execute(
        SendBatch.create({
          caller: sender,
          templateKey: 'identity.welcome',
          items: [
            { address: { channel: 'sms', destination: '+8562055512345' }, variables },
            { address: { channel: 'sms', destination: '+8562055512346' }, variables: {} },
          ],
        }),
      ),
      Code.MISSING_VARIABLES,
    );
    expect(await bed.uc.sql(`SELECT count(*)::int AS n FROM messaging.messages`)).toEqual(before);
  });
});
