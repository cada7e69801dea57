import { InvalidCommand } from '@onedoor/application';
import { refusal } from '@onedoor/testing';
import { MessagingErrorCode } from '../../domain';
import { messagingTestBed, sender } from '../../../test/use-case-harness';
import { MessageQueries } from '../queries/messages.queries';
import { SendEmail } from './send-email.command';
import { SendEmailHandler } from './send-email.handler';

const bed = messagingTestBed((uc) => ({
  send: new SendEmailHandler(uc.messages, uc.composer, uc.dispatcher()),
  queries: new MessageQueries(uc.messages),
}));

describe('sending an email with its content (GovStack)', () => {
  it('queues it as a request of one, whose status counts it', async () => {
    const { requestUid } = await bed.send.execute(
      SendEmail.create({ caller: sender, to: ['noy@example.la'], subject: 'Your licence', body: 'It is ready.' }),
    );
    expect(await bed.queries.batchStatus(sender, requestUid)).toMatchObject({ scheduled: 1, delivered: 0 });
    // A request is its sender's (and operators'): another sender's client finds nothing under its id.
    const another = { sub: 'another-ministry-portal', roles: ['messaging.sender'] };
    await refusal(bed.queries.batchStatus(another, requestUid), MessagingErrorCode.BATCH_NOT_FOUND);
    const operator = { sub: 'operator', roles: ['platform.operator'] };
    expect(await bed.queries.batchStatus(operator, requestUid)).toMatchObject({ scheduled: 1 });
    const [row] = await bed.uc.sql(
      `SELECT channel, destination, subject, body FROM messaging.messages WHERE batch_id = $1`,
      [requestUid],
    );
    expect(row).toEqual({
      channel: 'email',
      destination: 'noy@example.la',
      subject: 'Your licence',
      body: 'It is ready.',
    });
  });

  it('sends a copy to each address of the request once (CC and BCC copies show no other recipient)', async () => {
    const { requestUid } = await bed.send.execute(
      SendEmail.create({
        caller: sender,
        to: ['noy@example.la', 'office@example.la', 'NOY@example.la', 'archive@example.la'],
        subject: 'Your licence',
        body: 'It is ready.',
      }),
    );
    const rows = await bed.uc.sql<{ destination: string }>(
      `SELECT destination FROM messaging.messages WHERE batch_id = $1 ORDER BY destination`,
      [requestUid],
    );
    expect(rows.map((r) => r.destination)).toEqual(['archive@example.la', 'noy@example.la', 'office@example.la']);
    expect(await bed.queries.batchStatus(sender, requestUid)).toMatchObject({ scheduled: 3 });
  });

  it('is refused before anything is written when the request lacks an address or content', () => {
    expect(() =>
      SendEmail.create({ caller: sender, to: undefined as never, subject: undefined as never, body: 'x' }),
    ).toThrow(InvalidCommand);
  });
});
