import { newSealingKeyPair, UnsealError, Unsealer } from '@onedoor/backbone';
import { OneTimeCodeRequested } from '@onedoor/contracts';
import { identityTestBed } from '../../../test/use-case-harness';
import { SignInService } from './sign-in.service';

const bed = identityTestBed((uc) => ({
  signIn: new SignInService(uc.signIn, uc.secrets, uc.oneTimeCodes, uc.policy),
}));

/** The code the messaging block would deliver, opened from the sealed outbox event. */
const deliveredCode = async (challengeId: string) => (await bed.uc.deliveredCode(challengeId)).code;

describe("a citizen's sign-in with a one-time code", () => {
  it('sends a code to the person and accepts it once', async () => {
    const person = await bed.uc.enrol();
    const { challengeId } = (await bed.signIn.requestCode(person.uin)) as { challengeId: string };
    const code = await deliveredCode(challengeId);
    expect(await bed.signIn.verifyCode(person.uin, challengeId, code)).toEqual({ ok: true, accountId: person.id });
    expect(await bed.signIn.verifyCode(person.uin, challengeId, code)).toMatchObject({ ok: false, reason: 'INVALID' });
  });

  it('answers an unknown UIN like a known one, and locks the account after repeated failures', async () => {
    expect(await bed.signIn.requestCode('2947500000')).toEqual({ challengeId: expect.any(String) });
    const person = await bed.uc.enrol();
    const { challengeId } = (await bed.signIn.requestCode(person.uin)) as { challengeId: string };
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await bed.signIn.verifyCode(person.uin, challengeId, '000000'));
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.reason))).toEqual(['INVALID', 'INVALID', 'LOCKED']);
    const code = await deliveredCode(challengeId);
    expect(await bed.signIn.verifyCode(person.uin, challengeId, code)).toMatchObject({ ok: false, reason: 'LOCKED' });
  });

  it('seals the code and the address for the messaging block: the event shows neither, another key opens nothing', async () => {
    const person = await bed.uc.enrol();
    const { challengeId } = (await bed.signIn.requestCode(person.uin)) as { challengeId: string };
    const [row] = await bed.uc.sql<{ payload: Record<string, string>; text: string }>(
      `SELECT payload, payload::text AS text FROM identity.outbox WHERE event_type = $1 AND payload->>'challengeId' = $2`,
      [OneTimeCodeRequested.type, challengeId],
    );
    const opened = await bed.uc.deliveredCode(challengeId);
    expect(opened).toMatchObject({
      destination: person.phone,
      purpose: 'sign-in',
      code: expect.stringMatching(/^\d{6}$/),
    });
    expect(Object.keys(row.payload).sort()).toEqual(
      ['challengeId', 'channel', 'expiresAt', 'language', 'personId', 'purpose', 'sealed'].sort(),
    );
    expect(Object.values(row.payload)).not.toContain(opened.code);
    expect(row.text).not.toContain(person.phone!);
    const stranger = await Unsealer.forKey(newSealingKeyPair().privateKey);
    await expect(stranger.open(row.payload.sealed)).rejects.toThrow(UnsealError);
  });

  it('does not sign in with a code sent for another purpose (activating a staff account)', async () => {
    const person = await bed.uc.enrol();
    const issued = await bed.uc.signIn.transaction((tx) =>
      bed.uc.oneTimeCodes.issue(tx, person, 'activation', '5b0f5a52-7c36-4d1e-9b53-0c3f1d1d0a01'),
    );
    expect(issued).toMatchObject({ channel: 'sms' });
    const { code } = await bed.uc.deliveredCode('5b0f5a52-7c36-4d1e-9b53-0c3f1d1d0a01');
    expect(await bed.signIn.verifyCode(person.uin, '5b0f5a52-7c36-4d1e-9b53-0c3f1d1d0a01', code)).toMatchObject({
      ok: false,
      reason: 'INVALID',
    });
  });
});
