import type { OneTimeCodePurpose } from '@onedoor/contracts';

export type { OneTimeCodePurpose };

/** The identity block's records, as its use cases see them (persistence/ maps them to tables). */

export type PersonStatus = 'ACTIVE' | 'DEACTIVATED';
export type Sex = 'F' | 'M' | 'X';

/** A person known to the government. Never deleted: deactivation is the logical deletion. */
export interface PersonRecord {
  id: string;
  uin: string;
  givenNameLo: string;
  familyNameLo: string;
  givenNameEn: string | null;
  familyNameEn: string | null;
  /** Folded search keys (see lao-text.ts): given and family name together. */
  nameKeyLo: string;
  nameKeyLatin: string | null;
  dateOfBirth: string;
  sex: Sex;
  provinceCode: string;
  districtCode: string;
  villageCode: string | null;
  addressLine: string | null;
  phone: string | null;
  email: string | null;
  preferredLanguage: 'lo' | 'en';
  preferredChannel: 'sms' | 'email';
  status: PersonStatus;
  statusReason: string | null;
  /** Records the enrolling officer confirmed to be other people, though they looked like duplicates. */
  distinctFrom: string[];
  enrolledBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export type PersonAccessAction =
  'ENROL' | 'READ' | 'SEARCH_RESULT' | 'UPDATE' | 'DEACTIVATE' | 'REACTIVATE' | 'DUPLICATE_CANDIDATE';

/** The audit trail: who read or changed whose record, when, and in which request. Append-only. */
export interface PersonAccessRecord {
  id: string;
  personId: string;
  actor: string;
  actorRoles: string[];
  actorScope: string | null;
  action: PersonAccessAction;
  traceId: string | null;
  at: Date;
}

export type CivilServantStatus = 'ACTIVE' | 'SUSPENDED' | 'RETIRED' | 'LEFT';
/** The level of government of a posting: central (a ministry's headquarters), province or district. */
export type PostingLevel = 'central' | 'province' | 'district';

/** A person who works for the government (the personal information management system), and how they log in. */
export interface CivilServantRecord {
  personId: string;
  /** The staff account's id: the `sub` of its tokens. Never the person's id, so a staff login never acts as the citizen. */
  accountId: string;
  employeeNumber: string;
  ministryCode: string;
  departmentCode: string | null;
  provinceCode: string;
  level: PostingLevel;
  position: string;
  grade: string;
  status: CivilServantStatus;
  /** Roles granted on this platform (for example identity.registrar, workflow.officer). */
  roles: string[];
  passwordHash: string | null;
  /** The authenticator seed, sealed with the data key. */
  totpSecretSealed: string | null;
  /** The time step of the last authenticator code accepted: a code works once. */
  totpLastStep: number | null;
  activationCodeHash: string | null;
  activationExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The assignment history: every posting a civil servant held, the current one with no end date. */
export interface AssignmentRecord {
  id: string;
  personId: string;
  ministryCode: string;
  departmentCode: string | null;
  provinceCode: string;
  level: PostingLevel;
  position: string;
  grade: string;
  effectiveFrom: string;
  endedOn: string | null;
  reason: string;
  recordedBy: string;
  recordedAt: Date;
}

/** A civil-servant card credential issued: the signed token itself is not kept, only what revocation needs. */
export interface CredentialRecord {
  id: string;
  personId: string;
  /** Position in the published status list; random, so neighbouring indexes say nothing about who. */
  statusIndex: number;
  kid: string;
  issuedAt: Date;
  expiresAt: Date;
  issuedBy: string;
  revokedAt: Date | null;
  revocationReason: string | null;
}

export type AdminAreaLevel = 'province' | 'district' | 'village';

/** The country's administrative divisions as data: province (2 digits), district (4), village (7). */
export interface AdminAreaRecord {
  code: string;
  level: AdminAreaLevel;
  parentCode: string | null;
  nameLo: string;
  nameEn: string;
}

export type OrganisationKind = 'ministry' | 'department';

/** Ministries and their departments (codes such as MOH, MOH-DHR): where civil servants work and cases go. */
export interface OrganisationRecord {
  code: string;
  kind: OrganisationKind;
  parentCode: string | null;
  nameLo: string;
  nameEn: string;
}

/**
 * What the OpenID provider keeps (sessions, grants, codes, refresh tokens, clients, interactions), one row per
 * model and id, as the provider library's adapter contract describes it.
 */
export interface OidcRecordRow {
  model: string;
  id: string;
  payload: Record<string, unknown>;
  grantId: string | null;
  userCode: string | null;
  uid: string | null;
  expiresAt: Date | null;
  consumedAt: Date | null;
}

/**
 * Token signing keys: one active key signs; the next key is published before it signs, so verifiers with a
 * cached key set know it when rotation makes it active; retired keys stay published until their tokens expire.
 */
export interface SigningKeyRecord {
  kid: string;
  /** token: OpenID tokens (rotated often); credential: civil-servant cards (published as long as cards live). */
  purpose: 'token' | 'token-rsa' | 'credential';
  alg: string;
  publicJwk: Record<string, unknown>;
  /** The private JWK, sealed with the data key. */
  privateJwkSealed: string;
  createdAt: Date;
  /** Null while the key is the next one: published, not yet signing. */
  activatedAt: Date | null;
  retiredAt: Date | null;
}

/** Failed logins per account (UIN or employee number): too many lock the account for a while. */
export interface LoginThrottleRecord {
  account: string;
  failures: number;
  lockedUntil: Date | null;
  lastFailureAt: Date;
}

/** A one-time login code sent to a citizen: only its hash is kept. */
export interface OtpChallengeRecord {
  id: string;
  personId: string;
  codeHash: string;
  purpose: OneTimeCodePurpose;
  attempts: number;
  expiresAt: Date;
  consumedAt: Date | null;
  createdAt: Date;
}

/** A wallet app's public key bound to a person (GovStack's wallet binding): the app signs the person in with it. */
export interface WalletBindingRecord {
  id: string;
  personId: string;
  /** The wallet: the service client that asked for the binding. */
  partnerId: string;
  authFactorType: 'WLA';
  /** RFC 7638 thumbprint of the public key: a key is bound to one person at a time. */
  keyThumbprint: string;
  publicJwk: Record<string, unknown>;
  /** The binding certificate (X.509, PEM) the block signed over the key, and its SHA-256 thumbprint (base64url). */
  certificate: string;
  certificateThumbprint: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedReason: 'revoked-by-person' | 'replaced' | null;
}

/**
 * A sign-in at a counter by a phone (GovStack's linked authorization): the counter's authorization request (its
 * interaction id is the transaction id), the link code its QR code shows (only a hash is kept), then what the
 * phone did: linked, authenticated as a person, consented; and whether the counter has taken its code.
 */
export interface LinkTransactionRecord {
  transactionId: string;
  linkCodeHash: string;
  clientId: string;
  expiresAt: Date;
  createdAt: Date;
  linkTransactionId: string | null;
  linkedAt: Date | null;
  personId: string | null;
  bindingId: string | null;
  authenticatedAt: Date | null;
  failedAttempts: number;
  acceptedClaims: string[] | null;
  permittedScopes: string[] | null;
  consentedAt: Date | null;
  codeIssuedAt: Date | null;
}
