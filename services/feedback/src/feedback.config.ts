import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ConfigError, keptInDataDir, readSetting } from '@onedoor/config';

/**
 * The feedback block's settings, typed and checked (libs/config's schema validates every value at start-up,
 * before any module loads). Read here once; the block's code is given this object, never process.env.
 */
export interface FeedbackConfig {
  /** Cases one source may submit in an hour (a flood from one address, phone, person or key is refused). */
  submissionsPerHour: number;
  /** The SMS gateway's HMAC secret for inbound messages; unset: inbound SMS are refused. */
  smsSecret?: string;
  /** Where attachments' bytes are kept: FEEDBACK_STORAGE_DIR, else the data directory's (memory if `memory`). */
  attachments: { inMemory: boolean; directory: string };
  /** The key of PIN digests (HMAC-SHA256): the same on every replica. */
  pinKey: Buffer;
}

let inMemoryPinKey: Buffer | undefined;

/**
 * FEEDBACK_PIN_KEY, required in production. Elsewhere, unset, a key made once and kept in the data directory, or in
 * this process's memory when that is `memory`.
 */
function pinKey(env: NodeJS.ProcessEnv): Buffer {
  const configured = readSetting('FEEDBACK_PIN_KEY', env);
  if (configured) return Buffer.from(configured, 'base64');
  if (readSetting('NODE_ENV', env) === 'production') {
    throw new ConfigError([{ name: 'FEEDBACK_PIN_KEY', message: 'is required when NODE_ENV is production' }]);
  }
  const dataDir = readSetting('ONEDOOR_DATA_DIR', env);
  if (dataDir === 'memory') return (inMemoryPinKey ??= randomBytes(32));
  return Buffer.from(
    keptInDataDir(dataDir, 'feedback-pin.key', () => randomBytes(32).toString('base64')),
    'base64',
  );
}

export const FEEDBACK_CONFIG = Symbol('FEEDBACK_CONFIG');

export function feedbackConfig(env: NodeJS.ProcessEnv = process.env): FeedbackConfig {
  const storageDir = readSetting('FEEDBACK_STORAGE_DIR', env);
  const dataDir = readSetting('ONEDOOR_DATA_DIR', env);
  return {
    submissionsPerHour: readSetting('FEEDBACK_SUBMISSIONS_PER_HOUR', env),
    smsSecret: readSetting('FEEDBACK_SMS_SECRET', env) || undefined,
    attachments: {
      inMemory: !storageDir && dataDir === 'memory',
      directory: path.resolve(storageDir ?? path.join(dataDir, 'attachments')),
    },
    pinKey: pinKey(env),
  };
}
