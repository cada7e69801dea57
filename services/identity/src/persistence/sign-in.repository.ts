import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import { SignInChanges, SignInStore } from '../application/ports';
import type { CivilServantRecord, OneTimeCodePurpose, PersonRecord } from '../domain';
import { CivilServant } from './civil-servant.entities';
import { LoginThrottle, OtpChallenge } from './oidc.entities';
import { Person } from './person.entities';
import { IdentityTx } from './tx-base';

export class SignInTx extends IdentityTx implements SignInChanges {
  constructor(manager: EntityManager, backbone: EventBackbone) {
    super(manager, backbone);
  }

  async lockedFor(account: string): Promise<number> {
    const row = await this.manager.findOneBy(LoginThrottle, { account });
    if (!row?.lockedUntil) return 0;
    return Math.max(0, Math.ceil((row.lockedUntil.getTime() - Date.now()) / 1000));
  }

  activePersonByUin(uin: string): Promise<PersonRecord | null> {
    return this.manager.findOneBy(Person, { uin, status: 'ACTIVE' });
  }

  activePerson(personId: string, uin?: string): Promise<PersonRecord | null> {
    return this.manager.findOneBy(Person, { id: personId, ...(uin ? { uin } : {}), status: 'ACTIVE' });
  }

  async codesSentSince(personId: string, minutes: number): Promise<number> {
    const [{ count }]: { count: number }[] = await this.manager.query(
      `SELECT count(*)::int AS count FROM identity.otp_challenges WHERE person_id = $1 AND created_at > now() - make_interval(mins => $2::int)`,
      [personId, minutes],
    );
    return count;
  }

  async addChallenge(challenge: {
    id: string;
    personId: string;
    purpose: OneTimeCodePurpose;
    codeHash: string;
    expiresAt: Date;
  }): Promise<void> {
    await this.manager.insert(OtpChallenge, { ...challenge, attempts: 0, consumedAt: null, createdAt: new Date() });
  }

  lockChallenge(id: string) {
    return this.manager.findOne(OtpChallenge, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async countWrongCode(challengeId: string): Promise<void> {
    await this.manager.increment(OtpChallenge, { id: challengeId }, 'attempts', 1);
  }

  async consumeChallenge(challengeId: string): Promise<void> {
    await this.manager.update(OtpChallenge, { id: challengeId }, { consumedAt: new Date() });
  }
}

/** Sign-in's tables: throttles, one-time code challenges, and the accounts they check. */
@Injectable()
export class SignInRepository implements SignInStore {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
  ) {}

  transaction<T>(work: (tx: SignInChanges) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new SignInTx(manager, this.backbone)));
  }

  reads(): SignInChanges {
    return new SignInTx(this.dataSource.manager, this.backbone);
  }

  activeCivilServantByEmployeeNumber(employeeNumber: string): Promise<CivilServantRecord | null> {
    return this.dataSource.getRepository(CivilServant).findOneBy({ employeeNumber, status: 'ACTIVE' });
  }

  async fail(account: string, maxFailures: number, lockoutMinutes: number): Promise<{ locked: boolean }> {
    const [row]: { failures: number }[] = await this.dataSource.query(
      `INSERT INTO identity.login_throttle (account, failures, locked_until, last_failure_at) VALUES ($1, 1, NULL, now())
       ON CONFLICT (account) DO UPDATE SET
         failures = CASE WHEN login_throttle.locked_until IS NOT NULL AND login_throttle.locked_until < now() THEN 1 ELSE login_throttle.failures + 1 END,
         locked_until = CASE WHEN login_throttle.locked_until IS NOT NULL AND login_throttle.locked_until < now() THEN NULL ELSE login_throttle.locked_until END,
         last_failure_at = now()
       RETURNING failures, locked_until`,
      [account],
    );
    if (row.failures < maxFailures) return { locked: false };
    await this.dataSource.query(
      `UPDATE identity.login_throttle SET locked_until = now() + make_interval(mins => $2) WHERE account = $1`,
      [account, lockoutMinutes],
    );
    return { locked: true };
  }

  async succeed(account: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM identity.login_throttle WHERE account = $1`, [account]);
  }

  async claimTotpStep(personId: string, step: number): Promise<boolean> {
    // A code works once: another sign-in with the same code (seen over a shoulder, replayed) is refused.
    const [, claimed]: [unknown, number] = await this.dataSource.query(
      `UPDATE identity.civil_servants SET totp_last_step = $2 WHERE person_id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)`,
      [personId, step],
    );
    return claimed > 0;
  }
}
