import { Column, Entity, PrimaryColumn } from 'typeorm';
import { createBlockDataSource, createPlatformTablesMigration, migrateBlock } from '@onedoor/persistence';
import { blockDataSource } from '@onedoor/platform-kit';
import { createScratchDatabase, type ScratchDatabase } from '@onedoor/testing';
import { ALL_BLOCKS } from './blocks';

@Entity({ name: 'unmigrated' })
class Unmigrated {
  @PrimaryColumn('uuid') id: string;
  @Column('text') note: string;
}

/** Every block's committed migrations build exactly the schema its entities describe: no migration is missing. */
describe('database migrations', () => {
  let db: ScratchDatabase;
  beforeAll(async () => {
    db = await createScratchDatabase('onedoor_migrations');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('lets replicas and the migration job start together: each migration applied once, none of them fails', async () => {
    // A database of its own: the block's migrations name their schema, and the tests below migrate it afresh.
    const race = await createScratchDatabase('onedoor_migration_race');
    const workflow = ALL_BLOCKS.find((block) => block.name === 'workflow')!;
    const replicas = [1, 2, 3, 4].map(() => blockDataSource(workflow, race.url, 2));
    try {
      const results = await Promise.all(replicas.map((replica) => migrateBlock(replica, 'workflow')));
      const applied = results.flat();
      expect(applied.filter((name) => name === 'PlatformTables1763700000000')).toHaveLength(1);
      expect(new Set(applied).size).toBe(applied.length);
      expect(applied.length).toBe(1 + workflow.migrations.length);
      const [{ count }] = await race.query<{ count: number }>('SELECT count(*)::int AS count FROM workflow.migrations');
      expect(count).toBe(applied.length);
    } finally {
      await Promise.all(replicas.filter((r) => r.isInitialized).map((r) => r.destroy()));
      await race.drop();
    }
  });

  it.each(ALL_BLOCKS.map((block) => [block.name, block]))(
    '%s: migrations match its entities, and run twice harmlessly',
    async (_name, block) => {
      const dataSource = blockDataSource(block, db.url);
      try {
        const applied = await migrateBlock(dataSource, block.name);
        expect(applied[0]).toBe('PlatformTables1763700000000');
        expect(await migrateBlock(dataSource, block.name)).toEqual([]);
        const pending = await dataSource.driver.createSchemaBuilder().log();
        expect(pending.upQueries.map((q) => q.query)).toEqual([]);
        const tables = await dataSource.query(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
          [block.name],
        );
        expect(tables.map((t: { table_name: string }) => t.table_name)).toEqual(
          expect.arrayContaining(['idempotency_keys', 'inbox', 'migrations', 'outbox', 'probe_receipts']),
        );
      } finally {
        await dataSource.destroy();
      }
    },
  );

  it('notices an entity that has no migration', async () => {
    const dataSource = createBlockDataSource({
      url: db.url,
      schema: 'drift_check',
      entities: [Unmigrated],
      migrations: [createPlatformTablesMigration('drift_check')],
    });
    try {
      await migrateBlock(dataSource, 'drift_check');
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query).join('\n')).toContain('CREATE TABLE "drift_check"."unmigrated"');
    } finally {
      await dataSource.destroy();
    }
  });
});
