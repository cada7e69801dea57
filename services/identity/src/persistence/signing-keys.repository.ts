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
const ALG = 'ES256';

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

  private async create(manager: EntityManager, purpose: KeyPurpose, active: boolean): Promise<SigningKey> {
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    const privateJwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint(privateJwk);
    const { d: _private, ...publicJwk } = privateJwk;
    void _private;
    const key = manager.create(SigningKey, {
      kid,
      purpose,
      alg: ALG,
      publicJwk: { ...publicJwk, kid, alg: ALG, use: 'sig' },
      privateJwkSealed: this.secrets.seal(JSON.stringify({ ...privateJwk, kid, alg: ALG, use: 'sig' })),
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
      const count = (activated: boolean) =>
        manager.countBy(SigningKey, {
          purpose,
          retiredAt: IsNull(),
          activatedAt: activated ? Not(IsNull()) : IsNull(),
        });
      if (!(await count(true))) await this.create(manager, purpose, true);
      if (!(await count(false))) await this.create(manager, purpose, false);
    });
  }

  /** The next key signs from now on; the active one retires; a new next key is published. */
  async rotate(purpose: KeyPurpose = 'token'): Promise<{ kid: string; retired: string[]; next: string }> {
    await this.ensureSigningKey(purpose);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('identity.signing-keys'))`);
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
    });
  }

  private async published(purpose: KeyPurpose): Promise<SigningKey[]> {
    const keys = await this.dataSource
      .getRepository(SigningKey)
      .createQueryBuilder('k')
      .where('k.purpose = :purpose', { purpose })
      .andWhere(`(k.retired_at IS NULL OR k.retired_at > now() - make_interval(hours => :hours))`, {
        hours: purpose === 'token' ? RETIRED_KEY_PUBLISHED_HOURS : RETIRED_CREDENTIAL_KEY_PUBLISHED_HOURS,
      })
      .getMany();
    // The provider signs with the first key: the active one, then the next, then retired ones, newest first.
    const rank = (k: SigningKey) => (k.retiredAt ? 2 : k.activatedAt ? 0 : 1);
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
