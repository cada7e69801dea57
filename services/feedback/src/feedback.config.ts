import path from 'node:path';
import { readSetting } from '@onedoor/config';

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
  };
}
