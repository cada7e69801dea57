import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { hashPassword, matchTotp, verifyPassword } from '../../domain';
import { LOGIN_POLICY, type LoginPolicy } from '../../identity.config';
import { SignInStore, type SignInChanges } from '../ports';
import { SecretBox } from '../secret-box';
import { OneTimeCodes } from './one-time-codes';

export type LoginOutcome =
  /** The account signed in: a citizen login's is the person's id, a staff login's the staff account's own id. */
  | { ok: true; accountId: string }
  | { ok: false; reason: 'INVALID' | 'LOCKED' | 'TOO_MANY_CODES'; retryAfterSeconds?: number };

/**
 * Checks who is logging in. Citizens: their UIN, then a one-time code delivered by the messaging block
 * (OneTimeCodes). Civil servants: employee number, password and authenticator code; their login is the staff
 * account's, a subject of its own (ADR 0013). Failures count per account in the database, so a lockout holds on every replica; answers
 * do not reveal whether an account exists.
 */
@Injectable()
export class SignInService {
  private readonly dummyHash = hashPassword('not a real password, for constant-time refusals');

  constructor(
    private readonly store: SignInStore,
    private readonly secrets: SecretBox,
    private readonly codes: OneTimeCodes,
    @Inject(LOGIN_POLICY) private readonly policy: LoginPolicy,
  ) {}

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
      const issued = await this.codes.issue(tx, person, 'sign-in', challengeId);
      if (issued === 'TOO_MANY') {
        return { ok: false, reason: 'TOO_MANY_CODES', retryAfterSeconds: 15 * 60 } as LoginOutcome;
      }
      return { challengeId };
    });
  }

  async verifyCode(uin: string, challengeId: string, code: string): Promise<LoginOutcome> {
    const account = `uin:${uin}`;
    const verdict = await this.store.transaction(async (tx) => {
      const locked = await this.lockedFor(tx, account);
      if (locked) return { ok: false, reason: 'LOCKED', retryAfterSeconds: locked } as LoginOutcome;
      const personId = await this.codes.check(
        tx,
        challengeId,
        code,
        'sign-in',
        async (id) => !!(await tx.activePerson(id, uin)),
      );
      return personId ? ({ ok: true, accountId: personId } as LoginOutcome) : undefined;
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
    return { ok: true, accountId: record.accountId };
  }
}
