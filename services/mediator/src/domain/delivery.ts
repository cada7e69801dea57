/**
 * How a subscription's events reach its subscriber. PULL: the subscriber fetches the next unacknowledged event and
 * acknowledges it. PUSH: the mediator POSTs each event to the subscriber's address, signed, in order; a failure is
 * retried with exponential backoff, and after MAX_FAILURES in a row the subscription is paused (its events wait)
 * until the subscriber resumes it.
 */
export type Delivery = 'PUSH' | 'PULL';
export type SubscriptionStatus = 'active' | 'paused';

/** Failures in a row after which a PUSH subscription is paused. */
export const MAX_FAILURES = 8;

/** The wait before the next attempt after `failures` in a row: 2 s, 4 s, 8 s… at most 10 minutes. */
export function backoffSeconds(failures: number): number {
  return Math.min(600, 2 ** Math.max(1, failures));
}

/** Whether a PUSH address may be used: https, or http only to this machine (tests, a sidecar). */
export function pushAddressAllowed(address: string): boolean {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** A subscription as the mediator keeps it. */
export interface SubscriptionRecord {
  id: string;
  clientId: string;
  /** The subscriber as GovStack names it (instance, member class, member code, application code). */
  subscriber: Record<string, string>;
  room: string;
  eventType: string;
  delivery: Delivery;
  pushUrl: string | null;
  /** Seconds an event stays deliverable after it happened (GovStack's TTL). */
  ttlSeconds: number;
  /** The sequence of the last event acknowledged (PULL) or delivered (PUSH). */
  cursor: string;
  status: SubscriptionStatus;
  failures: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** An event as the mediator logs it, numbered in the order it was received. */
export interface LoggedEvent {
  sequence: string;
  id: string;
  room: string;
  eventType: string;
  time: Date;
  subject: string | null;
  correlationId: string | null;
  data: unknown;
}
