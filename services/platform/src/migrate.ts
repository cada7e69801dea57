import './instrument';
import { BLOCKS, type BlockName } from '@onedoor/contracts';
import { blockDataSource, exitOnStartFailure, loadPlatformConfig } from '@onedoor/platform-kit';
import { migrateBlock } from '@onedoor/persistence';
import { createLogger } from '@onedoor/observability';
import { ALL_BLOCKS } from './blocks';

/**
 * `node dist/services/platform/src/migrate.js [block …]`: applies the pending migrations of every block (or those
 * named) to its database and exits; the Kubernetes migration job runs it before a rollout. Blocks also migrate
 * when they start; an advisory lock per schema keeps the two from racing.
 */
async function main() {
  const config = loadPlatformConfig();
  const logger = createLogger({ service: 'migrate', level: config.logLevel, format: config.logFormat });
  const named = process.argv.slice(2);
  const unknown = named.filter((name) => !BLOCKS.includes(name as BlockName));
  if (unknown.length) throw new Error(`no such block: ${unknown.join(', ')} (blocks: ${BLOCKS.join(', ')})`);
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required: migrations run against PostgreSQL');
  for (const definition of ALL_BLOCKS.filter((block) => !named.length || named.includes(block.name))) {
    const url = config.blockDatabaseUrls[definition.name] ?? config.databaseUrl;
    const dataSource = blockDataSource(definition, url, 2);
    try {
      const applied = await migrateBlock(dataSource, definition.name);
      logger.info({ block: definition.name, migrations: applied }, applied.length ? 'migrated' : 'up to date');
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
    }
  }
}

main().catch((error: unknown) => exitOnStartFailure('migrate', error));
