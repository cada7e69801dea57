import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type {
  LoginThrottleRecord,
  OidcRecordRow,
  OneTimeCodePurpose,
  OtpChallengeRecord,
  SigningKeyRecord,
} from '../domain/identity.model';

/**
 * What the OpenID provider keeps (sessions, grants, codes, refresh tokens, clients, interactions), one row per
 * model and id, as the provider library's adapter contract describes it.
 */
@Entity({ name: 'oidc_records' })
@Index('oidc_records_grant', ['grantId'])
@Index('oidc_records_uid', ['uid'])
@Index('oidc_records_expires', ['expiresAt'])
export class OidcRecord implements OidcRecordRow {
  @PrimaryColumn('text') model: string;
  @PrimaryColumn('text') id: string;
  @Column('jsonb') payload: Record<string, unknown>;
  @Column('text', { name: 'grant_id', nullable: true }) grantId: string | null;
  @Column('text', { name: 'user_code', nullable: true }) userCode: string | null;
  @Column('text', { nullable: true }) uid: string | null;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt: Date | null;
  @Column('timestamptz', { name: 'consumed_at', nullable: true }) consumedAt: Date | null;
}

/**
 * Token signing keys: one active key signs; the next key is published before it signs, so verifiers with a
 * cached key set know it when rotation makes it active; retired keys stay published until their tokens expire.
 */
@Entity({ name: 'signing_keys' })
export class SigningKey implements SigningKeyRecord {
  @PrimaryColumn('text') kid: string;
  /** token: OpenID tokens (rotated often); credential: civil-servant cards (published as long as cards live). */
  @Column('text') purpose: 'token' | 'token-rsa' | 'credential';
  @Column('text') alg: string;
  @Column('jsonb', { name: 'public_jwk' }) publicJwk: Record<string, unknown>;
  /** The private JWK, sealed with the data key. */
  @Column('text', { name: 'private_jwk_sealed' }) privateJwkSealed: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  /** Null while the key is the next one: published, not yet signing. */
  @Column('timestamptz', { name: 'activated_at', nullable: true }) activatedAt: Date | null;
  @Column('timestamptz', { name: 'retired_at', nullable: true }) retiredAt: Date | null;
}

/** Failed logins per account (UIN or employee number): too many lock the account for a while. */
@Entity({ name: 'login_throttle' })
export class LoginThrottle implements LoginThrottleRecord {
  @PrimaryColumn('text') account: string;
  @Column('integer') failures: number;
  @Column('timestamptz', { name: 'locked_until', nullable: true }) lockedUntil: Date | null;
  @Column('timestamptz', { name: 'last_failure_at' }) lastFailureAt: Date;
}

/** A one-time code sent to a person (to sign in, or to activate their staff account): only its hash is kept. */
@Entity({ name: 'otp_challenges' })
@Index('otp_challenges_person', ['personId'])
export class OtpChallenge implements OtpChallengeRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'person_id' }) personId: string;
  @Column('text', { name: 'code_hash' }) codeHash: string;
  /** What the code proves: a citizen signing in, or the person activating their staff account. */
  @Column('text', { default: 'sign-in' }) purpose: OneTimeCodePurpose;
  @Column('integer') attempts: number;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt: Date;
  @Column('timestamptz', { name: 'consumed_at', nullable: true }) consumedAt: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
