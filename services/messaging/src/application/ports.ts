import type { EntityManager } from 'typeorm';
import type { MessageStatusPayload } from '@onedoor/contracts';
import type { Channel, Language, MessageRecord, MessageStatus } from '../domain';

/**
 * The database transaction a use case runs in, as the event backbone hands it to a consumer: an opaque handle
 * that handlers pass to the block's repositories (persistence/), never use themselves.
 */
export type Transaction = Pick<EntityManager, 'query'>;

export interface TemplateRecord {
  key: string;
  channel: Channel;
  language: Language;
  subject: string | null;
  body: string;
}

export interface RuleRecord {
  id: string;
  eventType: string;
  templateKey: string;
  /** Payload property holding the person to notify. */
  personField: string;
  essential: boolean;
  /** To every address the person has (SMS and e-mail), not only their preferred channel. */
  everyChannel: boolean;
  enabled: boolean;
}

/** What a person chooses about the messages they receive. */
export type RecipientPreferences = Partial<
  Pick<RecipientRecord, 'optedOut' | 'preferredChannel' | 'preferredLanguage'>
>;

export interface RecipientRecord {
  personId: string;
  phone: string | null;
  email: string | null;
  preferredLanguage: Language;
  preferredChannel: 'sms' | 'email';
  optedOut: boolean;
  active: boolean;
}

export interface HistoryEntry {
  status: MessageStatus;
  provider: string | null;
  detail: string | null;
  at: Date;
}

/** A callback for an email request (GovStack's POST /callback/email). */
export interface EmailCallbackRecord {
  id: string;
  batchId: string;
  meta: string | null;
  content: Buffer;
  receivedBy: string;
  receivedAt: Date;
}

/** What the messaging block changes in one transaction. */
export abstract class MessageChanges {
  /** Keeps a callback and publishes that it arrived (not its content). */
  abstract recordCallback(callback: EmailCallbackRecord): Promise<void>;
  abstract recipients(personIds: string[]): Promise<RecipientRecord[]>;
  /** Every template (the composer keeps them a few seconds). */
  abstract templates(): Promise<TemplateRecord[]>;
  /**
   * Writes new messages with their first history entries, in one statement per table, and their Queued (or, in
   * the inbox, Delivered) events. A message whose source key made one before is not written: `existing` maps
   * its source key to the message made then.
   */
  abstract insertMessages(
    drafts: MessageRecord[],
    events: (message: MessageRecord) => MessageStatusPayload,
    /** The event that asked for a message, for its event's causation (batches; see ComposeRequest.cause). */
    causeOf?: (message: MessageRecord) => { eventId: string; correlationId?: string } | undefined,
  ): Promise<{ written: Set<string>; existing: Map<string, string> }>;
  /** The message a provider's id names, under a row lock. */
  abstract lockByProviderId(provider: string, providerMessageId: string): Promise<MessageRecord | null>;
  /** A delivery receipt's outcome: the message's new status and detail, its history, its event. */
  abstract recordReceipt(
    message: MessageRecord,
    status: 'Delivered' | 'Errored',
    provider: string,
    detail?: string,
  ): Promise<void>;
  abstract rulesFor(eventType: string): Promise<RuleRecord[]>;
  abstract upsertRecipient(recipient: Omit<RecipientRecord, 'optedOut' | 'active'>): Promise<void>;
  abstract setRecipientActive(personId: string, active: boolean): Promise<void>;
  /** Where a civil servant is posted now (a later posting replaces an earlier one). */
  abstract upsertPosting(posting: { personId: string; ministry: string; unit: string }): Promise<void>;
  /** The civil servants posted at a unit (or at a ministry's headquarters, for a ministry's code). */
  abstract postedAt(unit: string): Promise<string[]>;
}

/** Messages, templates, rules and recipients, outside a transaction or in one. */
export abstract class MessageStore {
  abstract transaction<T>(work: (tx: MessageChanges) => Promise<T>): Promise<T>;
  /** The event consumer's transaction, as MessageChanges. */
  abstract within(transaction: Transaction): MessageChanges;
  abstract message(id: string): Promise<(MessageRecord & { createdAt: Date }) | null>;
  abstract history(messageId: string): Promise<HistoryEntry[]>;
  /** A batch's messages by status; only if `sender` sent it, when given (none: the batch does not exist for them). */
  abstract batchCounts(batchId: string, sender?: string): Promise<{ status: string; retried: boolean; n: number }[]>;
  /** A request's callbacks, oldest first (at most 500). */
  abstract callbacks(batchId: string): Promise<EmailCallbackRecord[]>;
  abstract inbox(personId: string, page: Page): Promise<[InboxItem[], number]>;
  /** Marks an in-app message of this person read; false when there is none unread. */
  abstract markRead(personId: string, messageId: string): Promise<boolean>;
  abstract allTemplates(): Promise<TemplateRecord[]>;
  abstract saveTemplate(template: TemplateRecord): Promise<void>;
  abstract allRules(): Promise<RuleRecord[]>;
  abstract saveRule(rule: RuleRecord): Promise<void>;
  abstract recipient(personId: string): Promise<RecipientRecord | null>;
  /** A person's own choices: opted out or not, channel and language of notifications; false when not known here. */
  abstract setPreferences(personId: string, changes: RecipientPreferences): Promise<boolean>;
}

export interface InboxItem {
  id: string;
  /** How it reached the person: in the app, or also by SMS or e-mail (the inbox keeps a copy of each). */
  channel: string;
  subject: string | null;
  body: string;
  templateKey: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface Page {
  offset: number;
  limit: number;
}

/** A message handed over to its provider, to be recorded as Sent. */
export interface SentOutcome {
  message: MessageRecord;
  provider: string;
  providerMessageId: string;
  /** The provider was the recipient's own system (a webhook's 2xx): Delivered, not only Sent. */
  delivered: boolean;
}

/** The dispatch queue: claims with leases, outcomes, fallback and the messages left in doubt. */
export abstract class DispatchQueue {
  /** Claims up to `limit` due messages (Queued, attempts + 1, leased for `leaseSeconds`); replicas share by SKIP LOCKED. */
  abstract claim(limit: number, leaseSeconds: number): Promise<MessageRecord[]>;
  /** Back to Pending, to be tried again at `next` (only if still Queued). */
  abstract retryLater(messageId: string, next: Date, detail: string): Promise<void>;
  /** The messages of a round that went: Sent, their history and events, in one transaction. */
  abstract recordSent(sent: SentOutcome[]): Promise<void>;
  /** Turns a Queued SMS into an email to the person's address with the email template, if both exist. */
  abstract fallBackToEmail(message: MessageRecord, detail: string): Promise<boolean>;
  /** Errored (once, if still Queued), with its history and event; false when another dispatcher got there first. */
  abstract markErrored(message: MessageRecord, detail: string): Promise<boolean>;
  /** Queued messages whose lease ran out (their dispatcher stopped while handing them over). */
  abstract inDoubt(limit: number): Promise<MessageRecord[]>;
  /** An in-doubt message back to Pending, to be asked of an idempotent provider again. */
  abstract releaseInDoubt(messageId: string): Promise<void>;
}
