import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Sealer } from '@onedoor/backbone';
import { OneTimeCodeRequested, type OneTimeCodePurpose, type OneTimeCodeSecret } from '@onedoor/contracts';
import type { PersonRecord } from '../../domain';
import { LOGIN_POLICY, type LoginPolicy } from '../../identity.config';
import type { SignInChanges } from '../ports';
import { SecretBox } from '../secret-box';

export interface IssuedCode {
  challengeId: string;
  channel: 'sms' | 'email';
  expiresAt: Date;
}

/**
 * One-time codes sent to a person's own phone or e-mail: to sign in with their UIN, and to prove it is them
 * activating a staff account. Only an HMAC of a code is stored; the event that asks the messaging block to deliver
 * it carries the code and the address sealed for that block alone (ADR 0013). A code is bound to its purpose: a
 * sign-in code does not activate an account, nor the reverse.
 */
@Injectable()
export class OneTimeCodes {
  constructor(
    private readonly secrets: SecretBox,
    private readonly sealer: Sealer,
    @Inject(LOGIN_POLICY) private readonly policy: LoginPolicy,
  ) {}

  /** A code sent to an address it proves (a new phone) is bound to it: it checks only with the same address. */
  private hash(challengeId: string, code: string, boundTo?: string): string {
    return createHmac('sha256', this.secrets.derive('otp'))
      .update(boundTo === undefined ? `${challengeId}:${code}` : `${challengeId}:${code}:${boundTo}`)
      .digest('base64url');
  }

  /** The address a code goes to: the phone when SMS is preferred or there is no e-mail; none when neither is known. */
  static addressOf(person: PersonRecord): { channel: 'sms' | 'email'; destination: string } | undefined {
    const bySms = !!person.phone && (person.preferredChannel === 'sms' || !person.email);
    if (bySms) return { channel: 'sms', destination: person.phone! };
    return person.email ? { channel: 'email', destination: person.email } : undefined;
  }

  /**
   * Issues a code to the person, in the caller's transaction: the challenge and the sealed request. Answers
   * 'TOO_MANY' past the per-person limit, 'NO_ADDRESS' when no phone or e-mail is known. `to`: an address the code
   * proves (a new phone number), instead of the register's; the code is bound to it.
   */
  async issue(
    tx: SignInChanges,
    person: PersonRecord,
    purpose: OneTimeCodePurpose,
    challengeId: string,
    to?: { channel: 'sms' | 'email'; destination: string },
  ): Promise<IssuedCode | 'TOO_MANY' | 'NO_ADDRESS'> {
    const address = to ?? OneTimeCodes.addressOf(person);
    if (!address) return 'NO_ADDRESS';
    if ((await tx.codesSentSince(person.id, 15)) >= this.policy.maxCodesPerQuarterHour) return 'TOO_MANY';
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(Date.now() + this.policy.codeTtlMinutes * 60_000);
    await tx.addChallenge({
      id: challengeId,
      personId: person.id,
      purpose,
      codeHash: this.hash(challengeId, code, to?.destination),
      expiresAt,
    });
    const secret: OneTimeCodeSecret = { code, destination: address.destination };
    await tx.publish(OneTimeCodeRequested, {
      challengeId,
      personId: person.id,
      purpose,
      channel: address.channel,
      language: person.preferredLanguage,
      expiresAt: expiresAt.toISOString(),
      sealed: await this.sealer.seal(secret),
    });
    return { challengeId, channel: address.channel, expiresAt };
  }

  /**
   * Checks a code against its challenge, in the caller's transaction: the person it was sent to when it is right,
   * unexpired, unused, for this purpose, sent to the person `belongsTo` accepts (and to the address `boundTo`, for a
   * code issued `to` one), and within the allowed attempts (then it is spent); undefined otherwise (a wrong code
   * counts against the challenge).
   */
  async check(
    tx: SignInChanges,
    challengeId: string,
    code: string,
    purpose: OneTimeCodePurpose,
    belongsTo: (personId: string) => Promise<boolean>,
    boundTo?: string,
  ): Promise<string | undefined> {
    const challenge = await tx.lockChallenge(challengeId);
    if (!challenge || challenge.purpose !== purpose || challenge.consumedAt || challenge.expiresAt < new Date()) {
      return undefined;
    }
    if (!(await belongsTo(challenge.personId))) return undefined;
    if (challenge.attempts >= this.policy.maxCodeAttempts) return undefined;
    const expected = Buffer.from(challenge.codeHash);
    const given = Buffer.from(this.hash(challengeId, code, boundTo));
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      await tx.countWrongCode(challengeId);
      return undefined;
    }
    await tx.consumeChallenge(challengeId);
    return challenge.personId;
  }
}
