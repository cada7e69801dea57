import { readSetting } from '@onedoor/config';
import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import { OneTimeCodeRequested } from '@onedoor/contracts';
import { CivilServant } from '../civil-servants/civil-servant.entities';
import { Person } from '../persons/person.entities';
import { hashPassword, verifyPassword } from '../secrets/passwords';
import { SecretBox } from '../secrets/secret-box';
import { matchTotp } from '../secrets/totp';
import { LoginThrottle, OtpChallenge } from './oidc.entities';

export interface LoginPolicy {
  /** Failed attempts on one account before it is locked. */
  maxFailures: number;
  lockoutMinutes: number;
  codeTtlMinutes: number;
  /** Wrong codes accepted on one challenge before it is spent. */
  maxCodeAttempts: number;
  /** Codes sent to one person within 15 minutes. */
  maxCodesPerQuarterHour: number;
}

export function loginPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): LoginPolicy {
  return {
    maxFailures: readSetting('IDENTITY_LOGIN_MAX_FAILURES', env),
    lockoutMinutes: readSetting('IDENTITY_LOCKOUT_MINUTES', env),
    codeTtlMinutes: readSetting('IDENTITY_OTP_TTL_MINUTES', env),
    maxCodeAttempts: 3,
    maxCodesPerQuarterHour: 3,
  };
}

export const LOGIN_POLICY = Symbol('LOGIN_POLICY');

export type LoginOutcome =
  | { ok: true; personId: string }
  | { ok: false; reason: 'INVALID' | 'LOCKED' | 'TOO_MANY_CODES'; retryAfterSeconds?: number };

/** Authentication context classes: what a login proved. Civil servants need two factors. */
export const ACR = {
  oneTimeCode: 'urn:onedoor:acr:otp',
  multiFactor: 'urn:onedoor:acr:mfa',
} as const;

/**
 * Checks who is logging in. Citizens: their UIN, then a one-time code delivered by the messaging block (the
 * code.requested event; only an HMAC of the code is stored). Civil servants: employee number, password and
 * authenticator code. Failures count per account in the database, so a lockout holds on every replica; answers
 * do not reveal whether an account exists.
 */
@Injectable()
export class LoginService {
  private readonly dummyHash = hashPassword('not a real password, for constant-time refusals');

  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: SecretBox,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
    @Inject(LOGIN_POLICY) private readonly policy: LoginPolicy,
  ) {}

  private codeHash(challengeId: string, code: string): string {
    return createHmac('sha256', this.secrets.derive('otp')).update(`${challengeId}:${code}`).digest('base64url');
  }

  private async lockedFor(manager: EntityManager, account: string): Promise<number> {
    const row = await manager.findOneBy(LoginThrottle, { account });
    if (!row?.lockedUntil) return 0;
    return Math.max(0, Math.ceil((row.lockedUntil.getTime() - Date.now()) / 1000));
  }

  private async fail(account: string): Promise<LoginOutcome> {
    const [row]: { failures: number; locked_until: Date | null }[] = await this.dataSource.query(
      `INSERT INTO identity.login_throttle (account, failures, locked_until, last_failure_at) VALUES ($1, 1, NULL, now())
       ON CONFLICT (account) DO UPDATE SET
         failures = CASE WHEN login_throttle.locked_until IS NOT NULL AND login_throttle.locked_until < now() THEN 1 ELSE login_throttle.failures + 1 END,
         locked_until = CASE WHEN login_throttle.locked_until IS NOT NULL AND login_throttle.locked_until < now() THEN NULL ELSE login_throttle.locked_until END,
         last_failure_at = now()
       RETURNING failures, locked_until`,
      [account],
    );
    if (row.failures >= this.policy.maxFailures) {
      await this.dataSource.query(
        `UPDATE identity.login_throttle SET locked_until = now() + make_interval(mins => $2) WHERE account = $1`,
        [account, this.policy.lockoutMinutes],
      );
      return { ok: false, reason: 'LOCKED', retryAfterSeconds: this.policy.lockoutMinutes * 60 };
    }
    return { ok: false, reason: 'INVALID' };
  }

  private async succeed(account: string) {
    await this.dataSource.query(`DELETE FROM identity.login_throttle WHERE account = $1`, [account]);
  }

  /**
   * Sends a code to the person holding this UIN. The answer is a challenge id whether or not the UIN exists,
   * so the form cannot be used to find out who is enrolled.
   */
  async requestCode(uin: string): Promise<{ challengeId: string } | LoginOutcome> {
    const account = `uin:${uin}`;
    const challengeId = randomUUID();
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.lockedFor(manager, account);
      if (locked) return { ok: false, reason: 'LOCKED', retryAfterSeconds: locked } as LoginOutcome;
      const person = await manager.findOneBy(Person, { uin, status: 'ACTIVE' });
      if (!person) return { challengeId };
      const [{ count }] = await manager.query(
        `SELECT count(*)::int AS count FROM identity.otp_challenges WHERE person_id = $1 AND created_at > now() - interval '15 minutes'`,
        [person.id],
      );
      if (count >= this.policy.maxCodesPerQuarterHour) {
        return { ok: false, reason: 'TOO_MANY_CODES', retryAfterSeconds: 15 * 60 } as LoginOutcome;
      }
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const expiresAt = new Date(Date.now() + this.policy.codeTtlMinutes * 60_000);
      await manager.insert(OtpChallenge, {
        id: challengeId,
        personId: person.id,
        codeHash: this.codeHash(challengeId, code),
        attempts: 0,
        expiresAt,
        consumedAt: null,
        createdAt: new Date(),
      });
      const bySms = person.phone && (person.preferredChannel === 'sms' || !person.email);
      await this.backbone.publisher.publish(manager, OneTimeCodeRequested, {
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
    const verdict = await this.dataSource.transaction(async (manager) => {
      const locked = await this.lockedFor(manager, account);
      if (locked) return { ok: false, reason: 'LOCKED', retryAfterSeconds: locked } as LoginOutcome;
      const challenge = await manager.findOne(OtpChallenge, {
        where: { id: challengeId },
        lock: { mode: 'pessimistic_write' },
      });
      const person = challenge && (await manager.findOneBy(Person, { id: challenge.personId, uin, status: 'ACTIVE' }));
      if (!challenge || !person || challenge.consumedAt || challenge.expiresAt < new Date()) return undefined;
      if (challenge.attempts >= this.policy.maxCodeAttempts) return undefined;
      const expected = Buffer.from(challenge.codeHash);
      const given = Buffer.from(this.codeHash(challengeId, code));
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
        await manager.increment(OtpChallenge, { id: challengeId }, 'attempts', 1);
        return undefined;
      }
      await manager.update(OtpChallenge, { id: challengeId }, { consumedAt: new Date() });
      return { ok: true, personId: person.id } as LoginOutcome;
    });
    if (!verdict) return this.fail(account);
    if (verdict.ok) await this.succeed(account);
    return verdict;
  }

  async verifyCivilServant(employeeNumber: string, password: string, code: string): Promise<LoginOutcome> {
    const account = `employee:${employeeNumber}`;
    const locked = await this.lockedFor(this.dataSource.manager, account);
    if (locked) return { ok: false, reason: 'LOCKED', retryAfterSeconds: locked };
    const record = await this.dataSource.getRepository(CivilServant).findOneBy({ employeeNumber, status: 'ACTIVE' });
    const person =
      record && (await this.dataSource.getRepository(Person).findOneBy({ id: record.personId, status: 'ACTIVE' }));
    const passwordOk = await verifyPassword(password, record?.passwordHash ?? (await this.dummyHash));
    const step = record?.totpSecretSealed ? matchTotp(this.secrets.open(record.totpSecretSealed), code) : undefined;
    if (!record || !person || !passwordOk || step === undefined) return this.fail(account);
    // A code works once: another sign-in with the same code (seen over a shoulder, replayed) is refused.
    const [, claimed]: [unknown, number] = await this.dataSource.query(
      `UPDATE identity.civil_servants SET totp_last_step = $2 WHERE person_id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)`,
      [record.personId, step],
    );
    if (!claimed) return this.fail(account);
    await this.succeed(account);
    return { ok: true, personId: record.personId };
  }
}
