import { BLOCKS, type BlockName } from '@onedoor/contracts';
import type { JSONWebKeySet } from 'jose';

/** The default port of each block in distributed mode, 3001 to 3005 in this order; `<BLOCK>_PORT` overrides. */
export const DEFAULT_BLOCK_PORTS: Record<BlockName, number> = {
  identity: 3001,
  registration: 3002,
  messaging: 3003,
  workflow: 3004,
  feedback: 3005,
};

export interface PlatformConfig {
  /** distributed: KAFKA_BROKERS is set, one process per block. embedded: one process, in-process events. */
  mode: 'embedded' | 'distributed';
  kafkaBrokers: string[];
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
  /** Where embedded mode keeps its database (ONEDOOR_DATA_DIR, default .onedoor/); `memory` keeps nothing. */
  dataDir: string;
  consumer: { maxAttempts: number; initialBackoffMs: number };
  maxOutboxLagSeconds: number;
  /** Connections each block keeps to PostgreSQL (DATABASE_POOL_SIZE, default 10). */
  databasePoolSize: number;
}

export class ConfigError extends Error {}

/** A whole-number setting `name` from min to max, read from `raw`; `fallback` when unset. */
export function wholeNumberSetting(name: string, raw: string | undefined, fallback: number, min: number, max: number) {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return value;
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535)
    throw new ConfigError(`${name} must be a port number, got "${raw}"`);
  return value;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/** Reads and checks the configuration; the process refuses to start on a bad value. */
export function loadPlatformConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const kafkaBrokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  for (const broker of kafkaBrokers) {
    if (!/^[\w.-]+:\d+$/.test(broker)) throw new ConfigError(`KAFKA_BROKERS: "${broker}" is not host:port`);
  }
  const mode = kafkaBrokers.length > 0 ? 'distributed' : 'embedded';
  const postgresUrl = (name: string) => {
    const value = env[name] || undefined;
    if (value && !/^postgres(ql)?:\/\//.test(value)) throw new ConfigError(`${name} must be a postgres:// URL`);
    return value;
  };
  const databaseUrl = postgresUrl('DATABASE_URL');
  const blockDatabaseUrls = Object.fromEntries(
    BLOCKS.map((block) => [block, postgresUrl(`${block.toUpperCase()}_DATABASE_URL`)]).filter(([, url]) => url),
  ) as Partial<Record<BlockName, string>>;
  if (mode === 'distributed' && !databaseUrl) {
    throw new ConfigError('KAFKA_BROKERS is set (distributed mode), so DATABASE_URL must be set too');
  }
  let jwks: JSONWebKeySet | undefined;
  if (env.AUTH_JWKS) {
    try {
      jwks = JSON.parse(env.AUTH_JWKS);
    } catch {
      throw new ConfigError('AUTH_JWKS must be a JSON Web Key Set');
    }
  }
  if (mode === 'distributed' && !env.AUTH_JWKS_URL && !jwks) {
    throw new ConfigError("distributed mode needs AUTH_JWKS_URL (the identity provider's keys) or AUTH_JWKS");
  }
  const blockPorts = Object.fromEntries(
    BLOCKS.map((block) => [block, port(env, `${block.toUpperCase()}_PORT`, DEFAULT_BLOCK_PORTS[block])]),
  ) as Record<BlockName, number>;
  return {
    mode,
    kafkaBrokers,
    databaseUrl,
    blockDatabaseUrls,
    port: port(env, 'PORT', 3000),
    blockPorts,
    host: env.HOST ?? '127.0.0.1',
    auth: { jwksUrl: env.AUTH_JWKS_URL, jwks, issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE },
    logLevel: env.LOG_LEVEL ?? 'info',
    dataDir: env.ONEDOOR_DATA_DIR ?? '.onedoor',
    consumer: {
      maxAttempts: positive(env, 'CONSUMER_MAX_ATTEMPTS', 5),
      initialBackoffMs: positive(env, 'CONSUMER_INITIAL_BACKOFF_MS', 200),
    },
    maxOutboxLagSeconds: positive(env, 'OUTBOX_MAX_LAG_SECONDS', 60),
    databasePoolSize: Math.round(positive(env, 'DATABASE_POOL_SIZE', 10)),
  };
}
