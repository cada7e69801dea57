import { readSetting } from '@onedoor/config';

/**
 * The workflow block's settings, typed and checked (libs/config's schema validates every value at start-up).
 * Read here once; the block's code is given this object (WORKFLOW_CONFIG), never process.env.
 */
export interface WorkflowConfig {
  /** Timer loops per replica, 1 to 16. */
  timerWorkers: number;
  /** The block's own client, for endpoints that want a token (client credentials); all three or none. */
  client?: { tokenUrl: string; clientId: string; clientSecret: string };
}

export const WORKFLOW_CONFIG = Symbol('WORKFLOW_CONFIG');

/** WORKFLOW_TIMER_WORKERS: timer loops per replica, 1 to 16 (default 2). */
export function timerWorkers(value: string | undefined): number {
  return readSetting('WORKFLOW_TIMER_WORKERS', { WORKFLOW_TIMER_WORKERS: value });
}

export function workflowConfig(env: NodeJS.ProcessEnv = process.env): WorkflowConfig {
  const [tokenUrl, clientId, clientSecret] = [
    readSetting('WORKFLOW_TOKEN_URL', env),
    readSetting('WORKFLOW_CLIENT_ID', env),
    readSetting('WORKFLOW_CLIENT_SECRET', env),
  ];
  return {
    timerWorkers: readSetting('WORKFLOW_TIMER_WORKERS', env),
    ...(tokenUrl && clientId && clientSecret && { client: { tokenUrl, clientId, clientSecret } }),
  };
}
