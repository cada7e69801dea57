import { randomInt, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CredentialIssued } from '@onedoor/contracts';
import {
  CARD_TYPE,
  IdentityError,
  IdentityErrorCode,
  STATUS_LIST_SIZE,
  type CardClaims,
  type CredentialRecord,
} from '../../domain';
import { assertCardIssuer, CARD_VALIDITY_DAYS, credentialNotFound, markRevoked } from '../card-access';
import { CardSigner } from '../card-signer';
import { CredentialStore } from '../ports';
import { IssueCard } from './issue-card.command';

/**
 * A civil servant's card: a compact JWS (ES256, typ onedoor-card+jwt) small enough for a QR code, verifiable
 * offline with the published card keys, revocable through the signed status list. A new card revokes the
 * holder's previous one.
 */
@Injectable()
export class IssueCardHandler {
  constructor(
    private readonly credentials: CredentialStore,
    private readonly signer: CardSigner,
  ) {}

  async execute({ caller, personId, baseUrl }: IssueCard): Promise<{ record: CredentialRecord; credential: string }> {
    const signer = await this.signer.current();
    const result = await this.credentials.transaction(async (tx) => {
      const servant = await tx.lockCivilServant(personId);
      if (!servant) throw credentialNotFound();
      assertCardIssuer(caller, servant.ministryCode);
      if (servant.status !== 'ACTIVE') {
        throw new IdentityError(
          IdentityErrorCode.CIVIL_SERVANT_INACTIVE,
          `A ${servant.status.toLowerCase()} civil servant gets no card.`,
        );
      }
      const person = await tx.person(personId);
      for (const previous of await tx.validOf(personId)) {
        await markRevoked(tx, previous, 'Replaced by a new card', caller.sub);
      }
      const issuedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
      const expiresAt = new Date(issuedAt.getTime() + CARD_VALIDITY_DAYS * 86_400_000);
      let credential: CredentialRecord | undefined;
      for (let attempt = 0; !credential && attempt < 20; attempt++) {
        const statusIndex = randomInt(STATUS_LIST_SIZE);
        if (await tx.statusIndexTaken(statusIndex)) continue;
        credential = {
          id: randomUUID(),
          personId,
          statusIndex,
          kid: signer.kid,
          issuedAt,
          expiresAt,
          issuedBy: caller.sub,
          revokedAt: null,
          revocationReason: null,
        };
        await tx.add(credential);
      }
      if (!credential) throw new Error('status list is full: add a second list');
      await tx.publish(CredentialIssued, {
        credentialId: credential.id,
        personId,
        employeeNumber: servant.employeeNumber,
        statusListIndex: credential.statusIndex,
        issuedAt: issuedAt.toISOString(),
        expiresAt: expiresAt.toISOString(),
      });
      const en = [person.givenNameEn, person.familyNameEn].filter(Boolean).join(' ');
      const claims: CardClaims = {
        iss: baseUrl,
        sub: personId,
        jti: credential.id,
        iat: issuedAt.getTime() / 1000,
        exp: expiresAt.getTime() / 1000,
        name: { lo: `${person.givenNameLo} ${person.familyNameLo}`, ...(en ? { en } : {}) },
        emp: servant.employeeNumber,
        org: servant.ministryCode,
        ...(servant.departmentCode ? { dep: servant.departmentCode } : {}),
        prv: servant.provinceCode,
        pos: servant.position,
        grd: servant.grade,
        status: { status_list: { idx: credential.statusIndex, uri: `${baseUrl}/credentials/status-list` } },
      };
      return { credential, claims };
    });
    return { record: result.credential, credential: await signer.sign(result.claims, CARD_TYPE) };
  }
}
