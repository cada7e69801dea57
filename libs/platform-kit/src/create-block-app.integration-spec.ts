import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { createDevelopmentAuthority, TokenVerifier } from '@onedoor/auth';
import { InProcessTransport } from '@onedoor/backbone';
import { createScratchDatabase, type ScratchDatabase } from '@onedoor/persistence';
import { memoryLogger } from '@onedoor/testing';
import type { BlockDefinition } from './block-definition';
import { createBlockApp } from './create-block-app';
import { loadPlatformConfig } from './platform-config';

/** What the block's modules meet when they start: the database, gone for a moment, or a real fault. */
let failures: Error[] = [];
let starts = 0;

@Injectable()
class StartUpWork implements OnModuleInit {
  onModuleInit() {
    starts++;
    const failure = failures.shift();
    if (failure) throw failure;
  }
}

@Module({ providers: [StartUpWork] })
class StartingModule {}

const definition: BlockDefinition = {
  name: 'mediator',
  title: 'Start-up test',
  description: 'A block whose modules meet the database going away while they start',
  module: StartingModule,
  entities: [],
  migrations: [],
  consumes: [],
};

/**
 * The database restarting after a block migrated but while its modules start (the fault test found a workflow
 * replica exiting "not started: Connection terminated unexpectedly" when PostgreSQL restarted just then): the
 * half-built application is closed and built again once the database answers; another failure still ends the start.
 */
describe('createBlockApp while the database goes away during start-up', () => {
  let db: ScratchDatabase;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    db = await createScratchDatabase('onedoor_block_start');
    verifier = new TokenVerifier({ jwks: (await createDevelopmentAuthority()).jwks });
  });
  afterAll(async () => {
    await db?.drop();
  });

  const start = (logger = memoryLogger()) =>
    createBlockApp(definition, {
      config: loadPlatformConfig({ DATABASE_URL: db.url, ONEDOOR_DATA_DIR: 'memory', LOG_LEVEL: 'error' }),
      databaseUrl: db.url,
      transport: new InProcessTransport(),
      logger: logger.logger,
      verifier,
    });

  it('builds the block again once the database answers, and says it waited', async () => {
    failures = [new Error('Connection terminated unexpectedly')];
    starts = 0;
    const logger = memoryLogger();
    const runtime = await start(logger);
    try {
      expect(starts).toBe(2);
      expect(logger.lines.join('')).toContain('database not reachable yet; retrying');
      expect(logger.lines.join('')).toContain('database reached');
    } finally {
      await runtime.close();
    }
  });

  it('ends the start on a failure that waiting cannot mend', async () => {
    failures = [new Error('the certificate key is not a P-256 key')];
    starts = 0;
    await expect(start()).rejects.toThrow('the certificate key is not a P-256 key');
    expect(starts).toBe(1);
  });
});
