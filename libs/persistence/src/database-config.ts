import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { markSharedSession } from './prepared-query';
import { UnitOfWorkDataSource } from './unit-of-work';

export interface BlockDatabaseOptions {
  /** postgres://user@host:port/database */
  url: string;
  /** One PostgreSQL schema per block; its tables, migrations table, outbox and inbox live there. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function | string>;
  /** Connection pool size (default 10). */
  poolSize?: number;
  /** How long a caller waits for a free connection before the pool gives up (default 5 s). */
  poolWaitSeconds?: number;
  applicationName?: string;
  /**
   * The server runs every connection in one database session (the embedded PGlite behind its wire server):
   * then no statement is prepared by name, because a name prepared on one connection would exist on all.
   */
  sharedSession?: boolean;
}

export function createBlockDataSource(options: BlockDatabaseOptions): UnitOfWorkDataSource {
  const config: DataSourceOptions = {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // TypeORM's own logger prints queries with their parameters (personal data) to the console: off. Failed
    // queries surface as errors, which the blocks log as JSON with personal data redacted.
    logging: false,
    applicationName: options.applicationName ?? `onedoor-${options.schema}`,
    // A connection not free within the wait fails the request with "timeout exceeded when trying to connect",
    // which the HTTP layer answers 503 (databaseUnavailable), as it does a database restarting.
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: (options.poolWaitSeconds ?? 5) * 1_000 },
  };
  const dataSource = new UnitOfWorkDataSource(config);
  if (options.sharedSession) markSharedSession(dataSource);
  return dataSource;
}

/**
 * Creates the block's schema if needed and applies its pending migrations, in order, each in a transaction. One
 * process at a time per schema (a session advisory lock): replicas starting together and the migration job of a
 * rolling upgrade wait for each other instead of racing to apply the same migration.
 */
export async function migrateBlock(dataSource: DataSource, schema: string): Promise<string[]> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  const key = `onedoor.migrations.${schema}`;
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
    await lock.release();
  }
}
