import { PersonUpdated, ROLES, type Caller } from '@onedoor/contracts';
import { IdentityErrorCode as Code } from '../../domain';
import { identityTestBed, refusal } from '../../../test/use-case-harness';
import { ConfirmPhoneChange, RequestPhoneChange } from './change-own-phone.command';
import { ChangeOwnPhoneHandler } from './change-own-phone.handler';

const bed = identityTestBed((uc) => ({
  phones: new ChangeOwnPhoneHandler(uc.people, uc.signIn, uc.oneTimeCodes),
}));

const citizenOf = (personId: string): Caller => ({ sub: personId, roles: [ROLES.citizen] });
const NEW_PHONE = '+8562099911122';

describe('a citizen changes their own phone number', () => {
  it('sends the code to the new number; with it, the register keeps the number and tells the other blocks', async () => {
    const person = await bed.uc.enrol();
    const me = citizenOf(person.id);
    const { challengeId } = await bed.phones.request(RequestPhoneChange.create({ caller: me, phone: NEW_PHONE }));
    const delivered = await bed.uc.deliveredCode(challengeId);
    // The code goes to the new number, for this purpose: the old number (perhaps lost) is not asked.
    expect(delivered).toMatchObject({ destination: NEW_PHONE, purpose: 'phone-change' });
    const before = (await bed.uc.outbox()).length;
    const changed = await bed.phones.confirm(
      ConfirmPhoneChange.create({ caller: me, phone: NEW_PHONE, challengeId, code: delivered.code }),
    );
    expect(changed.phone).toBe(NEW_PHONE);
    expect((await bed.uc.outbox()).slice(before)).toEqual([PersonUpdated.type]);
    const [updated] = await bed.uc.sql<{ payload: { changed: string[]; phone: string } }>(
      `SELECT payload FROM identity.outbox WHERE event_type = $1 ORDER BY seq DESC LIMIT 1`,
      [PersonUpdated.type],
    );
    expect(updated.payload).toMatchObject({ changed: ['phone'], phone: NEW_PHONE });
    // Spent: the same code changes nothing again.
    await refusal(
      bed.phones.confirm(
        ConfirmPhoneChange.create({ caller: me, phone: NEW_PHONE, challengeId, code: delivered.code }),
      ),
      Code.CODE_REFUSED,
    );
  });

  it('keeps nothing with a code for another number, another person, another purpose or a wrong code', async () => {
    const person = await bed.uc.enrol();
    const me = citizenOf(person.id);
    const { challengeId } = await bed.phones.request(RequestPhoneChange.create({ caller: me, phone: NEW_PHONE }));
    const { code } = await bed.uc.deliveredCode(challengeId);
    // The code proves only the number it was sent to.
    await refusal(
      bed.phones.confirm(ConfirmPhoneChange.create({ caller: me, phone: '+8562099900000', challengeId, code })),
      Code.CODE_REFUSED,
    );
    const other = citizenOf((await bed.uc.enrol()).id);
    await refusal(
      bed.phones.confirm(ConfirmPhoneChange.create({ caller: other, phone: NEW_PHONE, challengeId, code })),
      Code.CODE_REFUSED,
    );
    const signInCode = await bed.uc.signIn.transaction((tx) =>
      bed.uc.oneTimeCodes.issue(tx, person, 'sign-in', '3f1d1d0a-5b0f-4a52-9b53-0c3f7c364d1e'),
    );
    expect(signInCode).toMatchObject({ channel: 'sms' });
    const signIn = await bed.uc.deliveredCode('3f1d1d0a-5b0f-4a52-9b53-0c3f7c364d1e');
    await refusal(
      bed.phones.confirm(
        ConfirmPhoneChange.create({
          caller: me,
          phone: person.phone!,
          challengeId: '3f1d1d0a-5b0f-4a52-9b53-0c3f7c364d1e',
          code: signIn.code,
        }),
      ),
      Code.CODE_REFUSED,
    );
    const [row] = await bed.uc.sql<{ phone: string }>(`SELECT phone FROM identity.persons WHERE id = $1`, [person.id]);
    expect(row.phone).toBe(person.phone);
  });

  it('is for a citizen signed in as themself, to a number that is not already theirs', async () => {
    const person = await bed.uc.enrol();
    const staff: Caller = { sub: person.id, roles: [ROLES.identityRegistrar] };
    await refusal(bed.phones.request(RequestPhoneChange.create({ caller: staff, phone: NEW_PHONE })), Code.FORBIDDEN);
    const same = await refusal(
      bed.phones.request(RequestPhoneChange.create({ caller: citizenOf(person.id), phone: person.phone! })),
      Code.VALIDATION_FAILED,
    );
    expect(same.errors).toEqual([expect.objectContaining({ field: 'phone' })]);
  });
});
