import { hasRole, ROLES, type Caller } from '@onedoor/contracts';
import type { FieldError } from '@onedoor/application';

export type Channel = 'sms' | 'email' | 'in_app' | 'webhook';
export type Language = 'lo' | 'en';
/** GovStack's statuses. Queued: claimed by a dispatcher, being handed to a provider. */
export type MessageStatus = 'Pending' | 'Queued' | 'Sent' | 'Delivered' | 'Errored';

/** One message to one recipient on one channel, and where it is. */
export interface MessageRecord {
  id: string;
  /** What made it, unique: `event:<event id>:<rule>` or `api:<caller>:<key>`; a retry makes no second message. */
  sourceKey: string;
  batchId: string | null;
  personId: string | null;
  channel: Channel;
  destination: string;
  language: Language;
  templateKey: string | null;
  subject: string | null;
  body: string;
  /** The template's variables, kept to render the message again on another channel (SMS falling back to email). */
  variables: Record<string, unknown>;
  essential: boolean;
  status: MessageStatus;
  detail: string | null;
  attempts: number;
  nextAttemptAt: Date;
  /** A dispatcher holds a Queued message until then; after, the message is in doubt. */
  leaseUntil: Date | null;
  expiresAt: Date;
  provider: string | null;
  providerMessageId: string | null;
  smsParts: number | null;
  readAt: Date | null;
  /** The case the message is about (the causing event's correlation id): its status events carry it too. */
  correlationId?: string | null;
}

/** Why a recipient cannot be sent a message. */
export type Unreachable = 'OPTED_OUT' | 'NO_ADDRESS' | 'UNKNOWN_PERSON' | 'INACTIVE_PERSON';

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is wrong with an address a sender gives (an SMS to an E.164 number, an email address, an http(s) URL). */
export function addressErrors(
  address: { channel: string; destination: string } | undefined,
  prefix: string,
): FieldError[] {
  if (!address) return [];
  if (address.channel === 'sms' && !E164.test(address.destination)) {
    return [
      { field: `${prefix}address.destination`, message: 'an SMS goes to an E.164 number such as +8562055512345' },
    ];
  }
  if (address.channel === 'email' && !EMAIL.test(address.destination)) {
    return [{ field: `${prefix}address.destination`, message: 'not an email address' }];
  }
  if (address.channel === 'webhook' && !/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(address.destination)) {
    return [{ field: `${prefix}address.destination`, message: 'a webhook goes to an http(s) URL' }];
  }
  return [];
}

/** A recipient is a person the platform knows or an address, never both, never neither. */
export function recipientErrors(
  recipient: { personId?: string; address?: { channel: string; destination: string } },
  prefix = '',
): FieldError[] {
  if (!recipient.personId === !recipient.address) {
    return [{ field: `${prefix}personId`, message: 'give either personId or address' }];
  }
  return addressErrors(recipient.address, prefix);
}

/**
 * Who may read a message's status: operators, the person it was sent to, and the sender whose API call made it
 * (its source key is `api:<sender>:…`). Another sender's client, and every client for a notification the blocks'
 * events made, find nothing.
 */
export function mayRead(caller: Caller, message: Pick<MessageRecord, 'personId' | 'sourceKey'>): boolean {
  return (
    hasRole(caller, ROLES.platformOperator) ||
    (message.personId !== null && message.personId === caller.sub) ||
    (hasRole(caller, ROLES.messagingSender) && message.sourceKey.startsWith(`api:${caller.sub}:`))
  );
}

/**
 * Whose batches a caller may read (their counts, their callbacks): a sender its own, by the sender recorded with
 * each message; an operator every one (undefined).
 */
export function batchesOf(caller: Caller): string | undefined {
  return hasRole(caller, ROLES.platformOperator) ? undefined : caller.sub;
}

/**
 * How the detail of an SMS that fell back to email begins. It explains the message's channel, so it stays once
 * the email went; an earlier attempt's error does not (it is in the history).
 */
export const FELL_BACK_TO_EMAIL = 'SMS failed';

/**
 * The template of each purpose a one-time code serves. A code is for the phone or mailbox it went to only: never in
 * the person's inbox, where anyone holding their session would read it.
 */
export const ONE_TIME_CODE_TEMPLATES = {
  'sign-in': 'identity.one-time-code',
  activation: 'identity.activation-code',
  'phone-change': 'identity.phone-change-code',
  'wallet-binding': 'identity.wallet-binding-code',
} as const;

/** Delay before attempt n+1: 5 s, 10 s, 20 s… at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** Nested payload values as template variables: `displayName.lo` becomes `displayName_lo`. */
export function templateVariables(data: unknown, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((data ?? {}) as Record<string, unknown>)) {
    const name = prefix ? `${prefix}_${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) Object.assign(out, templateVariables(value, name));
    else out[name] = value;
  }
  return out;
}

/** A batch's messages counted by status, in GovStack's words (scheduled, processing, deferred…) and ours. */
export function batchCounts(rows: { status: string; retried: boolean; n: number }[]) {
  const count = (status: string, retried?: boolean) =>
    rows
      .filter((r) => r.status === status && (retried === undefined || r.retried === retried))
      .reduce((sum, r) => sum + r.n, 0);
  return {
    scheduled: count('Pending', false),
    processing: count('Queued'),
    deferred: count('Pending', true),
    bounced: count('Errored'),
    notSent: 0,
    delivered: count('Sent') + count('Delivered'),
    byStatus: {
      Pending: count('Pending'),
      Queued: count('Queued'),
      Sent: count('Sent'),
      Delivered: count('Delivered'),
      Errored: count('Errored'),
    },
  };
}

/** A template's key: dotted lower-case words, such as registration.status-changed. */
export const TEMPLATE_KEY = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/;
const CHANNELS: Channel[] = ['sms', 'email', 'in_app', 'webhook'];

/** What is wrong with a template's key, channel and language. */
export function templateAddressErrors(key: string, channel: string, language: string): FieldError[] {
  return [
    ...(TEMPLATE_KEY.test(key) ? [] : [{ field: 'key', message: 'such as registration.status-changed' }]),
    ...(CHANNELS.includes(channel as Channel) ? [] : [{ field: 'channel', message: `one of ${CHANNELS.join(', ')}` }]),
    ...(['lo', 'en'].includes(language) ? [] : [{ field: 'language', message: 'lo or en' }]),
  ];
}

/** A rule id: 2 to 64 lower-case letters, digits or "-". */
export const isRuleId = (id: string) => /^[a-z0-9][a-z0-9-]{1,63}$/.test(id);
