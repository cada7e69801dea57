import { readSetting } from '@onedoor/config';

/**
 * The messaging block's settings, typed and checked (libs/config's schema validates every value at start-up).
 * Read here once; the block's code is given this object (MESSAGING_CONFIG), never process.env.
 */
export interface MessagingConfig {
  smtpUrls: string[];
  /** Threads per SMTP provider (MESSAGING_SMTP_THREADS, 1 to 8, default 2). */
  smtpThreads: number;
  /** MESSAGING_SMTP_TIMEOUT_SECONDS: connecting, the greeting and each answer, each at most this long. */
  smtpTimeoutSeconds: number;
  emailFrom: string;
  smsGateways: string[];
  smsGatewayToken?: string;
  /** Messages per second per provider. */
  ratePerSecond: number;
  retryHours: number;
  /** HMAC secret providers sign their receipts with. */
  receiptSecret?: string;
  /** HMAC secret OneDoor signs webhooks with; without it, no webhooks are sent. */
  webhookSecret?: string;
}

/** MESSAGING_SMTP_THREADS: threads per SMTP provider, 1 to 8 (default 2). */
export function smtpThreads(value: string | undefined): number {
  return readSetting('MESSAGING_SMTP_THREADS', { MESSAGING_SMTP_THREADS: value });
}

export function messagingConfig(env: NodeJS.ProcessEnv = process.env): MessagingConfig {
  const read = <K extends Parameters<typeof readSetting>[0]>(name: K) => readSetting(name, env);
  return {
    smtpUrls: read('MESSAGING_SMTP_URLS'),
    smtpThreads: read('MESSAGING_SMTP_THREADS'),
    smtpTimeoutSeconds: read('MESSAGING_SMTP_TIMEOUT_SECONDS'),
    emailFrom: read('MESSAGING_EMAIL_FROM'),
    smsGateways: read('MESSAGING_SMS_GATEWAYS'),
    smsGatewayToken: read('MESSAGING_SMS_GATEWAY_TOKEN'),
    ratePerSecond: read('MESSAGING_PROVIDER_RATE'),
    retryHours: read('MESSAGING_RETRY_HOURS'),
    receiptSecret: read('MESSAGING_RECEIPT_SECRET'),
    webhookSecret: read('MESSAGING_WEBHOOK_SECRET'),
  };
}

export const MESSAGING_CONFIG = Symbol('MESSAGING_CONFIG');
