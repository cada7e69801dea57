import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CredentialRecord } from '../domain/identity.model';

/** A civil-servant card credential issued: the signed token itself is not kept, only what revocation needs. */
@Entity({ name: 'credentials' })
@Index('credentials_person', ['personId'])
export class Credential implements CredentialRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'person_id' }) personId: string;
  /** Position in the published status list; random, so neighbouring indexes say nothing about who. */
  @Column('integer', { name: 'status_index', unique: true }) statusIndex: number;
  @Column('text') kid: string;
  @Column('timestamptz', { name: 'issued_at' }) issuedAt: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt: Date;
  @Column('text', { name: 'issued_by' }) issuedBy: string;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
  @Column('text', { name: 'revocation_reason', nullable: true }) revocationReason: string | null;
}
