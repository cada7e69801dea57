import { MessagingErrorCode as Code } from '../../domain';
import { citizen, messagingTestBed, refusal } from '../../../test/use-case-harness';
import { MessageQueries } from '../queries/messages.queries';
import { SetPreferences } from '../set-preferences/set-preferences.command';
import { SetPreferencesHandler } from '../set-preferences/set-preferences.handler';
import { MarkRead } from './mark-read.command';
import { MarkReadHandler } from './mark-read.handler';

const bed = messagingTestBed((uc) => ({
  read: new MarkReadHandler(uc.messages),
  preferences: new SetPreferencesHandler(uc.messages),
  queries: new MessageQueries(uc.messages),
}));

describe("a person's inbox and preferences", () => {
  it('marks an in-app message read once; nobody else can mark it', async () => {
    const personId = await bed.uc.enrol({ phone: undefined, email: undefined });
    const [[item], total] = await bed.queries.inbox(citizen(personId), { offset: 0, limit: 10 });
    expect([total, item.readAt]).toEqual([1, null]);
    const someoneElse = citizen('5d1b8a0e-0c4b-4f63-9f0e-2d7b7c3a9e10');
    expect(await bed.read.execute(MarkRead.create({ caller: someoneElse, messageId: item.id }))).toMatchObject({
      changed: false,
    });
    expect(await bed.read.execute(MarkRead.create({ caller: citizen(personId), messageId: item.id }))).toMatchObject({
      changed: true,
    });
    expect(await bed.read.execute(MarkRead.create({ caller: citizen(personId), messageId: item.id }))).toMatchObject({
      changed: false,
    });
  });

  it('opts a known person out, and says when messaging does not know the person', async () => {
    const personId = await bed.uc.enrol();
    await bed.preferences.execute(SetPreferences.create({ caller: citizen(personId), optedOut: true }));
    expect(await bed.queries.preferences(citizen(personId))).toMatchObject({ optedOut: true, preferredChannel: 'sms' });
    const stranger = citizen('0e2a3c1d-5b6f-4a7e-8d9c-1b2a3c4d5e6f');
    await refusal(
      bed.preferences.execute(SetPreferences.create({ caller: stranger, optedOut: true })),
      Code.RECIPIENT_NOT_FOUND,
    );
    await refusal(bed.queries.preferences(stranger), Code.RECIPIENT_NOT_FOUND);
  });
});
