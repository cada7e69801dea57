import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import { LinkStore, WalletChanges, WalletStore } from '../application/ports';
import type { LinkTransactionRecord, OneTimeCodePurpose, WalletBindingRecord } from '../domain';
import { SignInTx } from './sign-in.repository';
import { LinkTransaction, WalletBinding } from './wallet.entities';

class WalletTx extends SignInTx implements WalletChanges {
  activeBindingByKey(keyThumbprint: string) {
    return this.manager.findOneBy(WalletBinding, { keyThumbprint, revokedAt: IsNull() });
  }

  activeBindingsOf(personId: string, partnerId?: string) {
    return this.manager.find(WalletBinding, {
      where: { personId, revokedAt: IsNull(), ...(partnerId ? { partnerId } : {}) },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async addBinding(binding: WalletBindingRecord) {
    await this.manager.insert(WalletBinding, binding as never);
  }

  async revokeBinding(id: string, reason: 'revoked-by-person' | 'replaced', at: Date) {
    const result = await this.manager.update(
      WalletBinding,
      { id, revokedAt: IsNull() },
      { revokedAt: at, revokedReason: reason },
    );
    return (result.affected ?? 0) > 0;
  }

  async latestChallengeId(personId: string, purpose: OneTimeCodePurpose) {
    const rows: { id: string }[] = await this.manager.query(
      `SELECT id FROM identity.otp_challenges
        WHERE person_id = $1 AND purpose = $2 AND consumed_at IS NULL AND expires_at > now()
        ORDER BY created_at DESC LIMIT 1`,
      [personId, purpose],
    );
    return rows[0]?.id ?? null;
  }
}

/** Wallet bindings: the table, and binding's transaction (with sign-in's one-time codes). */
@Injectable()
export class WalletRepository implements WalletStore {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
  ) {}

  transaction<T>(work: (tx: WalletChanges) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new WalletTx(manager, this.backbone)));
  }

  binding(id: string) {
    return this.dataSource.manager.findOneBy(WalletBinding, { id });
  }

  bindingsOf(personId: string) {
    return this.dataSource.manager.find(WalletBinding, { where: { personId }, order: { createdAt: 'DESC' } });
  }

  activeBindingsOf(personId: string) {
    return this.dataSource.manager.find(WalletBinding, {
      where: { personId, revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
  }
}

const LINK = 'identity.link_transactions';

/** Linked sign-ins: each step one conditional UPDATE, answering the row it changed. */
@Injectable()
export class LinkRepository implements LinkStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The rows a statement returned: an UPDATE answers [rows, count], an INSERT its rows. */
  private async returning(sql: string, parameters: unknown[]): Promise<{ transaction_id: string }[]> {
    const result: unknown = await this.dataSource.query(`${sql} RETURNING transaction_id`, parameters);
    const rows = Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result;
    return Array.isArray(rows) ? (rows as { transaction_id: string }[]) : [];
  }

  private async one(sql: string, parameters: unknown[]): Promise<LinkTransactionRecord | null> {
    const id = (await this.returning(sql, parameters))[0]?.transaction_id;
    return id ? this.byTransaction(id) : null;
  }

  async start(link: Pick<LinkTransactionRecord, 'transactionId' | 'linkCodeHash' | 'clientId' | 'expiresAt'>) {
    const rows = await this.returning(
      `INSERT INTO ${LINK} (transaction_id, link_code_hash, client_id, expires_at, created_at)
       VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (transaction_id) DO UPDATE
         SET link_code_hash = EXCLUDED.link_code_hash, expires_at = EXCLUDED.expires_at, created_at = now()
         WHERE ${LINK}.linked_at IS NULL`,
      [link.transactionId, link.linkCodeHash, link.clientId, link.expiresAt],
    );
    return rows.length > 0;
  }

  byTransaction(transactionId: string) {
    return this.dataSource.manager.findOneBy(LinkTransaction, { transactionId });
  }

  byLinkTransaction(linkTransactionId: string) {
    return this.dataSource.manager.findOneBy(LinkTransaction, { linkTransactionId });
  }

  link(linkCodeHash: string, linkTransactionId: string, expiresAt: Date) {
    return this.one(
      `UPDATE ${LINK} SET linked_at = now(), link_transaction_id = $2, expires_at = $3
        WHERE link_code_hash = $1 AND linked_at IS NULL AND expires_at > now()`,
      [linkCodeHash, linkTransactionId, expiresAt],
    );
  }

  async authenticated(linkTransactionId: string, personId: string, bindingId: string) {
    return !!(await this.one(
      `UPDATE ${LINK} SET authenticated_at = now(), person_id = $2, binding_id = $3
        WHERE link_transaction_id = $1 AND authenticated_at IS NULL AND expires_at > now()`,
      [linkTransactionId, personId, bindingId],
    ));
  }

  async failed(linkTransactionId: string, limit: number) {
    await this.dataSource.query(
      `UPDATE ${LINK} SET failed_attempts = failed_attempts + 1,
              expires_at = CASE WHEN failed_attempts + 1 >= $2 THEN now() ELSE expires_at END
        WHERE link_transaction_id = $1`,
      [linkTransactionId, limit],
    );
  }

  async consented(linkTransactionId: string, acceptedClaims: string[], permittedScopes: string[]) {
    return !!(await this.one(
      `UPDATE ${LINK} SET consented_at = now(), accepted_claims = $2::jsonb, permitted_scopes = $3::jsonb
        WHERE link_transaction_id = $1 AND authenticated_at IS NOT NULL AND consented_at IS NULL AND expires_at > now()`,
      [linkTransactionId, JSON.stringify(acceptedClaims), JSON.stringify(permittedScopes)],
    ));
  }

  takeCode(transactionId: string) {
    return this.one(
      `UPDATE ${LINK} SET code_issued_at = now()
        WHERE transaction_id = $1 AND consented_at IS NOT NULL AND code_issued_at IS NULL AND expires_at > now()`,
      [transactionId],
    );
  }

  async purgeExpired(before: Date) {
    return (await this.returning(`DELETE FROM ${LINK} WHERE expires_at < $1`, [before])).length;
  }
}
