import { createDevelopmentAuthority, type Caller } from '@onedoor/auth';
import { BLOCKS, ROLES } from '@onedoor/contracts';
import { loadPlatformConfig, startPlatform, type RunningPlatform } from '@onedoor/platform-kit';
import {
  createScratchDatabase,
  requireKafkaBrokers,
  untilConsuming,
  waitFor,
  type ScratchDatabase,
} from '@onedoor/testing';
import { ALL_BLOCKS } from '../src/blocks';

export interface AllBlocks {
  platform: RunningPlatform;
  db: ScratchDatabase;
  /** An access token for any caller, signed by the development authority every block trusts. */
  token(caller: Partial<Caller> & { sub: string }): Promise<string>;
  close(): Promise<void>;
}

/**
 * The five blocks in this process, each on its own port, over the real broker and a scratch PostgreSQL database,
 * trusting a development authority's tokens: a caller of any kind is one signature away.
 */
export async function startAllBlocks(name: string): Promise<AllBlocks> {
  const brokers = requireKafkaBrokers();
  const db = await createScratchDatabase(name);
  const authority = await createDevelopmentAuthority();
  // Read by the blocks from the process environment: keys in memory, the registration block's workflow, and as
  // many hotline cases an hour as a test sends from this one loopback address (the limit has tests of its own).
  const saved = {
    ONEDOOR_DATA_DIR: process.env.ONEDOOR_DATA_DIR,
    REGISTRATION_WORKFLOW_URL: process.env.REGISTRATION_WORKFLOW_URL,
    FEEDBACK_SUBMISSIONS_PER_HOUR: process.env.FEEDBACK_SUBMISSIONS_PER_HOUR,
  };
  process.env.ONEDOOR_DATA_DIR = 'memory';
  process.env.FEEDBACK_SUBMISSIONS_PER_HOUR ??= '10000';
  const platform = await startPlatform(
    ALL_BLOCKS,
    loadPlatformConfig({
      KAFKA_BROKERS: brokers.join(','),
      DATABASE_URL: db.url,
      AUTH_JWKS: JSON.stringify(authority.jwks),
      ...Object.fromEntries(BLOCKS.map((block) => [`${block.toUpperCase()}_PORT`, '0'])),
      LOG_LEVEL: 'error',
      ONEDOOR_DATA_DIR: 'memory',
      CONSUMER_INITIAL_BACKOFF_MS: '50',
    }),
  );
  process.env.REGISTRATION_WORKFLOW_URL = platform.urls.workflow;
  const operator = await authority.sign({ sub: 'platform-operator', roles: [ROLES.platformOperator] });
  await Promise.all(BLOCKS.map((block) => untilConsuming(platform.urls[block], operator)));
  // Quiet before the tests look at the tables: every outbox published and every event on the topics handled
  // (consumers join in the background; a late one would write while a test compares).
  await waitFor(
    'every block to have handled every event',
    async () => (await Promise.all(platform.runtimes.map((r) => r.backbone.settled()))).every(Boolean),
    90_000,
  );
  return {
    platform,
    db,
    token: (caller) => authority.sign(caller),
    async close() {
      await platform.close();
      await db.drop();
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    },
  };
}
