import { EventPublisher, type EventBackbone } from '@onedoor/backbone';
import {
  createBlockDataSource,
  createPlatformTablesMigration,
  createScratchDatabase,
  migrateBlock,
  UnitOfWork,
  type EntityManager,
} from '@onedoor/persistence';

/**
 * A block's use cases against a real PostgreSQL database of their own, without HTTP or Kafka: a scratch
 * database migrated as the platform migrates the block (its own tables, outbox, inbox, idempotency keys). Events
 * stay in the outbox, where a test reads them.
 */
export async function useCaseDatabase(
  block: string,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  parts: { entities: Function[]; migrations: Function[] },
) {
  const db = await createScratchDatabase(`${block}_uc`);
  const dataSource = createBlockDataSource({
    url: db.url,
    schema: block,
    entities: parts.entities,
    migrations: [createPlatformTablesMigration(block), ...parts.migrations],
    poolSize: 4,
  });
  await migrateBlock(dataSource, block);
  return {
    db,
    dataSource,
    /** The block's publisher, writing to its outbox (no relay runs: the events stay there). */
    backbone: { publisher: new EventPublisher(block, `/onedoor/${block}`) } as EventBackbone,
    idempotencyStore: {
      schema: block,
      run: (text: string, values: unknown[]) => dataSource.query(text, values),
      unitOfWork: () => new UnitOfWork(dataSource),
    },
    /** The event types in the outbox, oldest first. */
    async outbox(): Promise<string[]> {
      const rows: { event_type: string }[] = await dataSource.query(
        `SELECT event_type FROM "${block}".outbox ORDER BY seq`,
      );
      return rows.map((r) => r.event_type);
    },
    /** Runs `work` in a transaction of its own, as the event consumer runs a handler in its transaction. */
    inTransaction: <T>(work: (tx: EntityManager) => Promise<T>) => dataSource.transaction((manager) => work(manager)),
    sql: <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
      dataSource.query(text, params) as Promise<T[]>,
    async close() {
      await dataSource.destroy();
      await db.drop();
    },
  };
}

export type UseCaseDatabase = Awaited<ReturnType<typeof useCaseDatabase>>;

/**
 * A test file's scratch database, opened before its tests and closed after them, with what `make` builds on it
 * (handlers, fixtures): `bed.uc`, `bed.<what make returned>`, ready inside each test.
 */
export function testBed<U extends { close(): Promise<void> }, T extends object>(
  open: () => Promise<U>,
  make: (uc: U) => Promise<T> | T,
): { uc: U } & T {
  const bed = {} as { uc: U } & T;
  beforeAll(async () => {
    const uc = await open();
    Object.assign(bed, { uc }, await make(uc));
  });
  afterAll(() => bed.uc?.close());
  return bed;
}

/** Expects `work` to fail with this error code (a block's refusal); returns the error for more checks. */
export async function refusal(work: Promise<unknown>, code: string): Promise<{ code: string; errors?: unknown[] }> {
  const error = (await work.then(
    () => undefined,
    (e: unknown) => e,
  )) as { code?: string; errors?: unknown[] } | undefined;
  expect(error?.code).toBe(code);
  return error as { code: string; errors?: unknown[] };
}
