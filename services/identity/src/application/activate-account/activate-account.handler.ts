import { randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  activationCodeHash,
  hashPassword,
  IdentityError,
  IdentityErrorCode,
  newTotpSecret,
  otpauthUri,
  passwordWeakness,
  type CivilServantRecord,
} from '../../domain';
import { CivilServantStore, SignInStore } from '../ports';
import { SecretBox } from '../secret-box';
import { OneTimeCodes } from '../sign-in/one-time-codes';
import { ActivateAccount, RequestActivationProof } from './activate-account.command';

const refused = () =>
  new IdentityError(
    IdentityErrorCode.ACTIVATION_REFUSED,
    'The employee number or activation code is wrong or expired.',
  );

/** Whether HR's activation code is this account's, unexpired, on an active record (in constant time). */
function hrCodeMatches(record: CivilServantRecord | null, activationCode: string): boolean {
  const expected = record?.activationCodeHash ? Buffer.from(record.activationCodeHash, 'base64url') : Buffer.alloc(32);
  const matches = timingSafeEqual(expected, activationCodeHash(activationCode));
  return (
    !!record &&
    matches &&
    !!record.activationExpiresAt &&
    record.activationExpiresAt >= new Date() &&
    record.status === 'ACTIVE'
  );
}

/**
 * Activating a staff account takes two proofs (ADR 0013): the activation code HR handed over (the appointment) and
 * a one-time code sent to the person's own phone or e-mail as the register holds it (the person). HR alone cannot
 * activate an account for someone, so no one but the person ever holds a login in their name. The answer is the
 * authenticator seed, once.
 */
@Injectable()
export class ActivateAccountHandler {
  constructor(
    private readonly civilServants: CivilServantStore,
    private readonly signIn: SignInStore,
    private readonly codes: OneTimeCodes,
    private readonly secrets: SecretBox,
  ) {}

  /** Sends the person a code on their own phone or e-mail; answers where it went (the channel), never the address. */
  async requestProof({ employeeNumber, activationCode }: RequestActivationProof) {
    const record = await this.signIn.activeCivilServantByEmployeeNumber(employeeNumber);
    if (!hrCodeMatches(record, activationCode)) throw refused();
    return this.signIn.transaction(async (tx) => {
      const person = await tx.activePerson(record!.personId);
      if (!person) throw refused();
      const issued = await this.codes.issue(tx, person, 'activation', randomUUID());
      if (issued === 'NO_ADDRESS') {
        throw new IdentityError(
          IdentityErrorCode.NO_CONTACT_FOR_CODE,
          'The register has no phone number or e-mail for this person: a registration officer adds one first.',
        );
      }
      if (issued === 'TOO_MANY') {
        throw new IdentityError(IdentityErrorCode.TOO_MANY_CODES, 'Too many codes were sent: wait 15 minutes.');
      }
      return { challengeId: issued.challengeId, channel: issued.channel, expiresAt: issued.expiresAt.toISOString() };
    });
  }

  async execute({ employeeNumber, activationCode, challengeId, code, password }: ActivateAccount) {
    const weakness = passwordWeakness(password);
    if (weakness) {
      throw new IdentityError(IdentityErrorCode.WEAK_PASSWORD, `The password needs ${weakness}.`, [
        { field: 'password', message: weakness },
      ]);
    }
    const record = await this.signIn.activeCivilServantByEmployeeNumber(employeeNumber);
    if (!hrCodeMatches(record, activationCode)) throw refused();
    const proven = await this.signIn.transaction((tx) =>
      this.codes.check(tx, challengeId, code, 'activation', async (personId) => personId === record!.personId),
    );
    if (!proven) {
      throw new IdentityError(
        IdentityErrorCode.ACTIVATION_REFUSED,
        'The code sent to your phone or e-mail is wrong or expired: ask for a new one.',
      );
    }
    const passwordHash = await hashPassword(password);
    const secret = newTotpSecret();
    await this.civilServants.transaction(async (tx) => {
      // Checked again under the lock: HR may have issued a new code (or suspended the account) meanwhile.
      const locked = await tx.lockByEmployeeNumber(employeeNumber);
      if (!hrCodeMatches(locked, activationCode) || locked!.personId !== record!.personId) throw refused();
      locked!.passwordHash = passwordHash;
      locked!.totpSecretSealed = this.secrets.seal(secret);
      locked!.totpLastStep = null;
      locked!.activationCodeHash = null;
      locked!.activationExpiresAt = null;
      await tx.save(locked!);
    });
    return { otpauthUri: otpauthUri(secret, employeeNumber), secret };
  }
}
