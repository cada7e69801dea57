/** How a hand-over to a provider failed, when the kind of failure decides what happens next. */

/** A provider refused the message for good (an invalid number, an unknown mailbox): no retry on it. */
export class PermanentSendError extends Error {}

/**
 * The hand-over stopped with its outcome unknown (the sending thread died with the message under way): it may
 * have reached the server. Not retried and not failed over; the message stays Queued until its lease runs out
 * and is then treated as in doubt (ADR 0008).
 */
export class HandOverInDoubt extends Error {}
