import { Client } from 'pg';
import { createBlockDataSource } from './database-config';
import { preparedQuery } from './prepared-query';
import { createScratchDatabase, type ScratchDatabase } from './test-database';
import { afterCommit } from '@onedoor/application';
import { UnitOfWork, type UnitOfWorkDataSource } from './unit-of-work';

/** A request's unit of work on the real PostgreSQL server: one transaction for all it does, or nothing. */
describe('UnitOfWork', () => {
  let db: ScratchDatabase;
  let dataSource: UnitOfWorkDataSource;
  let outside: Client;

  beforeAll(async () => {
    db = await createScratchDatabase('onedoor_uow');
    dataSource = createBlockDataSource({ url: db.url, schema: 'public', poolSize: 4 });
    await dataSource.initialize();
    await dataSource.query(`CREATE TABLE notes (id text PRIMARY KEY, body text NOT NULL)`);
    outside = new Client({ connectionString: db.url });
    await outside.connect();
  });

  afterAll(async () => {
    await outside?.end();
    await dataSource?.destroy();
    await db?.drop();
  });

  const stored = async (prefix: string) =>
    (await outside.query(`SELECT id FROM notes WHERE id LIKE $1 ORDER BY id`, [`${prefix}%`])).rows.map((r) => r.id);

  it('commits the transactions of a request together with its last statement, and shows them to the request first', async () => {
    const unit = new UnitOfWork(dataSource);
    const woken: string[] = [];
    const seen = await unit.run(async () => {
      await dataSource.transaction((m) => m.query(`INSERT INTO notes VALUES ('a-1', 'one')`));
      await dataSource.transaction((m) => m.query(`INSERT INTO notes VALUES ('a-2', 'two')`));
      afterCommit(() => woken.push(`committed: ${woken.length}`));
      // The request reads its own writes, by any path: the data source, a repository's manager, a prepared statement.
      const plain = await dataSource.query(`SELECT count(*)::int AS n FROM notes WHERE id LIKE 'a-%'`);
      const prepared = await preparedQuery(dataSource, `SELECT count(*)::int AS n FROM notes WHERE id LIKE 'a-%'`);
      return [plain[0].n, prepared[0].n];
    });
    expect(seen).toEqual([2, 2]);
    // Nobody else sees them before the unit finishes, and what waits for the commit has not run.
    expect(await stored('a-')).toEqual([]);
    expect(woken).toEqual([]);
    await unit.finish((query) => query(`INSERT INTO notes VALUES ('a-answer', 'answer')`, []));
    expect(await stored('a-')).toEqual(['a-1', 'a-2', 'a-answer']);
    expect(woken).toEqual(['committed: 0']);
    // Outside a unit, statements and wake-ups are as before: each on its own.
    afterCommit(() => woken.push('at once'));
    expect(woken).toHaveLength(2);
  });

  it('undoes a failed transaction alone, and a failed statement outside one leaves the unit usable', async () => {
    const unit = new UnitOfWork(dataSource);
    await unit.run(async () => {
      await dataSource.transaction((m) => m.query(`INSERT INTO notes VALUES ('b-1', 'kept')`));
      await expect(
        dataSource.transaction(async (m) => {
          await m.query(`INSERT INTO notes VALUES ('b-2', 'undone')`);
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      // A caught unique violation, as a handler that maps it to 409 sees it.
      await expect(dataSource.query(`INSERT INTO notes VALUES ('b-1', 'again')`)).rejects.toThrow(/duplicate key/);
      await expect(preparedQuery(dataSource, `INSERT INTO notes VALUES ('b-1', 'again')`)).rejects.toThrow(
        /duplicate key/,
      );
      await dataSource.query(`INSERT INTO notes VALUES ('b-3', 'kept')`);
    });
    await unit.finish(async () => undefined);
    expect(await stored('b-')).toEqual(['b-1', 'b-3']);

    // The first transaction failing, then another: the second is kept, and the unit ends as usual.
    const second = new UnitOfWork(dataSource);
    await second.run(async () => {
      await expect(
        dataSource.transaction(async (m) => {
          await m.query(`INSERT INTO notes VALUES ('f-1', 'undone')`);
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      await dataSource.transaction((m) => m.query(`INSERT INTO notes VALUES ('f-2', 'kept')`));
    });
    expect(await stored('f-')).toEqual([]);
    await second.finish((query) => query(`INSERT INTO notes VALUES ('f-answer', 'x')`, []));
    expect(await stored('f-')).toEqual(['f-2', 'f-answer']);
  });

  it('keeps nothing when its last statement fails, or when its connection dies before the end', async () => {
    const failing = new UnitOfWork(dataSource);
    await failing.run(() => dataSource.transaction((m) => m.query(`INSERT INTO notes VALUES ('c-1', 'x')`)));
    await expect(
      failing.finish(async () => {
        throw new Error('answer refused');
      }),
    ).rejects.toThrow('answer refused');
    expect(await stored('c-')).toEqual([]);

    // A process killed mid-request: its connection goes, and PostgreSQL rolls the unit back.
    const dying = new UnitOfWork(dataSource);
    const pid = await dying.run(async () => {
      await dataSource.transaction((m) => m.query(`INSERT INTO notes VALUES ('d-1', 'x')`));
      return (await dataSource.query(`SELECT pg_backend_pid() AS pid`))[0].pid as number;
    });
    await outside.query(`SELECT pg_terminate_backend($1)`, [pid]);
    await expect(dying.finish(async () => undefined)).rejects.toThrow();
    expect(await stored('d-')).toEqual([]);
    // The pool goes on serving.
    expect((await dataSource.query(`SELECT 1 AS one`))[0].one).toBe(1);
  });

  it('lets a request that never wrote finish without a transaction, and work begun after it finished go on its own', async () => {
    const unit = new UnitOfWork(dataSource);
    const late: Promise<unknown>[] = [];
    await unit.run(async () => {
      await dataSource.query(`SELECT 1`);
      // Work started by the request that outlives it (a loop woken, a cache filled) must not use its connection.
      late.push(
        new Promise((resolve) => setTimeout(resolve, 50)).then(() =>
          dataSource.transaction((m) => m.query(`INSERT INTO notes VALUES ('e-late', 'x')`)),
        ),
      );
    });
    await unit.finish((query) => query(`INSERT INTO notes VALUES ('e-answer', 'x')`, []));
    expect(unit.inTransaction).toBe(false);
    await Promise.all(late);
    expect(await stored('e-')).toEqual(['e-answer', 'e-late']);
  });
});
