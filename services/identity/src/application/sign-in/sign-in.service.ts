import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { OneTimeCodeRequested } from '@onedoor/contracts';
import { hashPassword, matchTotp, verifyPassword } from '../../domain';
import { LOGIN_POLICY, type LoginPolicy } from '../../identity.config';
import { SignInStore, type SignInChanges } from '../ports';
import { SecretBox } from '../secret-box';

export type LoginOutcome =
  | { ok: true; personId: string }
  | { ok: false; reason: 'INVALID' | 'LOCKED' | 'TOO_MANY_CODES'; retryAfterSeconds?: number };

/**
 * Checks who is logging in. Citizens: their UIN, then a one-time code delivered by the messaging block (the
 * code.requested event; only an HMAC of the code is stored). Civil servants: employee number, password and
 * authenticator code. Failures count per account in the database, so a lockout holds on every replica; answers
 * do not reveal whether an account exists.
 */
@Injectable()
export class SignInService {
  private readonly dummyHash = hashPassword('not a real password, for constant-time refusals');

  constructor(
    private readonly store: SignInStore,
    private readonly secrets: SecretBox,
    @Inject(LOGIN_POLICY) private readonly policy: LoginPolicy,
  ) {}

  private codeHash(challengeId: string, code: string): string {
    return createHmac('sha256', this.secrets.derive('otp')).update(`${challengeId}:${code}`).digest('base64url');
  }

  private async lockedFor(tx: SignInChanges, account: string): Promise<number> {
    return tx.lockedFor(account);
  }

  private async fail(account: string): Promise<LoginOutcome> {
    const { locked } = await this.store.fail(account, this.policy.maxFailures, this.policy.lockoutMinutes);
    return locked
      ? { ok: false, reason: 'LOCKED', retryAfterSeconds: this.policy.lockoutMinutes * 60 }
      : { ok: false, reason: 'INVALID' };
  }

  private async succeed(account: string) {
    await this.store.succeed(account);
  }

  /**
   * Sends a code to the person holding this UIN. The answer is a challenge id whether or not the UIN exists,
   * so the form cannot be used to find out who is enrolled.
   */
  async requestCode(uin: string): Promise<{ challengeId: string } | LoginOutcome> {
    const account = `uin:${uin}`;
    const challengeId = randomUUID();
    return this.store.transaction(async (tx) => {
      const locked = await this.lockedFor(tx, account);
      if (locked) return { ok: false, reason: 'LOCKED', retryAfterSeconds: locked } as LoginOutcome;
      const person = await tx.activePersonByUin(uin);
      if (!person) return { challengeId };
      if ((await tx.codesSentSince(person.id, 15)) >= this.policy.maxCodesPerQuarterHour) {
        return { ok: false, reason: 'TOO_MANY_CODES', retryAfterSeconds: 15 * 60 } as LoginOutcome;
      }
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const expiresAt = new Date(Date.now() + this.policy.codeTtlMinutes * 60_000);
      await tx.addChallenge({
        id: challengeId,
        personId: person.id,
        codeHash: this.codeHash(challengeId, code),
        expiresAt,
      });
      const bySms = person.phone && (person.preferredChannel === 'sms' || !person.email);
      await tx.publish(OneTimeCodeRequested, {
        challengeId,
        personId: person.id,
        channel: bySms ? 'sms' : 'email',
        destination: (bySms ? person.phone : person.email) as string,
        language: person.preferredLanguage,
        code,
        expiresAt: expiresAt.toISOString(),
      });
      return { challengeId };
    });
  }

  async verifyCode(uin: string, challengeId: string, code: string): Promise<LoginOutcome> {
    const account = `uin:${uin}`;
    const verdict = await this.store.transaction(async (tx) => {
      const locked = await this.lockedFor(tx, account);
      if (locked) return { ok: false, reason: 'LOCKED', retryAfterSeconds: locked } as LoginOutcome;
      const challenge = await tx.lockChallenge(challengeId);
      const person = challenge && (await tx.activePerson(challenge.personId, uin));
      if (!challenge || !person || challenge.consumedAt || challenge.expiresAt < new Date()) return undefined;
      if (challenge.attempts >= this.policy.maxCodeAttempts) return undefined;
      const expected = Buffer.from(challenge.codeHash);
      const given = Buffer.from(this.codeHash(challengeId, code));
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
        await tx.countWrongCode(challengeId);
        return undefined;
      }
      await tx.consumeChallenge(challengeId);
      return { ok: true, personId: person.id } as LoginOutcome;
    });
    if (!verdict) return this.fail(account);
    if (verdict.ok) await this.succeed(account);
    return verdict;
  }

  async verifyCivilServant(employeeNumber: string, password: string, code: string): Promise<LoginOutcome> {
    const account = `employee:${employeeNumber}`;
    const reads = this.store.reads();
    const locked = await this.lockedFor(reads, account);
    if (locked) return { ok: false, reason: 'LOCKED', retryAfterSeconds: locked };
    const record = await this.store.activeCivilServantByEmployeeNumber(employeeNumber);
    const person = record && (await reads.activePerson(record.personId));
    const passwordOk = await verifyPassword(password, record?.passwordHash ?? (await this.dummyHash));
    const step = record?.totpSecretSealed ? matchTotp(this.secrets.open(record.totpSecretSealed), code) : undefined;
    if (!record || !person || !passwordOk || step === undefined) return this.fail(account);
    // A code works once: another sign-in with the same code (seen over a shoulder, replayed) is refused.
    if (!(await this.store.claimTotpStep(record.personId, step))) return this.fail(account);
    await this.succeed(account);
    return { ok: true, personId: record.personId };
  }
}
