import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { LinkTransactionRecord, WalletBindingRecord } from '../domain/identity.model';

/** Wallet apps' keys bound to people: one active binding per key (a key is one person's). */
@Entity({ name: 'wallet_bindings' })
@Index('wallet_bindings_person', ['personId'])
@Index('wallet_bindings_active_key', ['keyThumbprint'], { unique: true, where: '"revoked_at" IS NULL' })
export class WalletBinding implements WalletBindingRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'person_id' }) personId: string;
  @Column('text', { name: 'partner_id' }) partnerId: string;
  @Column('text', { name: 'auth_factor_type' }) authFactorType: 'WLA';
  @Column('text', { name: 'key_thumbprint' }) keyThumbprint: string;
  @Column('jsonb', { name: 'public_jwk' }) publicJwk: Record<string, unknown>;
  @Column('text') certificate: string;
  @Column('text', { name: 'certificate_thumbprint' }) certificateThumbprint: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
  @Column('text', { name: 'revoked_reason', nullable: true }) revokedReason: 'revoked-by-person' | 'replaced' | null;
}

/** Counters' sign-ins by phone (linked authorization), from the link code to the authorization code. */
@Entity({ name: 'link_transactions' })
@Index('link_transactions_link_code', ['linkCodeHash'], { unique: true })
@Index('link_transactions_linked', ['linkTransactionId'], { unique: true })
@Index('link_transactions_expires', ['expiresAt'])
export class LinkTransaction implements LinkTransactionRecord {
  @PrimaryColumn('text', { name: 'transaction_id' }) transactionId: string;
  @Column('text', { name: 'link_code_hash' }) linkCodeHash: string;
  @Column('text', { name: 'client_id' }) clientId: string;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt: Date;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('uuid', { name: 'link_transaction_id', nullable: true }) linkTransactionId: string | null;
  @Column('timestamptz', { name: 'linked_at', nullable: true }) linkedAt: Date | null;
  @Column('uuid', { name: 'person_id', nullable: true }) personId: string | null;
  @Column('uuid', { name: 'binding_id', nullable: true }) bindingId: string | null;
  @Column('timestamptz', { name: 'authenticated_at', nullable: true }) authenticatedAt: Date | null;
  @Column('integer', { name: 'failed_attempts', default: 0 }) failedAttempts: number;
  @Column('jsonb', { name: 'accepted_claims', nullable: true }) acceptedClaims: string[] | null;
  @Column('jsonb', { name: 'permitted_scopes', nullable: true }) permittedScopes: string[] | null;
  @Column('timestamptz', { name: 'consented_at', nullable: true }) consentedAt: Date | null;
  @Column('timestamptz', { name: 'code_issued_at', nullable: true }) codeIssuedAt: Date | null;
}
