import { CredentialRevoked, hasRole, ROLES, type Caller } from '@onedoor/contracts';
import { IdentityError, IdentityErrorCode, type CredentialRecord } from '../domain';
import type { CredentialChanges } from './ports';

/** How long a card is valid. */
export const CARD_VALIDITY_DAYS = 730;
/** How long verifiers may keep a downloaded status list before fetching it again. */
export const STATUS_LIST_TTL_SECONDS = 300;

export const credentialNotFound = () =>
  new IdentityError(IdentityErrorCode.CREDENTIAL_NOT_FOUND, 'No credential with this id is visible to you.');

/** Only HR officers of the holder's ministry issue and revoke cards. */
export function assertCardIssuer(caller: Caller, ministryCode: string): void {
  if (!hasRole(caller, ROLES.identityHumanResources) || (caller.ministry && caller.ministry !== ministryCode)) {
    throw new IdentityError(
      IdentityErrorCode.FORBIDDEN,
      'Only HR officers of the holder’s ministry issue and revoke cards.',
    );
  }
}

/** Revokes the card and says so (credential.revoked). */
export async function markRevoked(tx: CredentialChanges, credential: CredentialRecord, reason: string, by: string) {
  credential.revokedAt = new Date();
  credential.revocationReason = reason;
  await tx.save(credential);
  await tx.publish(CredentialRevoked, {
    credentialId: credential.id,
    personId: credential.personId,
    statusListIndex: credential.statusIndex,
    reason,
    revokedAt: credential.revokedAt.toISOString(),
    by,
  });
}
