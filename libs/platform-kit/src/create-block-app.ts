import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { DataSource } from 'typeorm';
import { backoffWithJitter, databaseUnavailable } from '@onedoor/application';
import { BackboneModule, EventBackbone, type EventTransport } from '@onedoor/backbone';
import { BearerAuthGuard, TokenVerifier } from '@onedoor/auth';
import {
  IDEMPOTENCY_STORE,
  ProblemDetailsFilter,
  createValidationPipe,
  inputHygiene,
  type IdempotencyStore,
} from '@onedoor/http';
import {
  Histogram,
  activeTraceId,
  createMetricsRegistry,
  resumeTrace,
  traceIncoming,
  type Logger,
  type Registry,
} from '@onedoor/observability';
import {
  createBlockDataSource,
  createPlatformTablesMigration,
  migrateBlock,
  preparedQuery,
  UnitOfWork,
  type UnitOfWorkDataSource,
} from '@onedoor/persistence';
import { BLOCK_CONTEXT, LOGGER, METRICS_REGISTRY, type BlockContext, type BlockDefinition } from './block-definition';
import { DiagnosticsModule } from './diagnostics/diagnostics.module';
import { OperationsController } from './health.controller';
import { completeDocument } from './openapi-document';
import { NestPinoLogger } from './nest-logger';
import type { PlatformConfig } from './platform-config';

export interface BlockRuntime {
  definition: BlockDefinition;
  app: INestApplication;
  dataSource: DataSource;
  backbone: EventBackbone;
  registry: Registry;
  /** The block's HTTP handler (all its routes under `/<block>`), for a server of one or five blocks. */
  handler: (request: IncomingMessage, response: ServerResponse) => void;
  close(): Promise<void>;
}

/** A block's data source: its schema, its entities, the platform tables' migration and then its own. */
export function blockDataSource(
  definition: BlockDefinition,
  url: string,
  poolSize?: number,
  sharedSession?: boolean,
  poolWaitSeconds?: number,
): UnitOfWorkDataSource {
  return createBlockDataSource({
    url,
    schema: definition.name,
    entities: definition.entities,
    migrations: [createPlatformTablesMigration(definition.name), ...definition.migrations],
    poolSize,
    poolWaitSeconds,
    sharedSession,
    applicationName: `onedoor-${definition.name}`,
  });
}

export interface BlockRuntimeOptions {
  config: PlatformConfig;
  databaseUrl: string;
  transport: EventTransport;
  logger: Logger;
  verifier: TokenVerifier;
  /** Smaller pools for the embedded database. */
  poolSize?: number;
  /** A longer wait for a connection of the embedded database, which serves one statement at a time. */
  poolWaitSeconds?: number;
  /** The embedded database: all connections share one session (no named prepared statements). */
  sharedSession?: boolean;
}

/**
 * Builds one building block as a NestJS application: migrates its schema, connects it to the event backbone,
 * and serves its API under `/<block>` with problem+json errors, validation, idempotency keys, bearer-token
 * checks, OpenAPI 3.1 (`/<block>/openapi.json`, `/<block>/docs`), health and Prometheus metrics.
 */
export async function createBlockApp(definition: BlockDefinition, options: BlockRuntimeOptions): Promise<BlockRuntime> {
  const { name } = definition;
  const logger = options.logger.child({ block: name });
  const schema = name;
  const dataSource = blockDataSource(
    definition,
    options.databaseUrl,
    options.poolSize,
    options.sharedSession,
    options.poolWaitSeconds ?? options.config.databasePoolWaitSeconds,
  );
  const applied = await untilDatabaseAnswers(() => migrateBlock(dataSource, schema), logger);
  if (applied.length) logger.info({ migrations: applied }, 'database migrated');
  // The database may go away again while the block's modules start (their start-up reads and writes): then the
  // half-built application is closed and built again once the database answers, instead of the process exiting.
  return untilDatabaseAnswers(() => assembleBlockApp(definition, options, dataSource, logger), logger);
}

/** One attempt at building the block's application over its migrated database; closed again if it fails. */
async function assembleBlockApp(
  definition: BlockDefinition,
  options: BlockRuntimeOptions,
  dataSource: UnitOfWorkDataSource,
  logger: Logger,
): Promise<BlockRuntime> {
  const { name } = definition;
  const schema = name;
  const registry = createMetricsRegistry(name);
  const context: BlockContext = { name, schema };
  const idempotencyStore: IdempotencyStore = {
    schema,
    run: (text, values) => preparedQuery(dataSource, text, values),
    unitOfWork: () => new UnitOfWork(dataSource),
  };

  @Module({})
  class BlockRootModule {}
  const root: DynamicModule = {
    module: BlockRootModule,
    imports: [
      BackboneModule.forBlock({
        useFactory: () =>
          new EventBackbone({
            block: name,
            schema,
            dataSource,
            transport: options.transport,
            logger,
            registry,
            retry: options.config.consumer,
            maxOutboxLagSeconds: options.config.maxOutboxLagSeconds,
          }),
      }),
      DiagnosticsModule,
      definition.module,
    ],
    controllers: [OperationsController],
    providers: [
      { provide: BLOCK_CONTEXT, useValue: context },
      { provide: LOGGER, useValue: logger },
      { provide: METRICS_REGISTRY, useValue: registry },
      { provide: TokenVerifier, useValue: options.verifier },
      { provide: DataSource, useValue: dataSource },
      { provide: IDEMPOTENCY_STORE, useValue: idempotencyStore },
    ],
    exports: [BLOCK_CONTEXT, LOGGER, METRICS_REGISTRY, TokenVerifier, DataSource, IDEMPOTENCY_STORE],
    global: true,
  };

  const server = express();
  server.disable('x-powered-by');
  // Behind a proxy (the ingress, the citizen's web app), the client is the one its X-Forwarded-For names.
  if (options.config.trustedProxies.length) server.set('trust proxy', options.config.trustedProxies);
  instrumentHttp(server, registry, name, logger);
  let app: NestExpressApplication | undefined;
  try {
    app = await NestFactory.create<NestExpressApplication>(root, new ExpressAdapter(server), {
      logger: new NestPinoLogger(logger),
      bodyParser: true,
      // Webhook and receipt signatures are checked over the exact bytes received.
      rawBody: true,
    });
    definition.mount?.(app, server);
    app.useBodyParser('json', { limit: '1mb' });
    server.use(resumeTrace);
    // After the body parsers, before any route: NUL characters and JSON nested too deep are refused (400).
    server.use(inputHygiene);
    app.setGlobalPrefix(name);
    app.useGlobalFilters(new ProblemDetailsFilter(logger));
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalGuards(new BearerAuthGuard(app.get(Reflector), options.verifier));

    const document = completeDocument(
      app,
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setOpenAPIVersion('3.1.0')
          .setTitle(`OneDoor ${definition.title} API`)
          .setDescription(definition.description)
          .setVersion('1')
          .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
          .addBearerAuth()
          .build(),
      ),
    );
    SwaggerModule.setup(`${name}/docs`, app, document, {
      useGlobalPrefix: false,
      jsonDocumentUrl: `${name}/openapi.json`,
      raw: ['json'],
    });
    await app.init();
  } catch (error) {
    await app?.close().catch(() => undefined);
    throw error;
  }
  const ready = app;
  return {
    definition,
    app: ready,
    dataSource,
    backbone: ready.get(EventBackbone),
    registry,
    handler: server,
    async close() {
      await ready.close();
      await dataSource.destroy();
    },
  };
}

/**
 * Runs `work` (connecting and migrating) until the database answers: while it is not up yet, waits with backoff
 * and jitter (1 s doubling to 30 s) and says so; any other failure (a wrong password, a failed migration) ends
 * the start as before.
 */
async function untilDatabaseAnswers<T>(work: () => Promise<T>, logger: Logger): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await work();
      if (attempt > 0) logger.info('database reached');
      return result;
    } catch (error) {
      if (!databaseUnavailable(error)) throw error;
      const waitMs = backoffWithJitter(attempt, 1_000, 30_000);
      logger.warn(
        { err: (error as Error).message, attempt: attempt + 1, retryInMs: waitMs },
        'database not reachable yet; retrying',
      );
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

const OPERATIONS = /\/(health|metrics)\b/;
const routeOf = (request: express.Request, response: express.Response): string | undefined =>
  (request.route?.path as string | undefined) ?? (response.locals.route as string | undefined);

/**
 * A trace for each API request (see traceIncoming), request metrics, and one access-log line per API request
 * (route pattern, not the URL: no personal data).
 */
function instrumentHttp(server: express.Express, registry: Registry, block: string, logger: Logger) {
  const duration = new Histogram({
    name: 'onedoor_http_request_duration_seconds',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  server.use((request, response, next) => {
    if (OPERATIONS.test(request.url)) return next();
    traceIncoming(request, response, next, () => routeOf(request, response));
  });
  server.use((request, response, next) => {
    const end = duration.startTimer();
    const traceId = activeTraceId();
    response.on('finish', () => {
      const route = routeOf(request, response) ?? 'unmatched';
      // The block is a label of every metric of its registry; the route is the full path pattern.
      const seconds = end({ method: request.method, route, status: String(response.statusCode) });
      if (/\/(health|metrics|docs)\b/.test(route)) return;
      const level = response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info';
      logger[level](
        {
          trace_id: traceId,
          method: request.method,
          route,
          status: response.statusCode,
          durationMs: Math.round(seconds * 1_000),
          caller: (request as express.Request & { user?: { sub?: string } }).user?.sub,
          // The calling system, as GovStack's information mediator names it (INSTANCE/CLASS/MEMBER/SUBSYSTEM).
          imClient: request.get('information-mediator-client')?.slice(0, 200),
        },
        'http request',
      );
    });
    next();
  });
}
