import type { FieldError } from '@onedoor/application';
import type { JWK } from 'jose';
import type { EntityManager } from 'typeorm';
import type { EventContract, PayloadOf } from '@onedoor/contracts';
import type {
  AdminAreaLevel,
  AdminAreaRecord,
  AssignmentRecord,
  CivilServantRecord,
  CredentialRecord,
  OrganisationRecord,
  OneTimeCodePurpose,
  OtpChallengeRecord,
  PersonAccessAction,
  PersonAccessRecord,
  PersonRecord,
  LinkTransactionRecord,
  WalletBindingRecord,
} from '../domain';

/**
 * The database transaction a use case runs in, as the event backbone hands it to a consumer: an opaque handle
 * that handlers pass to the block's repositories (persistence/), never use themselves.
 */
export type Transaction = Pick<EntityManager, 'query'>;

export interface Page {
  offset: number;
  limit: number;
}

export type { FieldError };

/** Who acted, as the audit trail records it. */
export interface Actor {
  actor: string;
  actorRoles: string[];
  actorScope: string | null;
  traceId: string | null;
}

// -- people

export type EnrolmentOutcome =
  | { kind: 'ENROLLED' }
  | { kind: 'DUPLICATE'; candidates: { personId: string; reason: 'SAME_NAME_AND_BIRTH_DATE' | 'SAME_PHONE' }[] }
  | { kind: 'UIN_TAKEN' };

export interface PersonSearch {
  /** Officers scoped to a province search it only. */
  province?: string;
  /** The search key of a name (lao-text.ts searchKey). */
  nameKey?: string;
  uin?: string;
  phone?: string;
  dateOfBirth?: string;
  districtCode?: string;
  status?: string;
}

/** A person's record and audit trail inside one transaction. */
export abstract class PersonChanges {
  abstract find(id: string): Promise<PersonRecord | null>;
  abstract lock(id: string): Promise<PersonRecord | null>;
  /** Saves the record (its version goes up) and answers it as saved. */
  abstract save(person: PersonRecord): Promise<PersonRecord>;
  abstract audit(actor: Actor, action: PersonAccessAction, personIds: string[]): Promise<void>;
  abstract publish<C extends EventContract>(contract: C, payload: PayloadOf<C>): Promise<void>;
  abstract search(filter: PersonSearch, page: Page): Promise<[PersonRecord[], number]>;
}

export abstract class PersonStore {
  abstract transaction<T>(work: (tx: PersonChanges) => Promise<T>): Promise<T>;
  /**
   * Enrolment in one statement: likely duplicates found under advisory locks, or the UIN claimed and the
   * person, its audit row and its event written (persistence/enrolment.sql.ts). `draw` makes the record.
   */
  abstract enrol(draw: () => PersonRecord, actor: Actor): Promise<{ person: PersonRecord; outcome: EnrolmentOutcome }>;
  /** A new UIN to try (the statement claims it, or another is drawn). */
  abstract uinCandidate(): string;
  abstract accessLog(personId: string, page: Page): Promise<[PersonAccessRecord[], number]>;
}

// -- civil servants

export interface CivilServantFilter {
  /** HR officers scoped to a ministry list it only. */
  ownMinistry?: string;
  ministryCode?: string;
  provinceCode?: string;
  status?: string;
}

export abstract class CivilServantChanges {
  abstract activePerson(personId: string): Promise<PersonRecord | null>;
  /** A civil servant already holding this person or this employee number. */
  abstract clash(personId: string, employeeNumber: string): Promise<CivilServantRecord | null>;
  abstract lockByPerson(personId: string): Promise<CivilServantRecord | null>;
  abstract lockByEmployeeNumber(employeeNumber: string): Promise<CivilServantRecord | null>;
  abstract save(record: CivilServantRecord): Promise<CivilServantRecord>;
  abstract currentAssignment(personId: string): Promise<AssignmentRecord | null>;
  abstract endAssignments(personId: string, endedOn: string): Promise<void>;
  abstract addAssignment(assignment: Omit<AssignmentRecord, 'recordedAt'>): Promise<void>;
  abstract publish<C extends EventContract>(contract: C, payload: PayloadOf<C>): Promise<void>;
}

export abstract class CivilServantStore {
  abstract transaction<T>(work: (tx: CivilServantChanges) => Promise<T>): Promise<T>;
  abstract byPerson(personId: string): Promise<CivilServantRecord | null>;
  abstract list(filter: CivilServantFilter, page: Page): Promise<[CivilServantRecord[], number]>;
  abstract assignments(personId: string): Promise<AssignmentRecord[]>;
}

// -- cards

export abstract class CredentialChanges {
  /** The holder's civil-servant record, under a row lock (cards of one holder are issued one at a time). */
  abstract lockCivilServant(personId: string): Promise<CivilServantRecord | null>;
  abstract civilServant(personId: string): Promise<CivilServantRecord | null>;
  abstract person(personId: string): Promise<PersonRecord>;
  /** The holder's cards not revoked. */
  abstract validOf(personId: string): Promise<CredentialRecord[]>;
  abstract statusIndexTaken(index: number): Promise<boolean>;
  abstract add(credential: CredentialRecord): Promise<void>;
  abstract lock(id: string): Promise<CredentialRecord | null>;
  abstract save(credential: CredentialRecord): Promise<void>;
  abstract publish<C extends EventContract>(contract: C, payload: PayloadOf<C>): Promise<void>;
}

export abstract class CredentialStore {
  abstract transaction<T>(work: (tx: CredentialChanges) => Promise<T>): Promise<T>;
  abstract ofPerson(personId: string): Promise<CredentialRecord[]>;
  abstract civilServant(personId: string): Promise<CivilServantRecord | null>;
  /** The status-list indexes of revoked cards not yet expired. */
  abstract revokedIndexes(): Promise<number[]>;
}

// -- reference data, keys

export interface AddressCodes {
  provinceCode: string;
  districtCode?: string;
  villageCode?: string | null;
}

/** Administrative areas and organisations, cached by the replica. */
export abstract class ReferenceCodes {
  abstract areas(filter: { level?: AdminAreaLevel; parentCode?: string }): Promise<AdminAreaRecord[]>;
  abstract organisations(filter: {
    kind?: OrganisationRecord['kind'];
    parentCode?: string;
  }): Promise<OrganisationRecord[]>;
  abstract addressErrors(address: AddressCodes, prefix?: string): Promise<FieldError[]>;
  abstract postingErrors(ministryCode: string, departmentCode?: string | null): Promise<FieldError[]>;
  abstract saveArea(area: AdminAreaRecord): Promise<FieldError[]>;
  abstract saveOrganisation(organisation: OrganisationRecord): Promise<FieldError[]>;
}

/**
 * What a key signs: tokens (ES256; with `token-rsa`, RS256 keys with certificates for GovStack's relying parties,
 * kept, rotated and published together with them), or civil servants' cards and wallet binding certificates.
 */
export type KeyPurpose = 'token' | 'token-rsa' | 'credential';

/** Signing keys kept in the database, private halves sealed. */
export abstract class SigningKeyStore {
  abstract ensureSigningKey(purpose?: KeyPurpose): Promise<void>;
  abstract rotate(purpose?: KeyPurpose): Promise<{ kid: string; retired: string[]; next: string }>;
  abstract forProvider(purpose?: KeyPurpose): Promise<{ keys: JWK[]; fingerprint: string }>;
  abstract publicKeys(purpose?: KeyPurpose): Promise<JWK[]>;
}

// -- sign-in

/** What signing in reads and writes: throttles per account, one-time code challenges, the accounts. */
export abstract class SignInChanges {
  /** Seconds the account is still locked for (0: not locked). */
  abstract lockedFor(account: string): Promise<number>;
  abstract activePersonByUin(uin: string): Promise<PersonRecord | null>;
  abstract activePerson(personId: string, uin?: string): Promise<PersonRecord | null>;
  abstract codesSentSince(personId: string, minutes: number): Promise<number>;
  abstract addChallenge(challenge: {
    id: string;
    personId: string;
    purpose: OneTimeCodePurpose;
    codeHash: string;
    expiresAt: Date;
  }): Promise<void>;
  abstract lockChallenge(id: string): Promise<OtpChallengeRecord | null>;
  abstract countWrongCode(challengeId: string): Promise<void>;
  abstract consumeChallenge(challengeId: string): Promise<void>;
  abstract publish<C extends EventContract>(contract: C, payload: PayloadOf<C>): Promise<void>;
}

export abstract class SignInStore {
  abstract transaction<T>(work: (tx: SignInChanges) => Promise<T>): Promise<T>;
  /** Outside a transaction: the same reads (a civil servant's sign-in needs none). */
  abstract reads(): SignInChanges;
  abstract activeCivilServantByEmployeeNumber(employeeNumber: string): Promise<CivilServantRecord | null>;
  /** Counts a failure; locks the account for `lockoutMinutes` at `maxFailures`; answers the failures so far. */
  abstract fail(account: string, maxFailures: number, lockoutMinutes: number): Promise<{ locked: boolean }>;
  abstract succeed(account: string): Promise<void>;
  /** Records the authenticator step used; false when it (or a later one) was used before: a replayed code. */
  abstract claimTotpStep(personId: string, step: number): Promise<boolean>;
}

// -- the OpenID provider's storage and accounts

/** The provider library's adapter contract, one instance per model (Session, Grant, Client…). */
export interface OidcAdapter {
  upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void>;
  find(id: string): Promise<Record<string, unknown> | undefined>;
  findByUserCode(userCode: string): Promise<Record<string, unknown> | undefined>;
  findByUid(uid: string): Promise<Record<string, unknown> | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

export abstract class OidcStore {
  /** The adapter class the provider library instantiates per model. */
  abstract adapterClass(): new (model: string) => OidcAdapter;
  abstract purgeExpired(): Promise<number>;
  /**
   * The account a token's subject names: an active staff account (its civil-servant record and person), or else an
   * active person's citizen account (no civil-servant record: a citizen login never carries staff claims).
   */
  abstract account(
    accountId: string,
  ): Promise<{ person: PersonRecord; civilServant: CivilServantRecord | null } | null>;
  /** The active civil-servant record whose staff account this is. */
  abstract activeCivilServant(accountId: string): Promise<CivilServantRecord | null>;
  /** A registered client's metadata (its secret sealed). */
  abstract client(clientId: string): Promise<Record<string, unknown> | undefined>;
  abstract saveClient(clientId: string, metadata: Record<string, unknown>): Promise<void>;
  /** Replaces a client's metadata as stored (the secret stays as it was sealed). */
  abstract replaceClient(clientId: string, metadata: Record<string, unknown>): Promise<void>;
}

// -- wallets and linked sign-in

/** Binding a wallet: the sign-in reads and one-time codes, and the bindings, in one transaction. */
export abstract class WalletChanges extends SignInChanges {
  abstract activeBindingByKey(keyThumbprint: string): Promise<WalletBindingRecord | null>;
  abstract activeBindingsOf(personId: string, partnerId?: string): Promise<WalletBindingRecord[]>;
  abstract addBinding(binding: WalletBindingRecord): Promise<void>;
  /** Ends an active binding; false when it was not active (revoked before, or by another request now). */
  abstract revokeBinding(id: string, reason: 'revoked-by-person' | 'replaced', at: Date): Promise<boolean>;
  /** The most recent open one-time code challenge of the person for a purpose (the wallet sends only the code). */
  abstract latestChallengeId(personId: string, purpose: OneTimeCodePurpose): Promise<string | null>;
}

export abstract class WalletStore {
  abstract transaction<T>(work: (tx: WalletChanges) => Promise<T>): Promise<T>;
  abstract binding(id: string): Promise<WalletBindingRecord | null>;
  /** A person's bindings, newest first (revoked ones too: the person sees what was bound and when it ended). */
  abstract bindingsOf(personId: string): Promise<WalletBindingRecord[]>;
  abstract activeBindingsOf(personId: string): Promise<WalletBindingRecord[]>;
}

/**
 * Counters' sign-ins by phone. Every step is one conditional statement, so two phones (or two replicas) racing
 * for the same link code or the same authorization code cannot both win.
 */
export abstract class LinkStore {
  /** A new link code for a transaction (replacing one not yet scanned); false when the transaction is linked already. */
  abstract start(
    link: Pick<LinkTransactionRecord, 'transactionId' | 'linkCodeHash' | 'clientId' | 'expiresAt'>,
  ): Promise<boolean>;
  abstract byTransaction(transactionId: string): Promise<LinkTransactionRecord | null>;
  abstract byLinkTransaction(linkTransactionId: string): Promise<LinkTransactionRecord | null>;
  /** The phone scanned the code: once, before it expires; the phone then has until `expiresAt` to finish. */
  abstract link(
    linkCodeHash: string,
    linkTransactionId: string,
    expiresAt: Date,
  ): Promise<LinkTransactionRecord | null>;
  abstract authenticated(linkTransactionId: string, personId: string, bindingId: string): Promise<boolean>;
  /** Counts a failed authentication; at `limit` the transaction ends. */
  abstract failed(linkTransactionId: string, limit: number): Promise<void>;
  abstract consented(linkTransactionId: string, acceptedClaims: string[], permittedScopes: string[]): Promise<boolean>;
  /** The consented transaction, its authorization code taken now: once. */
  abstract takeCode(transactionId: string): Promise<LinkTransactionRecord | null>;
  abstract purgeExpired(before: Date): Promise<number>;
}

/** An authorization request waiting at a counter (the OpenID provider's interaction), as linked sign-in sees it. */
export interface PendingAuthorization {
  transactionId: string;
  clientId: string;
  clientName: string;
  logoUri?: string;
  /** Scopes the person may permit (openid is always granted). */
  scopes: string[];
  essentialClaims: string[];
  voluntaryClaims: string[];
  expiresAt: Date;
}

/** The OpenID provider, as linked sign-in uses it: the counter's pending request, and its authorization code. */
export abstract class AuthorizationRequests {
  abstract pending(transactionId: string): Promise<PendingAuthorization | undefined>;
  /** Ends the pending request with a code for the person and what they allowed; undefined when it has ended. */
  abstract issueCode(
    transactionId: string,
    grant: { accountId: string; acr: string; amr: string[]; acceptedClaims: string[]; permittedScopes: string[] },
  ): Promise<{ code: string; redirectUri: string; state?: string; nonce?: string; issuer: string } | undefined>;
}
