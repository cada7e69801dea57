import { OneTimeCodeRequested } from '@onedoor/contracts';
import { identityTestBed } from '../../../test/use-case-harness';
import { loginPolicyFromEnv } from '../../identity.config';
import { SignInRepository } from '../../persistence/sign-in.repository';
import { SignInService } from './sign-in.service';

const bed = identityTestBed((uc) => ({
  signIn: new SignInService(
    new SignInRepository(uc.dataSource, uc.backbone),
    uc.secrets,
    loginPolicyFromEnv({ IDENTITY_LOGIN_MAX_FAILURES: '3' }),
  ),
}));

/** The code the messaging block would deliver, read from the outbox event. */
async function deliveredCode(challengeId: string): Promise<string> {
  const [row] = await bed.uc.sql<{ payload: { code: string } }>(
    `SELECT payload FROM identity.outbox WHERE event_type = $1 AND payload->>'challengeId' = $2`,
    [OneTimeCodeRequested.type, challengeId],
  );
  return row.payload.code;
}

describe("a citizen's sign-in with a one-time code", () => {
  it('sends a code to the person and accepts it once', async () => {
    const person = await bed.uc.enrol();
    const { challengeId } = (await bed.signIn.requestCode(person.uin)) as { challengeId: string };
    const code = await deliveredCode(challengeId);
    expect(await bed.signIn.verifyCode(person.uin, challengeId, code)).toEqual({ ok: true, personId: person.id });
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
});
