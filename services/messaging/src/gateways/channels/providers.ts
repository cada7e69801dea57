import { createHash } from 'node:crypto';
import { signWebhook } from '@onedoor/application';
import { PermanentSendError, type ChannelProvider, type SendRequest } from '../../application/channel-provider';
import type { MessagingConfig } from '../../messaging.config';
import { SmtpThread } from './smtp-thread';

export { HandOverInDoubt, PermanentSendError } from '../../application/channel-provider';

/** SMTP connections per provider, shared by its threads. */
const SMTP_CONNECTIONS = 32;

/**
 * A pool of long-lived SMTP connections to the server at `url` (smtp:// or smtps://, with user:password if any).
 * Connecting, the greeting and every answer are each bounded by `timeoutSeconds` (nodemailer's own defaults
 * are minutes: a stalled relay would hold every mail that long instead of failing over).
 */
export function smtpPoolOptions(url: string, maxConnections = SMTP_CONNECTIONS, timeoutSeconds = 10) {
  const parsed = new URL(url);
  const timeout = timeoutSeconds * 1000;
  return {
    pool: true as const,
    host: parsed.hostname,
    port: Number(parsed.port) || (parsed.protocol === 'smtps:' ? 465 : 25),
    secure: parsed.protocol === 'smtps:',
    ...(parsed.username
      ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } }
      : {}),
    maxConnections,
    maxMessages: Infinity,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  };
}

/**
 * Email over SMTP: nodemailer pools on threads of their own (see SmtpThread), `threads` of them sharing
 * SMTP_CONNECTIONS connections, taking mails in turn. The Message-ID is derived from the message id. A 5xx
 * answer is this server's refusal for good (PermanentSendError: the dispatcher tries the next provider, and
 * fails the message when every one refuses); a 4xx, a timeout or a lost connection before the mail was
 * written is a failure to retry; after it was written, the hand-over is in doubt (HandOverInDoubt).
 */
export class SmtpProvider implements ChannelProvider {
  readonly channel = 'email' as const;
  readonly idempotent = false;
  private readonly threads: SmtpThread[];
  private turn = 0;

  constructor(
    readonly name: string,
    url: string,
    private readonly from: string,
    threads = 2,
    timeoutSeconds = 10,
  ) {
    this.threads = Array.from(
      { length: threads },
      () => new SmtpThread(smtpPoolOptions(url, Math.ceil(SMTP_CONNECTIONS / threads), timeoutSeconds)),
    );
  }

  async send(request: SendRequest) {
    const thread = this.threads[this.turn++ % this.threads.length];
    try {
      const messageId = await thread.send({
        from: this.from,
        to: request.destination,
        subject: request.subject ?? '',
        text: request.body,
        messageId: `<${request.messageId}@onedoor.gov.la>`,
        headers: { 'X-OneDoor-Message-Id': request.messageId },
      });
      return { providerMessageId: messageId };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      if (code && code >= 500) throw new PermanentSendError(`SMTP ${code}`);
      throw error;
    }
  }

  async close() {
    await Promise.all(this.threads.map((thread) => thread.close()));
  }
}

/**
 * SMS through an HTTP gateway, with this documented interface (docs/blocks/messaging.md):
 * `POST {base}/messages` with `{ "to": "+85620…", "text": "…", "reference": "<message id>" }`, headers
 * `Authorization: Bearer <token>` and `Idempotency-Key: <message id>` (the gateway sends a key once);
 * answers 2xx `{ "id": "<gateway id>" }`; 4xx other than 429 is a refusal for good; 429, 5xx or no answer: retry.
 * Receipts come back to `POST /messaging/providers/{name}/receipts`.
 */
export class HttpSmsGateway implements ChannelProvider {
  readonly channel = 'sms' as const;
  readonly idempotent = true;

  constructor(
    readonly name: string,
    private readonly baseUrl: string,
    private readonly token: string | undefined,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(request: SendRequest) {
    const response = await fetch(`${this.baseUrl.replace(/\/$/, '')}/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': request.messageId,
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ to: request.destination, text: request.body, reference: request.messageId }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    if (response.ok) {
      const id = (JSON.parse(text || '{}') as { id?: string }).id;
      return { providerMessageId: id ?? createHash('sha256').update(request.messageId).digest('hex').slice(0, 24) };
    }
    if (response.status >= 400 && response.status < 500 && response.status !== 429) {
      throw new PermanentSendError(`gateway refused: HTTP ${response.status}`);
    }
    throw new Error(`gateway unavailable: HTTP ${response.status}`);
  }
}

/**
 * Webhooks: an HTTP POST of `{ messageId, subject, body, sentAt }` to the address, signed so the receiver knows
 * it came from OneDoor: `X-OneDoor-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the
 * deployment's webhook secret. Receivers deduplicate on `X-OneDoor-Message-Id`; 2xx is delivered, 4xx other than
 * 408 and 429 refused for good, anything else retried.
 */
export class WebhookProvider implements ChannelProvider {
  readonly name = 'webhook';
  readonly channel = 'webhook' as const;
  readonly idempotent = true;

  constructor(
    private readonly secret: string,
    private readonly timeoutMs = 10_000,
  ) {}

  static sign(secret: string, timestamp: number, body: string): string {
    return signWebhook(secret, timestamp, body);
  }

  async send(request: SendRequest) {
    const body = JSON.stringify({
      messageId: request.messageId,
      subject: request.subject ?? undefined,
      body: request.body,
      sentAt: new Date().toISOString(),
    });
    const response = await fetch(request.destination, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-onedoor-message-id': request.messageId,
        'x-onedoor-signature': WebhookProvider.sign(this.secret, Math.floor(Date.now() / 1000), body),
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    await response.arrayBuffer();
    // The endpoint is the recipient's own system: its 2xx is the delivery.
    if (response.ok) return { providerMessageId: request.messageId, delivered: true };
    if (response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status)) {
      throw new PermanentSendError(`webhook refused: HTTP ${response.status}`);
    }
    throw new Error(`webhook unavailable: HTTP ${response.status}`);
  }
}

/** The providers of each channel, in failover order: `email-1`, `email-2`, `sms-1`… */
export function providersFrom(settings: MessagingConfig): ChannelProvider[] {
  return [
    ...settings.smtpUrls.map(
      (url, i) =>
        new SmtpProvider(`email-${i + 1}`, url, settings.emailFrom, settings.smtpThreads, settings.smtpTimeoutSeconds),
    ),
    ...settings.smsGateways.map((url, i) => new HttpSmsGateway(`sms-${i + 1}`, url, settings.smsGatewayToken)),
    ...(settings.webhookSecret ? [new WebhookProvider(settings.webhookSecret)] : []),
  ];
}
