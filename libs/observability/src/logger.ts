import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { trace } from '@opentelemetry/api';

/** Keys whose values are personal data: redacted wherever they appear in a log record (two levels deep). */
export const PERSONAL_DATA_KEYS = [
  'name',
  'names',
  'firstName',
  'lastName',
  'fullName',
  'givenName',
  'familyName',
  'nameLao',
  'nameLatin',
  'idNumber',
  'uin',
  'nationalId',
  'phone',
  'phoneNumber',
  'msisdn',
  'email',
  'address',
  'dateOfBirth',
  'otp',
  'code',
  'password',
  'token',
  'authorization',
  'cookie',
  // Message contents and the values bound to SQL statements (a failed query's error carries them).
  'body',
  'text',
  'variables',
  'parameters',
] as const;

const redactPaths = PERSONAL_DATA_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Phone numbers (Lao +856 20 xxxx xxxx and international forms) and ID-like digit runs of 9 or more digits.
const PHONE_OR_ID = /\+?\d[\d\s-]{7,}\d/g;

/** Scrubs e-mail addresses, phone numbers and long ID numbers out of free text. */
export function scrubPersonalData(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE_OR_ID, '[number]');
}

export interface LoggerOptions {
  service: string;
  level?: string;
  /** `json`, `pretty` (one coloured line per event), or `auto` (default): pretty in a terminal, JSON otherwise. */
  format?: 'auto' | 'json' | 'pretty';
  destination?: pino.DestinationStream;
}

/** Readable lines for a person at a terminal: time, level, block, message, then the other fields. */
function prettyStream(): pino.DestinationStream {
  return pretty({
    colorize: process.stdout.isTTY === true,
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service,block',
    messageFormat: '{if block}[{block}] {end}{msg}',
    hideObject: false,
    singleLine: true,
  });
}

/**
 * Logs with the active trace and span ids, personal data redacted: JSON (one object a line) for machines, or
 * readable lines when a person watches a terminal (LOG_FORMAT, see `format`).
 */
export function createLogger(options: LoggerOptions): Logger {
  const format = options.format ?? (process.env.LOG_FORMAT as LoggerOptions['format']) ?? 'auto';
  const readable =
    !options.destination && (format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true));
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubPersonalData(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      mixin() {
        const span = trace.getActiveSpan();
        if (!span) return {};
        const { traceId, spanId } = span.spanContext();
        return { trace_id: traceId, span_id: spanId };
      },
    },
    options.destination ?? (readable ? prettyStream() : undefined),
  );
}

export type { Logger };
