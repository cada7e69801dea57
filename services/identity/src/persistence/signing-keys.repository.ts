import { Injectable } from '@nestjs/common';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { DataSource, IsNull, Not, type EntityManager } from 'typeorm';
import { SecretBox } from '../application/secret-box';
import { SigningKey } from './oidc.entities';

/** How long a retired key stays published: longer than any token it signed lives (ID tokens: 1 hour). */
export const RETIRED_KEY_PUBLISHED_HOURS = 24;
/** Card keys stay published while a card they signed may be valid (cards live two years). */
export const RETIRED_CREDENTIAL_KEY_PUBLISHED_HOURS = 2 * 366 * 24;
import { SigningKeyStore, type KeyPurpose } from '../application/ports';
import { certificateMembers, rsaKeyWithCertificate } from '../application/x509';

/** How long an RSA token key's certificate is valid: longer than a key is ever used before rotation. */
const CERTIFICATE_DAYS = 2 * 365;

/** The purposes kept together: a token key set holds both algorithms. */
const family = (purpose: KeyPurpose): KeyPurpose[] => (purpose === 'token' ? ['token', 'token-rsa'] : [purpose]);

/**
 * The provider's signing keys, kept in the database (private halves sealed with the data key) so that every
 * replica signs with the same key. There is always an active key and a next key, both published. Rotation
 * makes the next key active (verifiers already hold it in their cached key set), retires the active one (still
 * published for a day, so the tokens it signed verify until they expire) and prepares a new next key.
 */
@Injectable()
export class SigningKeysRepository implements SigningKeyStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: SecretBox,
  ) {}

  /** A new key pair: ES256, or RS256 with a self-signed certificate in its public JWK (`x5c`, `x5t#S256`, `exp`). */
  private async keyPair(purpose: KeyPurpose): Promise<{ alg: string; privateJwk: JWK; publicJwk: JWK }> {
    if (purpose === 'token-rsa') {
      const notAfter = new Date(Date.now() + CERTIFICATE_DAYS * 86_400_000);
      const made = await rsaKeyWithCertificate('CN=OneDoor identity provider, O=OneDoor', notAfter);
      const { alg: _alg, key_ops: _ops, ext: _ext, ...bare } = made.privateJwk as JWK;
      const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = bare;
      void [_alg, _ops, _ext, _d, _p, _q, _dp, _dq, _qi];
      return {
        alg: 'RS256',
        privateJwk: bare,
        publicJwk: { ...publicJwk, ...certificateMembers(made.certificate), exp: notAfter.toISOString() } as JWK,
      };
    }
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const privateJwk = await exportJWK(privateKey);
    const { d: _private, ...publicJwk } = privateJwk;
    void _private;
    return { alg: 'ES256', privateJwk, publicJwk };
  }

  private async create(manager: EntityManager, purpose: KeyPurpose, active: boolean): Promise<SigningKey> {
    const { alg, privateJwk, publicJwk } = await this.keyPair(purpose);
    const kid = await calculateJwkThumbprint(privateJwk);
    const key = manager.create(SigningKey, {
      kid,
      purpose,
      alg,
      publicJwk: { ...publicJwk, kid, alg, use: 'sig' },
      privateJwkSealed: this.secrets.seal(JSON.stringify({ ...privateJwk, kid, alg, use: 'sig' })),
      createdAt: new Date(),
      activatedAt: active ? new Date() : null,
      retiredAt: null,
    });
    return manager.save(key);
  }

  /** Makes the active and next keys if missing (once, whatever the number of replicas starting together). */
  async ensureSigningKey(purpose: KeyPurpose = 'token'): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('identity.signing-keys'))`);
      const count = (member: KeyPurpose, activated: boolean) =>
        manager.countBy(SigningKey, {
          purpose: member,
          retiredAt: IsNull(),
          activatedAt: activated ? Not(IsNull()) : IsNull(),
        });
      for (const member of family(purpose)) {
        if (!(await count(member, true))) await this.create(manager, member, true);
        if (!(await count(member, false))) await this.create(manager, member, false);
      }
    });
  }

  /** The next key signs from now on; the active one retires; a new next key is published (each algorithm's). */
  async rotate(purpose: KeyPurpose = 'token'): Promise<{ kid: string; retired: string[]; next: string }> {
    await this.ensureSigningKey(purpose);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('identity.signing-keys'))`);
      const rotated = [];
      for (const member of family(purpose)) rotated.push(await this.rotateOne(manager, member));
      return rotated[0];
    });
  }

  private async rotateOne(manager: EntityManager, purpose: KeyPurpose) {
    const active = await manager.findBy(SigningKey, { purpose, retiredAt: IsNull(), activatedAt: Not(IsNull()) });
    const next = await manager.findOneByOrFail(SigningKey, { purpose, retiredAt: IsNull(), activatedAt: IsNull() });
    await manager.update(
      SigningKey,
      { purpose, retiredAt: IsNull(), activatedAt: Not(IsNull()) },
      { retiredAt: new Date() },
    );
    await manager.update(SigningKey, { kid: next.kid }, { activatedAt: new Date() });
    const following = await this.create(manager, purpose, false);
    return { kid: next.kid, retired: active.map((k) => k.kid), next: following.kid };
  }

  private async published(purpose: KeyPurpose): Promise<SigningKey[]> {
    const keys = await this.dataSource
      .getRepository(SigningKey)
      .createQueryBuilder('k')
      .where('k.purpose IN (:...purposes)', { purposes: family(purpose) })
      .andWhere(`(k.retired_at IS NULL OR k.retired_at > now() - make_interval(hours => :hours))`, {
        hours: purpose === 'token' ? RETIRED_KEY_PUBLISHED_HOURS : RETIRED_CREDENTIAL_KEY_PUBLISHED_HOURS,
      })
      .getMany();
    // The provider signs with the first key of an algorithm: the active one, then the next, then retired ones,
    // newest first; ES256 keys before RS256 ones (the provider's default algorithm first).
    const rank = (k: SigningKey) => (k.alg === 'ES256' ? 0 : 3) + (k.retiredAt ? 2 : k.activatedAt ? 0 : 1);
    return keys.sort((a, b) => rank(a) - rank(b) || b.createdAt.getTime() - a.createdAt.getTime());
  }

  /** Private keys for the provider, the signing key first; and a fingerprint that changes when the set does. */
  async forProvider(purpose: KeyPurpose = 'token'): Promise<{ keys: JWK[]; fingerprint: string }> {
    const keys = await this.published(purpose);
    return {
      keys: keys.map((k) => JSON.parse(this.secrets.open(k.privateJwkSealed)) as JWK),
      fingerprint: keys.map((k) => `${k.kid}:${k.retiredAt ? 'retired' : k.activatedAt ? 'active' : 'next'}`).join(','),
    };
  }

  async publicKeys(purpose: KeyPurpose = 'token'): Promise<JWK[]> {
    return (await this.published(purpose)).map((k) => k.publicJwk as unknown as JWK);
  }
}
