import type { DataSource } from 'typeorm';
import type { SecretBox } from '../application/secret-box';

type Payload = Record<string, unknown> & { grantId?: string; userCode?: string; uid?: string; consumed?: number };

/** Models whose rows belong to a grant, removed together when the grant is revoked. */
const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'ClientCredentials',
  'BackchannelAuthenticationRequest',
]);

/**
 * Client registrations are read on every token request: each replica keeps them for a few seconds. A change
 * made through this replica shows at once; through another, within CLIENT_CACHE_MS.
 */
export const CLIENT_CACHE_MS = 5_000;
const clientCache = new Map<string, { payload: Payload | undefined; at: number }>();

export function forgetClient(clientId: string) {
  clientCache.delete(clientId);
}

/**
 * The provider library's storage adapter on PostgreSQL (identity.oidc_records). Expired rows are invisible at
 * once and purged by `purgeExpired`. One instance per model, as the library constructs them.
 */
export function postgresAdapterFactory(dataSource: DataSource, secrets: SecretBox) {
  return class PostgresAdapter {
    constructor(readonly model: string) {}

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      if (this.model === 'Client') {
        forgetClient(id);
        if (typeof payload.client_secret === 'string')
          payload = { ...payload, client_secret: secrets.seal(payload.client_secret) };
      }
      await dataSource.query(
        `INSERT INTO identity.oidc_records (model, id, payload, grant_id, user_code, uid, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::int IS NULL THEN NULL ELSE now() + make_interval(secs => $7::int) END)
         ON CONFLICT (model, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id,
           user_code = EXCLUDED.user_code, uid = EXCLUDED.uid, expires_at = EXCLUDED.expires_at`,
        [
          this.model,
          id,
          payload,
          payload.grantId ?? null,
          payload.userCode ?? null,
          payload.uid ?? null,
          expiresIn ?? null,
        ],
      );
    }

    private async findWhere(column: 'id' | 'user_code' | 'uid', value: string): Promise<Payload | undefined> {
      const rows: { payload: Payload; consumed_at: Date | null }[] = await dataSource.query(
        `SELECT payload, consumed_at FROM identity.oidc_records
          WHERE model = $1 AND ${column} = $2 AND (expires_at IS NULL OR expires_at > now())`,
        [this.model, value],
      );
      if (!rows.length) return undefined;
      const { payload, consumed_at } = rows[0];
      return consumed_at ? { ...payload, consumed: Math.floor(consumed_at.getTime() / 1000) } : payload;
    }

    async find(id: string) {
      if (this.model !== 'Client') return this.findWhere('id', id);
      const cached = clientCache.get(id);
      if (cached && Date.now() - cached.at < CLIENT_CACHE_MS) return cached.payload;
      const payload = await this.findClient(id);
      if (clientCache.size > 10_000) clientCache.clear();
      clientCache.set(id, { payload, at: Date.now() });
      return payload;
    }

    private async findClient(id: string) {
      const payload = await this.findWhere('id', id);
      if (!payload) return payload;
      // Client secrets are sealed at rest; a deactivated client is unknown to the provider.
      if (payload.onedoor_status === 'INACTIVE') return undefined;
      return typeof payload.client_secret === 'string'
        ? { ...payload, client_secret: secrets.open(payload.client_secret) }
        : payload;
    }

    findByUserCode(userCode: string) {
      return this.findWhere('user_code', userCode);
    }

    findByUid(uid: string) {
      return this.findWhere('uid', uid);
    }

    async consume(id: string): Promise<void> {
      await dataSource.query(`UPDATE identity.oidc_records SET consumed_at = now() WHERE model = $1 AND id = $2`, [
        this.model,
        id,
      ]);
    }

    async destroy(id: string): Promise<void> {
      if (this.model === 'Client') forgetClient(id);
      await dataSource.query(`DELETE FROM identity.oidc_records WHERE model = $1 AND id = $2`, [this.model, id]);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      if (!GRANTABLE.has(this.model) && this.model !== 'Grant') return;
      await dataSource.query(`DELETE FROM identity.oidc_records WHERE grant_id = $1`, [grantId]);
    }
  };
}

/** Removes expired provider records; run on a timer by the provider service. */
export async function purgeExpiredOidcRecords(dataSource: DataSource): Promise<number> {
  const result = await dataSource.query(
    `DELETE FROM identity.oidc_records WHERE expires_at < now() - interval '1 hour'`,
  );
  return Array.isArray(result) ? (result[1] as number) : 0;
}
