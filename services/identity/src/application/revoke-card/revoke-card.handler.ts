import { Injectable } from '@nestjs/common';
import { IdentityError, IdentityErrorCode, type CredentialRecord } from '../../domain';
import { RevokeCard } from '../issue-card/issue-card.command';
import { assertCardIssuer, credentialNotFound, markRevoked } from '../card-access';
import { CredentialStore } from '../ports';

/** Revokes a card (once): verifiers see it in the next status list. */
@Injectable()
export class RevokeCardHandler {
  constructor(private readonly credentials: CredentialStore) {}

  execute({ caller, credentialId, reason }: RevokeCard): Promise<CredentialRecord> {
    return this.credentials.transaction(async (tx) => {
      const credential = await tx.lock(credentialId);
      const servant = credential && (await tx.civilServant(credential.personId));
      if (!credential || !servant) throw credentialNotFound();
      assertCardIssuer(caller, servant.ministryCode);
      if (credential.revokedAt) {
        throw new IdentityError(IdentityErrorCode.CREDENTIAL_ALREADY_REVOKED, 'This card is already revoked.');
      }
      await markRevoked(tx, credential, reason, caller.sub);
      return credential;
    });
  }
}
