import { Injectable } from '@nestjs/common';
import { ACTIVATION_DAYS, activationCodeHash, newActivationCode } from '../../domain';
import { lockManaged } from '../civil-servant-access';
import { CivilServantStore } from '../ports';
import { ChangeCivilServant } from '../change-civil-servant/change-civil-servant.command';

/**
 * A one-time activation code that HR hands to the civil servant in person; it lets them set their password and
 * authenticator once, within seven days. Issuing a new one resets the account.
 */
@Injectable()
export class IssueActivationCodeHandler {
  constructor(private readonly civilServants: CivilServantStore) {}

  /** Takes the civil servant (ChangeCivilServant's caller and personId). */
  async execute({ caller, personId }: Pick<ChangeCivilServant, 'caller' | 'personId'>) {
    const code = newActivationCode();
    const expiresAt = new Date(Date.now() + ACTIVATION_DAYS * 86_400_000);
    await this.civilServants.transaction(async (tx) => {
      const record = await lockManaged(tx, caller, personId);
      record.activationCodeHash = activationCodeHash(code).toString('base64url');
      record.activationExpiresAt = expiresAt;
      record.passwordHash = null;
      record.totpSecretSealed = null;
      record.totpLastStep = null;
      await tx.save(record);
    });
    return { activationCode: code, expiresAt: expiresAt.toISOString() };
  }
}
