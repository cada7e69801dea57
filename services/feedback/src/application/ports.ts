import type { EntityManager } from 'typeorm';
import type { EventContract, PayloadOf } from '@onedoor/contracts';
import type { CaseRecord } from '../domain';

/** The event consumer's (or a use case's) transaction. */
export type Transaction = EntityManager;

export interface Page {
  offset: number;
  limit: number;
}

export interface TopicRecord {
  code: string;
  nameLo: string;
  nameEn: string;
  ministry: string | null;
}

export interface HistoryEntry {
  step: string;
  fromState: string | null;
  toState: string;
  actor: string;
  reason: string | null;
  at: Date;
}

/** A case's reads and writes inside one transaction (its lock, its history, its outbox rows). */
export abstract class CaseChanges {
  /** The case under a row lock; null when there is none. */
  abstract lockByNumber(number: string): Promise<CaseRecord | null>;
  /** The case with this id under a row lock; null when there is none. */
  abstract lockById(id: string): Promise<CaseRecord | null>;
  /** Several cases under row locks, taken in the order of their numbers (two merges never deadlock). */
  abstract lockByNumbers(numbers: string[]): Promise<CaseRecord[]>;
  /** Remembers an inbound SMS (and the case it made); false when it came before. */
  abstract rememberInbound(messageId: string, caseNumber: string | null): Promise<boolean>;
  /** The cases merged into this one (their submitters are told of its outcome). */
  abstract mergedCases(number: string): Promise<CaseRecord[]>;
  abstract update(record: CaseRecord): Promise<void>;
  abstract history(entry: Omit<HistoryEntry, 'at'> & { caseId: string }): Promise<void>;
  abstract publish<C extends EventContract>(contract: C, payload: PayloadOf<C>): Promise<void>;
}

/** What the public sees of a published case: its approved summary, never anyone's words or identity. */
export type PublishedAnswer = Pick<
  CaseRecord,
  'number' | 'kind' | 'topic' | 'ministry' | 'province' | 'publishedAt' | 'publishedSummary'
>;

/** A case as it is first written: the case, its first history entry and its events, together or not at all. */
export interface NewCase {
  record: CaseRecord;
  history: Omit<HistoryEntry, 'at'>;
  events: { contract: EventContract; payload: unknown }[];
}

/** Hotline cases in the block's database. */
export abstract class CaseStore {
  /**
   * Writes a new case in one statement (a submission's only round trip but its count). `make` makes it with a newly
   * drawn number, and is called again in the rare case that number is taken. With `inboundSms`, the SMS it came from
   * is remembered with it: undefined (nothing written) when that SMS came before.
   */
  abstract insertNew(make: () => Promise<NewCase>, inboundSms?: string): Promise<NewCase | undefined>;
  abstract transaction<T>(work: (tx: CaseChanges) => Promise<T>): Promise<T>;
  /** The same changes inside an event consumer's transaction. */
  abstract within(transaction: Transaction): CaseChanges;
  abstract topics(): Promise<TopicRecord[]>;
  abstract byNumber(number: string): Promise<CaseRecord | null>;
  abstract historyOf(caseId: string): Promise<HistoryEntry[]>;
  /**
   * Published answers, newest first: by words in their summary, topic, ministry, province, publication dates; with
   * how many match, counted up to 200 past the page (and whether there are more).
   */
  abstract answers(
    filter: { q?: string; topic?: string; ministry?: string; province?: string; from?: string; to?: string },
    page: Page,
  ): Promise<[PublishedAnswer[], number, boolean]>;
  /**
   * Cases that may be duplicates of one: the same topic and district (or province, when it names no district),
   * received within the window, not settled, the newest first.
   */
  abstract candidates(
    of: Pick<CaseRecord, 'id' | 'topic' | 'province' | 'district'>,
    window: { from: Date; to: Date },
    limit: number,
  ): Promise<CaseRecord[]>;
  /** The numbers of the cases merged into this one. */
  abstract mergedInto(number: string): Promise<string[]>;
  /** An inbound SMS handled before: the case it made, if any; undefined when it is new. */
  abstract inbound(messageId: string): Promise<{ caseNumber: string | null } | undefined>;
  /** A caller's earlier cases, by the phone they left (the operator's console), newest first. */
  abstract byContactPhone(phone: string, limit: number): Promise<CaseRecord[]>;
  /** The case whose id this is (Open311's token for it). */
  abstract byId(id: string): Promise<CaseRecord | null>;
  /**
   * Cases by number (any state), or else published ones: of these topics, in these states, received between the
   * dates; oldest first, as Open311 lists them.
   */
  abstract requests(
    filter: { numbers?: string[]; topics?: string[]; states?: string[]; from?: Date; to?: Date },
    page: Page,
  ): Promise<CaseRecord[]>;
  /** Cases in these states (all when none), of this unit (and ministry) or submitter when given, newest first. */
  abstract list(
    filter: { states?: string[]; unit?: string; ministry?: string; submitterId?: string },
    page: Page,
  ): Promise<[CaseRecord[], number]>;
}

/** An application that reached a final state, as registration's events told it. */
export interface DecisionRecord {
  applicationId: string;
  applicantId: string;
  serviceCode: string;
  ministry: string;
  unit: string | null;
  status: string;
  decidedAt: Date;
}

/** The ratings of one-door services, and the decided applications they may be given for. */
export abstract class RatingStore {
  /** In the event consumer's transaction: a decided application (a later event replaces an earlier one). */
  abstract rememberDecision(transaction: Transaction, decision: DecisionRecord): Promise<void>;
  abstract decision(applicationId: string): Promise<DecisionRecord | null>;
  /** Writes the rating and its event in one transaction; false when the application was rated before. */
  abstract rate(
    rating: { applicationId: string; score: number; comment: string | null },
    event: () => { contract: EventContract; payload: unknown },
  ): Promise<boolean>;
}

/** Failed PIN attempts, counted per key (a client address, a case number) in windows, on every replica. */
export abstract class PinAttempts {
  /** Whether any of the keys has `max` failures within the last `minutes`. */
  abstract blocked(keys: string[], max: number, minutes: number): Promise<boolean>;
  /** Counts a failure against each key, in its window. */
  abstract failed(keys: string[], minutes: number): Promise<void>;
}

export interface FieldError {
  field: string;
  message: string;
}

/** Where a case happened: codes of the identity block's administrative areas. */
export interface PlaceCodes {
  province?: string | null;
  district?: string | null;
  village?: string | null;
}

/**
 * What cases are checked against: the topic taxonomy, and the places and offices the identity block registers, as
 * its events told them. What was found is kept a minute on each replica (a submission then reads none of it).
 */
export abstract class ReferenceData {
  abstract rememberPlace(
    transaction: Transaction,
    place: { code: string; level: 'province' | 'district' | 'village'; parentCode: string | null },
  ): Promise<void>;
  abstract rememberOffice(
    transaction: Transaction,
    office: { code: string; kind: 'ministry' | 'department'; parentCode: string | null },
  ): Promise<void>;
  /** A topic of the taxonomy; null when there is none. */
  abstract topic(code: string): Promise<TopicRecord | null>;
  /** Errors for a place that is not registered, or not within the place above it. */
  abstract placeErrors(place: PlaceCodes): Promise<FieldError[]>;
  /** Errors for a ministry that is not registered, or a unit that is neither it nor one of its departments. */
  abstract officeErrors(unit: string, ministry: string): Promise<FieldError[]>;
}

/** Cases submitted per source key (a client address, a phone, a person, an Open311 key), in windows. */
export abstract class SubmissionCounts {
  /** Counts a submission against each key, in its window; false when any key is over `max` in the last `minutes`. */
  abstract attempt(keys: string[], max: number, minutes: number): Promise<boolean>;
}

/** A civic app allowed to submit through Open311, as the Office sees it (never its key). */
export interface Open311KeyRecord {
  id: string;
  name: string;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Open311 API keys, kept as SHA-256 digests. */
export abstract class Open311Keys {
  abstract add(record: Omit<Open311KeyRecord, 'createdAt' | 'revokedAt'> & { keyDigest: string }): Promise<void>;
  abstract list(): Promise<Open311KeyRecord[]>;
  /** Revokes the key; false when there is none with this id (or it was revoked before). */
  abstract revoke(id: string): Promise<boolean>;
  /** The key in force with this digest, if any. */
  abstract byDigest(keyDigest: string): Promise<Open311KeyRecord | null>;
}

/** What a report groups cases by. */
export const REPORT_DIMENSIONS = ['kind', 'topic', 'ministry', 'province', 'channel', 'finding', 'unit'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** One group of a cases report. */
export interface CaseReportRow {
  key: string | null;
  received: number;
  open: number;
  answered: number;
  published: number;
  rejected: number;
  merged: number;
  reopened: number;
  appealed: number;
  /** Answered within the target (the stages' working days, weekends excluded), of those answered. */
  answeredWithinTarget: number;
  /** Open past the target. */
  overdue: number;
  /** Days from receipt to answer, the median of those answered; null when none was. */
  medianDaysToAnswer: number | null;
}

/** One group of the service ratings report. */
export interface RatingReportRow {
  key: string | null;
  ratings: number;
  average: number | null;
  /** Ratings of 4 or 5. */
  satisfied: number;
}

/** Counts and handling times of cases and ratings, for the Office, the units and the public statistics. */
export abstract class Reports {
  abstract cases(
    by: ReportDimension,
    filter: { from: string; to: string; unit?: string; targetWorkingDays: number },
  ): Promise<CaseReportRow[]>;
  abstract ratings(
    by: 'service' | 'unit' | 'month',
    filter: { from: string; to: string; ministry?: string },
  ): Promise<RatingReportRow[]>;
}

/** A file attached to a case, as the database keeps it (its bytes are in the attachments' storage). */
export interface AttachmentRecord {
  id: string;
  caseId: string;
  mediaType: string;
  size: number;
  sha256: string;
  storageKey: string;
  addedBy: 'submitter' | 'office' | 'unit';
  createdAt: Date;
}

/** The attachments of cases. */
export abstract class Attachments {
  /** Adds one unless the case has `max` already (false then), under the case's row lock. */
  abstract add(record: Omit<AttachmentRecord, 'createdAt'>, max: number): Promise<boolean>;
  abstract of(caseId: string): Promise<AttachmentRecord[]>;
}

/** The attachments' bytes (libs/persistence: files under FEEDBACK_STORAGE_DIR, or memory). */
export const ATTACHMENT_STORAGE = Symbol('ATTACHMENT_STORAGE');
