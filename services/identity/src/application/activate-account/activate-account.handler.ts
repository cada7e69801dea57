import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  activationCodeHash,
  hashPassword,
  IdentityError,
  IdentityErrorCode,
  newTotpSecret,
  otpauthUri,
  passwordWeakness,
} from '../../domain';
import { CivilServantStore } from '../ports';
import { SecretBox } from '../secret-box';
import { ActivateAccount } from './activate-account.command';

/** Sets the password and returns the authenticator seed (shown once, as a QR code by the client). */
@Injectable()
export class ActivateAccountHandler {
  constructor(
    private readonly civilServants: CivilServantStore,
    private readonly secrets: SecretBox,
  ) {}

  async execute({ employeeNumber, activationCode, password }: ActivateAccount) {
    const weakness = passwordWeakness(password);
    if (weakness) {
      throw new IdentityError(IdentityErrorCode.WEAK_PASSWORD, `The password needs ${weakness}.`, [
        { field: 'password', message: weakness },
      ]);
    }
    const passwordHash = await hashPassword(password);
    const secret = newTotpSecret();
    await this.civilServants.transaction(async (tx) => {
      const record = await tx.lockByEmployeeNumber(employeeNumber);
      const expected = record?.activationCodeHash
        ? Buffer.from(record.activationCodeHash, 'base64url')
        : Buffer.alloc(32);
      const matches = timingSafeEqual(expected, activationCodeHash(activationCode));
      if (
        !record ||
        !matches ||
        !record.activationExpiresAt ||
        record.activationExpiresAt < new Date() ||
        record.status !== 'ACTIVE'
      ) {
        throw new IdentityError(
          IdentityErrorCode.ACTIVATION_REFUSED,
          'The employee number or activation code is wrong or expired.',
        );
      }
      record.passwordHash = passwordHash;
      record.totpSecretSealed = this.secrets.seal(secret);
      record.totpLastStep = null;
      record.activationCodeHash = null;
      record.activationExpiresAt = null;
      await tx.save(record);
    });
    return { otpauthUri: otpauthUri(secret, employeeNumber), secret };
  }
}
