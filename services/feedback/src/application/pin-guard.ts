import { FeedbackError, FeedbackErrorCode, pinMatches, type CaseRecord } from '../domain';
import type { PinAttempts } from './ports';

export const PIN_MAX_FAILURES = 5;
export const PIN_WINDOW_MINUTES = 15;

/**
 * Whether a PIN opens the case (an anonymous one), throttled: after 5 wrong PINs in 15 minutes from one address, or
 * for one case number, every PIN is refused (429) until the window passes. An unknown number counts as a wrong PIN.
 */
export async function pinOpens(
  attempts: PinAttempts,
  key: Buffer,
  request: { number: string; pin: string; clientAddress?: string },
  record: CaseRecord | null,
): Promise<boolean> {
  const keys = [`case:${request.number}`, ...(request.clientAddress ? [`ip:${request.clientAddress}`] : [])];
  if (await attempts.blocked(keys, PIN_MAX_FAILURES, PIN_WINDOW_MINUTES)) {
    throw new FeedbackError(
      FeedbackErrorCode.TOO_MANY_ATTEMPTS,
      `Too many wrong PINs: try again in ${PIN_WINDOW_MINUTES} minutes.`,
    );
  }
  const opens = !!record && record.identity === 'anonymous' && pinMatches(request.pin, record.pinHash, key);
  if (!record) pinMatches(request.pin, null, key); // as long as a wrong PIN for a real case takes
  if (!opens) await attempts.failed(keys, PIN_WINDOW_MINUTES);
  return opens;
}
