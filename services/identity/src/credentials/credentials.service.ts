import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { randomInt, randomUUID } from 'node:crypto';
import { CompactSign, importJWK, type JSONWebKeySet } from 'jose';
import { DataSource, IsNull } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import { hasRole, ROLES, type Caller } from '@onedoor/auth';
import { CredentialIssued, CredentialRevoked } from '@onedoor/contracts';
import { ProblemException } from '@onedoor/http';
import { CivilServant } from '../civil-servants/civil-servant.entities';
import { SigningKeys } from '../oidc/signing-keys.service';
import { Person } from '../persons/person.entities';
import { CARD_TYPE, STATUS_LIST_TYPE, readStatusList, verifyCard, type CardClaims, type CardVerdict } from './card';
import { Credential } from './credential.entity';
import { STATUS_LIST_SIZE, encodeStatusList } from './status-list';

export const CARD_VALIDITY_DAYS = 730;
/** How long verifiers may keep a downloaded status list before fetching it again. */
export const STATUS_LIST_TTL_SECONDS = 300;

export interface CredentialView {
  credentialId: string;
  personId: string;
  statusListIndex: number;
  issuedAt: string;
  expiresAt: string;
  revokedAt?: string;
  revocationReason?: string;
}

const view = (c: Credential): CredentialView => ({
  credentialId: c.id,
  personId: c.personId,
  statusListIndex: c.statusIndex,
  issuedAt: c.issuedAt.toISOString(),
  expiresAt: c.expiresAt.toISOString(),
  ...(c.revokedAt ? { revokedAt: c.revokedAt.toISOString(), revocationReason: c.revocationReason ?? undefined } : {}),
});

const notFound = () =>
  new ProblemException(
    HttpStatus.NOT_FOUND,
    'IDENTITY.CREDENTIAL_NOT_FOUND',
    'No credential with this id is visible to you.',
  );

/**
 * Civil servants' card credentials: a compact JWS (ES256, typ onedoor-card+jwt) small enough for a QR code,
 * verifiable offline with the published card keys, revocable through a signed status list (IETF Token Status
 * List). Issuing a new card revokes the holder's previous one.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: SigningKeys,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
  ) {}

  private assertHr(caller: Caller, ministryCode: string) {
    if (!hasRole(caller, ROLES.identityHumanResources) || (caller.ministry && caller.ministry !== ministryCode)) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'PLATFORM.FORBIDDEN',
        'Only HR officers of the holder’s ministry issue and revoke cards.',
      );
    }
  }

  private async signer() {
    await this.keys.ensureSigningKey('credential');
    const { keys } = await this.keys.forProvider('credential');
    const jwk = keys[0];
    return { kid: jwk.kid!, key: await importJWK(jwk, 'ES256') };
  }

  async publicKeys(): Promise<JSONWebKeySet> {
    await this.keys.ensureSigningKey('credential');
    return { keys: await this.keys.publicKeys('credential') };
  }

  async issue(caller: Caller, personId: string, baseUrl: string): Promise<CredentialView & { credential: string }> {
    const { kid, key } = await this.signer();
    const result = await this.dataSource.transaction(async (manager) => {
      const servant = await manager.findOne(CivilServant, { where: { personId }, lock: { mode: 'pessimistic_write' } });
      if (!servant) throw notFound();
      this.assertHr(caller, servant.ministryCode);
      if (servant.status !== 'ACTIVE') {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'IDENTITY.CIVIL_SERVANT_INACTIVE',
          `A ${servant.status.toLowerCase()} civil servant gets no card.`,
        );
      }
      const person = await manager.findOneByOrFail(Person, { id: personId });
      for (const previous of await manager.findBy(Credential, { personId, revokedAt: IsNull() })) {
        await this.markRevoked(manager, previous, 'Replaced by a new card', caller.sub);
      }
      const issuedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
      const expiresAt = new Date(issuedAt.getTime() + CARD_VALIDITY_DAYS * 86_400_000);
      let credential: Credential | undefined;
      for (let attempt = 0; !credential && attempt < 20; attempt++) {
        const statusIndex = randomInt(STATUS_LIST_SIZE);
        const taken = await manager.query(`SELECT 1 FROM identity.credentials WHERE status_index = $1`, [statusIndex]);
        if (taken.length) continue;
        credential = manager.create(Credential, {
          id: randomUUID(),
          personId,
          statusIndex,
          kid,
          issuedAt,
          expiresAt,
          issuedBy: caller.sub,
          revokedAt: null,
          revocationReason: null,
        });
        await manager.insert(Credential, credential);
      }
      if (!credential) throw new Error('status list is full: add a second list');
      await this.backbone.publisher.publish(manager, CredentialIssued, {
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
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(result.claims)))
      .setProtectedHeader({ alg: 'ES256', kid, typ: CARD_TYPE })
      .sign(key);
    return { ...view(result.credential), credential: jws };
  }

  private async markRevoked(
    manager: import('typeorm').EntityManager,
    credential: Credential,
    reason: string,
    by: string,
  ) {
    credential.revokedAt = new Date();
    credential.revocationReason = reason;
    await manager.save(credential);
    await this.backbone.publisher.publish(manager, CredentialRevoked, {
      credentialId: credential.id,
      personId: credential.personId,
      statusListIndex: credential.statusIndex,
      reason,
      revokedAt: credential.revokedAt.toISOString(),
      by,
    });
  }

  async revoke(caller: Caller, credentialId: string, reason: string): Promise<CredentialView> {
    return this.dataSource.transaction(async (manager) => {
      const credential = await manager.findOne(Credential, {
        where: { id: credentialId },
        lock: { mode: 'pessimistic_write' },
      });
      const servant = credential && (await manager.findOneBy(CivilServant, { personId: credential.personId }));
      if (!credential || !servant) throw notFound();
      this.assertHr(caller, servant.ministryCode);
      if (credential.revokedAt) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'IDENTITY.CREDENTIAL_ALREADY_REVOKED',
          'This card is already revoked.',
        );
      }
      await this.markRevoked(manager, credential, reason, caller.sub);
      return view(credential);
    });
  }

  async list(caller: Caller, personId: string): Promise<CredentialView[]> {
    const servant = await this.dataSource.getRepository(CivilServant).findOneBy({ personId });
    const allowed =
      servant &&
      (caller.sub === personId ||
        (hasRole(caller, ROLES.identityHumanResources) &&
          (!caller.ministry || caller.ministry === servant.ministryCode)));
    if (!allowed) throw notFound();
    const credentials = await this.dataSource
      .getRepository(Credential)
      .find({ where: { personId }, order: { issuedAt: 'DESC' } });
    return credentials.map(view);
  }

  /** The signed status list (statuslist+jwt), valid for a day; verifiers refresh it every five minutes. */
  async statusList(baseUrl: string): Promise<string> {
    const { kid, key } = await this.signer();
    const rows: { status_index: number }[] = await this.dataSource.query(
      `SELECT status_index FROM identity.credentials WHERE revoked_at IS NOT NULL AND expires_at > now()`,
    );
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      sub: `${baseUrl}/credentials/status-list`,
      iat: now,
      exp: now + 86_400,
      ttl: STATUS_LIST_TTL_SECONDS,
      status_list: { bits: 1, lst: encodeStatusList(rows.map((r) => r.status_index)) },
    };
    return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'ES256', kid, typ: STATUS_LIST_TYPE })
      .sign(key);
  }

  /** Verifies as an offline verifier would, with the current keys and status list. */
  async verify(jws: string, baseUrl: string): Promise<CardVerdict> {
    const keys = await this.publicKeys();
    return verifyCard(jws, keys, await readStatusList(await this.statusList(baseUrl), keys));
  }
}
