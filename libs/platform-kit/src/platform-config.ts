import { BLOCKS, type BlockName } from '@onedoor/contracts';
import type { JSONWebKeySet } from 'jose';
import { loadSettings } from '@onedoor/config';

export { ConfigError } from '@onedoor/config';

export interface PlatformConfig {
  /** distributed: KAFKA_BROKERS is set, one process per block. embedded: one process, in-process events. */
  mode: 'embedded' | 'distributed';
  kafkaBrokers: string[];
  /** Topics the blocks create: KAFKA_TOPIC_PARTITIONS and KAFKA_REPLICATION_FACTOR. */
  kafka: { partitions: number; replicationFactor: number };
  /** Unset in embedded mode means: the embedded PostgreSQL (PGlite). */
  databaseUrl?: string;
  /** `<BLOCK>_DATABASE_URL`: a block's own database, instead of the shared one. */
  blockDatabaseUrls: Partial<Record<BlockName, string>>;
  /** Port of the single HTTP server in embedded mode (PORT, default 3000). */
  port: number;
  blockPorts: Record<BlockName, number>;
  host: string;
  auth: { jwksUrl?: string; jwks?: JSONWebKeySet; issuer?: string; audience?: string };
  logLevel: string;
  /** LOG_FORMAT: `auto` (readable in a terminal, JSON otherwise), `json` or `pretty`. */
  logFormat: 'auto' | 'json' | 'pretty';
  /** Where embedded mode keeps its database (ONEDOOR_DATA_DIR, default .onedoor/); `memory` keeps nothing. */
  dataDir: string;
  consumer: { maxAttempts: number; initialBackoffMs: number };
  maxOutboxLagSeconds: number;
  /** Connections each block keeps to PostgreSQL (DATABASE_POOL_SIZE, default 10). */
  databasePoolSize: number;
  /** How long a request waits for a free connection before a 503 (DATABASE_POOL_WAIT_SECONDS, default 5). */
  databasePoolWaitSeconds: number;
  /** TRUSTED_PROXIES: whose X-Forwarded-For names the client (Express's `trust proxy`); empty: nobody's. */
  trustedProxies: string[];
}

/**
 * Reads and checks the whole configuration (every setting of every block, `@onedoor/config`) and gives the
 * platform's part; throws a ConfigError listing every bad value, and the process refuses to start.
 */
export function loadPlatformConfig(
  env: NodeJS.ProcessEnv = process.env,
  blocks?: readonly BlockName[],
): PlatformConfig {
  const settings = loadSettings(env, blocks);
  const kafkaBrokers = settings.KAFKA_BROKERS ?? [];
  const blockPorts = Object.fromEntries(BLOCKS.map((block) => [block, settings[`${upper(block)}_PORT`]])) as Record<
    BlockName,
    number
  >;
  const blockDatabaseUrls = Object.fromEntries(
    BLOCKS.map((block) => [block, settings[`${upper(block)}_DATABASE_URL`]]).filter(([, url]) => url),
  ) as Partial<Record<BlockName, string>>;
  return {
    mode: kafkaBrokers.length > 0 ? 'distributed' : 'embedded',
    kafkaBrokers,
    kafka: { partitions: settings.KAFKA_TOPIC_PARTITIONS, replicationFactor: settings.KAFKA_REPLICATION_FACTOR },
    databaseUrl: settings.DATABASE_URL,
    blockDatabaseUrls,
    port: settings.PORT,
    blockPorts,
    host: settings.HOST,
    auth: {
      jwksUrl: settings.AUTH_JWKS_URL,
      jwks: settings.AUTH_JWKS as JSONWebKeySet | undefined,
      issuer: settings.AUTH_ISSUER,
      audience: settings.AUTH_AUDIENCE,
    },
    logLevel: settings.LOG_LEVEL,
    logFormat: settings.LOG_FORMAT,
    dataDir: settings.ONEDOOR_DATA_DIR,
    consumer: { maxAttempts: settings.CONSUMER_MAX_ATTEMPTS, initialBackoffMs: settings.CONSUMER_INITIAL_BACKOFF_MS },
    maxOutboxLagSeconds: settings.OUTBOX_MAX_LAG_SECONDS,
    databasePoolSize: settings.DATABASE_POOL_SIZE,
    databasePoolWaitSeconds: settings.DATABASE_POOL_WAIT_SECONDS,
    trustedProxies: settings.TRUSTED_PROXIES ?? [],
  };
}

const upper = <B extends BlockName>(block: B) => block.toUpperCase() as Uppercase<B>;
