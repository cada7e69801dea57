import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDevelopmentAuthority } from '@onedoor/auth';
import { loadPlatformConfig, startPlatform, type RunningPlatform } from '@onedoor/platform-kit';
import { api } from '@onedoor/testing';
import { WorkflowBlock } from '../src';

export const example = (name: string) => readFileSync(join(__dirname, '../examples', name), 'utf8');

export type Authority = Awaited<ReturnType<typeof createDevelopmentAuthority>>;

/** One workflow replica on the test's database and the real broker. */
export async function startWorkflow(
  databaseUrl: string,
  brokers: string[],
  authority: Authority,
): Promise<RunningPlatform> {
  return startPlatform(
    [WorkflowBlock],
    loadPlatformConfig({
      KAFKA_BROKERS: brokers.join(','),
      DATABASE_URL: databaseUrl,
      AUTH_JWKS: JSON.stringify(authority.jwks),
      WORKFLOW_PORT: '0',
      LOG_LEVEL: 'warn',
      ONEDOOR_DATA_DIR: 'memory',
      CONSUMER_INITIAL_BACKOFF_MS: '50',
    }),
  );
}

/** Calls the workflow API as the holder of `token`. */
export function client(base: () => string, token: string) {
  return (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    api(`${base()}${path}`, { ...init, method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), token });
}
