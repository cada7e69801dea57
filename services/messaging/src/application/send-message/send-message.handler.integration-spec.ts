import { MessageQueued } from '@onedoor/contracts';
import { MessagingErrorCode as Code } from '../../domain';
import { messagingTestBed, refusal, sender } from '../../../test/use-case-harness';
import { MessageQueries } from '../queries/messages.queries';
import { SetPreferences } from '../set-preferences/set-preferences.command';
import { SetPreferencesHandler } from '../set-preferences/set-preferences.handler';
import { SendMessage } from './send-message.command';
import { SendMessageHandler } from './send-message.handler';

const bed = messagingTestBed((uc) => ({
  send: new SendMessageHandler(uc.messages, uc.composer, uc.dispatcher()),
  preferences: new SetPreferencesHandler(uc.messages),
  queries: new MessageQueries(uc.messages),
}));

const welcome = (personId: string, essential = false) =>
  SendMessage.create({
    caller: sender,
    templateKey: 'identity.welcome',
    variables: { displayName_lo: 'ສົມພອນ', uin: '2947512345' },
    essential,
    personId,
  });

describe('sending a message', () => {
  it("renders it in the person's language for their channel, queues it and says so", async () => {
    const personId = await bed.uc.enrol({ preferredLanguage: 'lo', preferredChannel: 'sms' });
    const before = (await bed.uc.outbox()).length;
    const { messageId, status } = await bed.send.execute(welcome(personId));
    expect(status).toBe('Pending');
    const [row] = await bed.uc.sql(
      `SELECT channel, destination, language, body FROM messaging.messages WHERE id = $1`,
      [messageId],
    );
    expect(row).toEqual({
      channel: 'sms',
      destination: '+8562055512345',
      language: 'lo',
      body: 'ຍິນດີຕ້ອນຮັບ ສົມພອນ. ເລກປະຈຳຕົວຂອງທ່ານ: 2947512345.',
    });
    expect((await bed.uc.outbox()).slice(before)).toEqual([MessageQueued.type]);
    // Its status is its sender's, its person's and operators': not another sender's client's.
    expect(await bed.queries.message(sender, messageId)).toMatchObject({ messageId, status: 'Pending' });
    expect(await bed.queries.message({ sub: personId, roles: ['citizen'] }, messageId)).toMatchObject({ messageId });
    const another = { sub: 'another-ministry-portal', roles: ['messaging.sender'] };
    await refusal(bed.queries.message(another, messageId), Code.MESSAGE_NOT_FOUND);
  });

  it('respects an opt-out, except for essential messages', async () => {
    const personId = await bed.uc.enrol();
    await bed.preferences.execute(
      SetPreferences.create({ caller: { sub: personId, roles: ['citizen'] }, optedOut: true }),
    );
    await refusal(bed.send.execute(welcome(personId)), Code.OPTED_OUT);
    expect((await bed.send.execute(welcome(personId, true))).status).toBe('Pending');
  });

  it('refuses, writing nothing, a person it cannot reach, a template it cannot fill, a recipient given twice', async () => {
    const before = await bed.uc.sql(`SELECT count(*)::int AS n FROM messaging.messages`);
    await refusal(bed.send.execute(welcome('6f1c3c56-7a7e-4d7e-9d55-2b8a1f0c9e11')), Code.UNKNOWN_PERSON);
    const personId = await bed.uc.enrol();
    const refused = await refusal(
      bed.send.execute(
        SendMessage.create({
          caller: sender,
          templateKey: 'identity.welcome',
          variables: {},
          essential: false,
          personId,
        }),
      ),
      Code.MISSING_VARIABLES,
    );
    expect(refused.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'variables.uin' })]));
    await refusal(
      bed.send.execute(
        SendMessage.create({
          caller: sender,
          templateKey: 'identity.welcome',
          variables: {},
          essential: false,
          personId,
          address: { channel: 'sms', destination: '+8562055512345' },
        }),
      ),
      Code.VALIDATION_FAILED,
    );
    await refusal(
      bed.send.execute(
        SendMessage.create({
          caller: sender,
          templateKey: 'no.such-template',
          variables: {},
          essential: false,
          address: { channel: 'email', destination: 'somphone@example.la' },
        }),
      ),
      Code.UNKNOWN_TEMPLATE,
    );
    // The enrolment's welcome message is the only one written since.
    const after = await bed.uc.sql(`SELECT count(*)::int AS n FROM messaging.messages`);
    expect((after[0].n as number) - (before[0].n as number)).toBe(1);
  });
});
