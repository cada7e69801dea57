import type { Channel } from '../domain';

/** How a hand-over to a provider failed, when the kind of failure decides what happens next. */

/** A provider refused the message for good (an invalid number, an unknown mailbox): no retry on that provider. */
export class PermanentSendError extends Error {}

/**
 * The hand-over stopped with its outcome unknown (the sending thread died with the message under way): it may
 * have reached the server. Not retried and not failed over; the message stays Queued until its lease runs out
 * and is then treated as in doubt (ADR 0008).
 */
export class HandOverInDoubt extends Error {}

export interface SendRequest {
  messageId: string;
  destination: string;
  subject?: string | null;
  body: string;
}

/** A port: a provider of one channel (an SMTP server, an SMS gateway, webhooks); gateways/channels has them. */
export interface ChannelProvider {
  readonly name: string;
  readonly channel: Channel;
  /**
   * Whether sending the same message id twice reaches the person once (the provider deduplicates on it). After
   * a crash between handing a message over and recording it, only such providers are asked again.
   */
  readonly idempotent: boolean;
  /**
   * Hands the message over; throws PermanentSendError for this provider's refusal for good, HandOverInDoubt
   * when the outcome is unknown. `delivered`: the provider is the recipient's own system (a webhook), so
   * taking the message is delivering it.
   */
  send(request: SendRequest): Promise<{ providerMessageId: string; delivered?: boolean }>;
  close?(): Promise<void>;
}

/** The configured providers, in failover order within each channel. */
export const CHANNEL_PROVIDERS = Symbol('CHANNEL_PROVIDERS');
