import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from '@onedoor/observability';
import { PollingLoops } from '@onedoor/application';
import { LOGGER } from '@onedoor/platform-kit';
import { backoffMs, FELL_BACK_TO_EMAIL, type MessageRecord } from '../../domain';
import { MESSAGING_CONFIG, type MessagingConfig } from '../../messaging.config';
import { CHANNEL_PROVIDERS, HandOverInDoubt, PermanentSendError, type ChannelProvider } from '../channel-provider';
import { DispatchQueue, type SentOutcome } from '../ports';
import { SentRecorder } from './sent-recorder';
import { TokenBucket } from './token-bucket';

const BATCH = 128;
/** Rounds in flight at once: one waits on providers while another claims or records. */
const WORKERS = 4;
const LEASE_SECONDS = 60;
const IDLE_MS = 100;
/** How long a provider that failed (a timeout, a lost connection, a 4xx) is tried after the others. */
const RESTING_MS = 30_000;
/** How often the first loop looks for messages left in doubt (their leases last LEASE_SECONDS). */
const RECOVERY_INTERVAL_MS = 5_000;

/**
 * Hands due messages to their providers. Several replicas share the work (claims use SKIP LOCKED). A claimed
 * message is Queued with a lease; the outcome is recorded as Sent (Delivered for a webhook the endpoint took),
 * as Pending again with a backoff (failover to the channel's next provider first), or as Errored when retries
 * run out or every provider refuses it for good (an SMS then falls back to email when the person has one). A message whose lease ran out was being handed
 * over when its dispatcher stopped: it is sent again only through an idempotent provider (the SMS gateway
 * deduplicates on the message id), and otherwise marked Errored as in doubt: never sent twice.
 */
@Injectable()
export class Dispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly loops: PollingLoops;
  private readonly buckets = new Map<string, TokenBucket>();
  /** Providers that failed lately, until when they are tried last. */
  private readonly restingUntil = new Map<string, number>();
  private recoveredAt = 0;

  constructor(
    private readonly queue: DispatchQueue,
    @Inject(CHANNEL_PROVIDERS) private readonly providers: ChannelProvider[],
    @Inject(MESSAGING_CONFIG) private readonly settings: MessagingConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.loops = new PollingLoops({
      count: WORKERS,
      idleMs: IDLE_MS,
      // The first loop also looks for messages left in doubt, every RECOVERY_INTERVAL_MS.
      round: async (loop) => {
        if (loop === 0 && Date.now() - this.recoveredAt >= RECOVERY_INTERVAL_MS) {
          await this.recoverInDoubt();
          this.recoveredAt = Date.now();
        }
        return { busy: (await this.round()) > 0 };
      },
      failed: (error) => this.logger.warn({ err: error }, 'dispatch round failed'),
    });
  }

  onApplicationBootstrap() {
    this.loops.start();
  }

  async onModuleDestroy() {
    await this.loops.stop();
    await Promise.all(this.providers.map((p) => p.close?.()));
  }

  /** Called after messages are created, so they go at once rather than at the next poll. */
  wake() {
    this.loops.wake();
  }

  private async round(): Promise<number> {
    const claimed = await this.queue.claim(BATCH, LEASE_SECONDS);
    // Each hand-over is recorded as soon as it is done (those done meanwhile together), not when the whole
    // batch is: a dispatcher that stops leaves in doubt only the mails under way, not those already taken.
    const recorder = new SentRecorder((sent) => this.queue.recordSent(sent));
    const outcomes = await Promise.allSettled(
      claimed.map(async (message) => {
        const sent = await this.deliver(message);
        if (sent) await recorder.add(sent);
      }),
    );
    await recorder.drain();
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
    return claimed.length;
  }

  /** The channel's providers in failover order, those resting after a failure last. */
  private providersOf(message: MessageRecord): ChannelProvider[] {
    const now = Date.now();
    const channel = this.providers.filter((p) => p.channel === message.channel);
    const resting = (p: ChannelProvider) => (this.restingUntil.get(p.name) ?? 0) > now;
    return [...channel.filter((p) => !resting(p)), ...channel.filter(resting)];
  }

  private bucket(provider: ChannelProvider) {
    let bucket = this.buckets.get(provider.name);
    if (!bucket) this.buckets.set(provider.name, (bucket = new TokenBucket(this.settings.ratePerSecond)));
    return bucket;
  }

  /**
   * Hands one message over, trying the channel's providers in turn: a refusal for good by one (a relay's 5xx)
   * or a failure (a timeout, a 4xx) moves on to the next; a provider that failed rests for RESTING_MS (tried
   * last meanwhile), so a stalled relay costs one timeout, not one per message. Answers what to record when
   * it went, and records other outcomes itself: Errored (or the SMS's email fallback) when every provider
   * refused, else Pending again with a backoff.
   */
  private async deliver(message: MessageRecord): Promise<SentOutcome | undefined> {
    const providers = this.providersOf(message);
    if (!providers.length) {
      await this.fallBackOrFail(message, `no ${message.channel} provider is configured`);
      return undefined;
    }
    const failures: string[] = [];
    let refusedByAll = true;
    for (const provider of providers) {
      try {
        await this.bucket(provider).take();
        const { providerMessageId, delivered } = await provider.send({
          messageId: message.id,
          destination: message.destination,
          subject: message.subject,
          body: message.body,
        });
        return { message, provider: provider.name, providerMessageId, delivered: delivered ?? false };
      } catch (error) {
        if (error instanceof HandOverInDoubt) {
          // Perhaps sent: left Queued; when its lease runs out, recoverInDoubt decides (never a second copy).
          this.logger.warn({ messageId: message.id, provider: provider.name }, 'hand-over in doubt');
          return undefined;
        }
        failures.push(`${provider.name}: ${(error as Error).message}`);
        if (!(error instanceof PermanentSendError)) {
          refusedByAll = false;
          this.restingUntil.set(provider.name, Date.now() + RESTING_MS);
        }
        this.logger.warn(
          { messageId: message.id, provider: provider.name, err: error },
          error instanceof PermanentSendError ? 'provider refused the message' : 'provider failed',
        );
      }
    }
    const detail = `attempt ${message.attempts}: ${failures.join('; ')}`;
    if (refusedByAll) {
      await this.fallBackOrFail(message, `refused by every provider (${detail})`);
      return undefined;
    }
    const next = Date.now() + backoffMs(message.attempts);
    if (next >= new Date(message.expiresAt).getTime()) {
      await this.fallBackOrFail(message, `retries exhausted (${detail})`);
      return undefined;
    }
    await this.queue.retryLater(message.id, new Date(next), detail);
    return undefined;
  }

  /** An SMS that cannot go falls back to email when the person has an address and an email template exists. */
  private async fallBackOrFail(message: MessageRecord, reason: string) {
    if (message.channel === 'sms' && message.personId && this.providers.some((p) => p.channel === 'email')) {
      const detail = `${FELL_BACK_TO_EMAIL} (${reason.slice(0, 200)}): sent by email instead`;
      if (await this.queue.fallBackToEmail(message, detail)) return;
    }
    await this.markErrored(message, reason);
  }

  /** Marks a message Errored (once: several dispatchers may reach the same conclusion) and says so. */
  private async markErrored(message: MessageRecord, detail: string) {
    if (await this.queue.markErrored(message, detail)) {
      this.logger.warn({ messageId: message.id, channel: message.channel }, 'message errored');
    }
  }

  /** Messages whose dispatcher stopped while handing them over (their lease ran out). */
  private async recoverInDoubt() {
    for (const message of await this.queue.inDoubt(BATCH)) {
      const idempotent = this.providers.some((p) => p.channel === message.channel && p.idempotent);
      if (idempotent) {
        // Asking again with the same message id: the provider delivers it once.
        await this.queue.releaseInDoubt(message.id);
      } else {
        await this.markErrored(
          message,
          'in doubt: the dispatcher stopped while handing it over; not sent again, to avoid a duplicate',
        );
      }
    }
  }
}
