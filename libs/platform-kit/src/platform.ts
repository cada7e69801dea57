import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { InProcessTransport, KafkaTransport, type EventTransport } from '@onedoor/backbone';
import { ROLES, TokenVerifier, createDevelopmentAuthority } from '@onedoor/auth';
import { PROBLEM_CONTENT_TYPE, problemDetails, writeProblem, type ProblemDetails } from '@onedoor/http';
import { createLogger, type Logger } from '@onedoor/observability';
import type { BlockDefinition } from './block-definition';
import { createBlockApp, type BlockRuntime } from './create-block-app';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database';
import { ConfigError, exitOnConfigError } from '@onedoor/config';
import { loadPlatformConfig, type PlatformConfig } from './platform-config';
import { republishUnhandled } from './unhandled-events';

export interface RunningPlatform {
  runtimes: BlockRuntime[];
  servers: Server[];
  /** Base URL of each block (one server for all in embedded mode). */
  urls: Record<string, string>;
  close(): Promise<void>;
}

async function verifierFor(config: PlatformConfig, logger: Logger, blocks: BlockDefinition[]): Promise<TokenVerifier> {
  const keySet = {
    onFetchFailed: (error: Error) =>
      logger.warn({ err: error.message }, "identity block's keys not readable; the last keys read are kept"),
  };
  if (config.auth.jwksUrl || config.auth.jwks) return new TokenVerifier({ ...config.auth, keySet });
  // Embedded mode without a configured provider: a development key made now, with an operator token to try the
  // APIs; and, when the identity block runs here, the keys of its OpenID provider, so its tokens work too.
  const authority = await createDevelopmentAuthority();
  const token = await authority.sign({ sub: 'development-operator', roles: [ROLES.platformOperator] }, '12h');
  if (config.dataDir !== 'memory') {
    mkdirSync(config.dataDir, { recursive: true });
    const file = path.resolve(config.dataDir, 'operator.token');
    writeFileSync(file, token, { mode: 0o600 });
    logger.warn(
      { file },
      'no AUTH_JWKS_URL: development signing key in use; an operator token for 12 hours is in this file',
    );
  }
  const localHost = ['0.0.0.0', '::'].includes(config.host) ? '127.0.0.1' : config.host;
  const identityHere = blocks.some((block) => block.name === 'identity') && config.port !== 0;
  return new TokenVerifier({
    jwks: authority.jwks,
    jwksUrl: identityHere ? `http://${localHost}:${config.port}/identity/.well-known/jwks.json` : undefined,
    keySet,
  });
}

/**
 * What Node answers by itself before any handler sees the request: a request line or headers over its limit
 * (16 KiB) is a 431, anything it cannot parse a 400, both as problem+json instead of a bare status line.
 */
function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: import('node:stream').Duplex) => {
    if (!socket.writable || (error.code === 'ECONNRESET' && !socket.readable)) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const body = JSON.stringify(
      tooLarge
        ? problemDetails(431, 'PLATFORM.HEADERS_TOO_LARGE', {
            detail: 'The address or the headers are longer than 16 KiB.',
          })
        : problemDetails(400, 'PLATFORM.BAD_REQUEST', { detail: 'The request is not well-formed HTTP.' }),
    );
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `content-type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `connection: close\r\n\r\n${body}`,
    );
  });
}

function listen(server: Server, port: number, host: string): Promise<number> {
  answerClientErrors(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}

/**
 * What a block's port answers before the block has started (it is waiting for its database, or migrating):
 * alive; not ready; its API 503 with Retry-After, as problem+json.
 */
function startingHandler(block: string) {
  return (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === `/${block}/health/live`) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'up' }));
      return;
    }
    response.setHeader('retry-after', '5');
    if (path === `/${block}/health/ready`) {
      writeProblem(response, {
        ...problemDetails(503, 'PLATFORM.NOT_READY', {
          detail: `The ${block} block is starting: it waits for its database, or is migrating it.`,
        }),
        checks: { database: 'starting', broker: 'unknown', consumer: 'starting', outbox: 'unknown' },
      } as ProblemDetails);
      return;
    }
    writeProblem(
      response,
      problemDetails(503, 'PLATFORM.STARTING', {
        detail: `The ${block} block is starting; retry in a few seconds.`,
        instance: request.url ?? '/',
      }),
    );
  };
}

function notFound(response: import('node:http').ServerResponse, url: string) {
  writeProblem(
    response,
    problemDetails(404, 'PLATFORM.NOT_FOUND', {
      detail: 'No building block serves this path. Blocks: /identity, /registration, /messaging, /workflow, /feedback.',
      instance: url,
    }),
  );
}

/**
 * Starts blocks in this process. Embedded (no KAFKA_BROKERS): every given block, one HTTP server on
 * config.port routing by path prefix, the in-process transport, and PGlite unless DATABASE_URL is set.
 * Distributed: usually one block, on its own port, with Kafka and PostgreSQL.
 */
export async function startPlatform(blocks: BlockDefinition[], config: PlatformConfig): Promise<RunningPlatform> {
  const logger = createLogger({
    service: blocks.length === 1 ? blocks[0].name : 'onedoor',
    level: config.logLevel,
    format: config.logFormat,
  });
  let embeddedDb: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embeddedDb = await startEmbeddedDatabase(config.dataDir);
    databaseUrl = embeddedDb.url;
    logger.info({ dataDir: config.dataDir }, 'embedded PostgreSQL (PGlite) started');
  }
  const transport: EventTransport =
    config.mode === 'distributed'
      ? new KafkaTransport({
          brokers: config.kafkaBrokers,
          clientId: `onedoor-${blocks.map((b) => b.name).join('-')}`,
          logger,
          partitions: config.kafka.partitions,
          replicationFactor: config.kafka.replicationFactor,
        })
      : new InProcessTransport();
  const verifier = await verifierFor(config, logger, blocks);
  const runtimes: BlockRuntime[] = [];
  const servers: Server[] = [];
  const urls: Record<string, string> = {};
  const close = async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    for (const runtime of runtimes.reverse()) await runtime.close();
    await transport.close();
    await embeddedDb?.close();
  };
  try {
    // Distributed: each block's port answers from the start (live; not ready, and 503 for its API) while the
    // block waits for its database and builds, so an orchestrator sees a live process that is starting.
    const starting = new Map<string, (request: IncomingMessage, response: ServerResponse) => void>();
    if (config.mode === 'distributed') {
      for (const definition of blocks) {
        const name = definition.name;
        starting.set(name, startingHandler(name));
        const server = createServer((request, response) => starting.get(name)!(request, response));
        servers.push(server);
        const port = await listen(server, config.blockPorts[name], config.host);
        urls[name] = `http://${config.host}:${port}/${name}`;
        logger.info({ port }, `${name} block listening on ${urls[name]}`);
      }
    }
    for (const definition of blocks) {
      const blockUrl = config.blockDatabaseUrls[definition.name] ?? databaseUrl;
      const embedded = embeddedDb !== undefined && blockUrl === embeddedDb.url;
      const runtime = await createBlockApp(definition, {
        config,
        databaseUrl: blockUrl,
        transport,
        logger,
        verifier,
        poolSize: embedded ? 4 : config.databasePoolSize,
        poolWaitSeconds: embedded ? 30 : config.databasePoolWaitSeconds,
        sharedSession: embedded,
      });
      runtimes.push(runtime);
      if (starting.has(definition.name)) {
        starting.set(definition.name, runtime.handler);
        logger.info(`${definition.name} block started`);
      }
    }
    // In-memory topics lose what they held when the process died; the outboxes did not.
    if (transport.kind === 'in-process') await republishUnhandled(runtimes, logger);
    if (config.mode === 'embedded') {
      const byPrefix = new Map(runtimes.map((r) => [r.definition.name as string, r.handler]));
      const server = createServer((request, response) => {
        const prefix = (request.url ?? '/').split(/[/?]/)[1];
        const handler = byPrefix.get(prefix);
        if (handler) handler(request, response);
        else notFound(response, request.url ?? '/');
      });
      servers.push(server);
      const port = await listen(server, config.port, config.host);
      for (const r of runtimes) urls[r.definition.name] = `http://${config.host}:${port}/${r.definition.name}`;
      logger.info(
        { port, blocks: Object.keys(urls) },
        `OneDoor (embedded) listening on http://${config.host}:${port}: ${Object.keys(urls)
          .map((block) => `/${block}`)
          .join(' ')}; API pages at /<block>/docs`,
      );
    }
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  return { runtimes, servers, urls, close };
}

/** Stops gracefully on SIGTERM/SIGINT: HTTP stops taking requests, in-flight events finish and commit. */
export function stopOnSignals(platform: RunningPlatform, logger: Logger = createLogger({ service: 'onedoor' })): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    platform
      .close()
      .then(() => process.exit(0))
      .catch((error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/**
 * Ends a process that could not start: a configuration problem as one line per bad setting (exit 78), anything
 * else as one fatal line with the reason (exit 1). No stack trace: the reason names what to fix.
 */
export function exitOnStartFailure(service: string, error: unknown): never {
  if (error instanceof ConfigError) exitOnConfigError(service, error);
  const reason = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `${JSON.stringify({ level: 'fatal', time: new Date().toISOString(), service, msg: `not started: ${reason}` })}\n`,
  );
  process.exit(1);
}

/** The `main` of a block's own process (distributed mode): start it, stop on signals, exit non-zero on failure. */
export function runBlockProcess(definition: BlockDefinition): void {
  Promise.resolve()
    .then(() => startPlatform([definition], loadPlatformConfig(process.env, [definition.name])))
    .then((platform) => stopOnSignals(platform))
    .catch((error: unknown) => exitOnStartFailure(definition.name, error));
}
