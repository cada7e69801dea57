import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, type QueryRunner, type ReplicationMode } from 'typeorm';
import { withinCommitScope, type CommitScope } from '@onedoor/application';

const current = new AsyncLocalStorage<UnitOfWork>();

/** How many transactions are open on a runner (TypeORM counts them: the first, then savepoints). */
const depth = (runner: QueryRunner): number => (runner as unknown as { transactionDepth: number }).transactionDepth;

/**
 * One request's database work as a single transaction, so that what the request changed and what it answered
 * are committed together or not at all (the `Idempotency-Key` interceptor's guarantee after a crash).
 *
 * While `run`'s callback and everything it awaits is executing, every statement the request sends through its
 * block's data source (repositories, `transaction()`, `query()`, preparedQuery) goes over one connection, taken
 * when first needed. The first `transaction()` is the unit's own transaction and each later one a savepoint
 * inside it, so a handler's failed transaction is undone alone, as it would be on its own, while its committed
 * ones wait for `finish`. Statements outside any `transaction()` once the unit has begun run under a
 * savepoint of their own, so a failed one (a caught unique violation, say) does not abort the unit. `finish`
 * runs the unit's last statement, commits, releases the connection and runs what waited for the commit
 * (`afterCommit`). A process that dies before `finish` commits nothing: PostgreSQL rolls the transaction back
 * when its connection goes.
 */
export class UnitOfWork implements CommitScope {
  private real?: QueryRunner;
  private proxy?: QueryRunner;
  private begun = false;
  private finished = false;
  private readonly committed: (() => void)[] = [];
  private statements: Promise<unknown> = Promise.resolve();

  constructor(readonly dataSource: UnitOfWorkDataSource) {}

  /** Runs `work` with this unit as the current one (for the data source it was made for). */
  run<T>(work: () => T): T {
    return current.run(this, () => withinCommitScope(this, work));
  }

  /** Whether the unit has begun its transaction (some `transaction()` ran inside it). */
  get inTransaction(): boolean {
    return this.begun;
  }

  /** The request's runner: the one connection, whose release waits for `finish`. */
  runner(): QueryRunner {
    if (this.proxy) return this.proxy;
    const real = (this.real = this.dataSource.newQueryRunner());
    const guarded = <T>(statement: () => Promise<T>) => this.guarded(statement);
    const began = (begun: boolean) => (this.begun = begun);
    this.proxy = new Proxy(real, {
      get(target, property) {
        switch (property) {
          case 'release':
            return async () => undefined;
          // The first transaction() begins the unit's transaction itself (no savepoint for it: nothing of the
          // unit came before); its commit waits for finish, its rollback ends the unit's transaction, and the
          // next transaction() begins it again. Later ones are savepoints inside it.
          case 'startTransaction':
            return async (isolation?: Parameters<QueryRunner['startTransaction']>[0]) => {
              await target.startTransaction(isolation);
              began(true);
            };
          case 'commitTransaction':
            return async () => {
              if (depth(target) > 1) await target.commitTransaction();
            };
          case 'rollbackTransaction':
            return async () => {
              await target.rollbackTransaction();
              if (depth(target) === 0) began(false);
            };
          case 'query':
            return (...args: Parameters<QueryRunner['query']>) => guarded(() => target.query(...args));
          default: {
            const value = Reflect.get(target, property, target);
            return typeof value === 'function' ? value.bind(target) : value;
          }
        }
      },
    });
    return this.proxy;
  }

  /** Whether statements should go over this unit's connection: while it runs and has not finished. */
  serves(dataSource: DataSource): boolean {
    return !this.finished && dataSource === this.dataSource;
  }

  /**
   * A statement outside any `transaction()` once the unit has begun runs under its own savepoint, so its
   * failure leaves the unit usable (as it would have left the database on its own).
   */
  guarded<T>(statement: () => Promise<T>): Promise<T> {
    if (!this.begun || depth(this.real!) !== 1) return statement();
    // One at a time: two statements sent together (Promise.all) must not share a savepoint.
    const turn = this.statements.then(async () => {
      await this.real!.query('SAVEPOINT onedoor_statement');
      try {
        const result = await statement();
        await this.real!.query('RELEASE SAVEPOINT onedoor_statement');
        return result;
      } catch (error) {
        await this.real!.query('ROLLBACK TO SAVEPOINT onedoor_statement');
        throw error;
      }
    });
    this.statements = turn.catch(() => undefined);
    return turn;
  }

  /** Runs `effect` once the unit has committed (at once when it has not begun a transaction: nothing waits). */
  afterCommit(effect: () => void): void {
    if (this.begun && !this.finished) this.committed.push(effect);
    else effect();
  }

  /**
   * Ends the unit: `last` runs over its connection (inside its transaction when it has begun one), then the
   * transaction commits; when `last` throws, nothing of the unit is kept. Releases the connection either way.
   */
  async finish<T>(last: (query: (text: string, values: unknown[]) => Promise<unknown[]>) => Promise<T>): Promise<T> {
    if (this.finished) throw new Error('this unit of work has already finished');
    this.finished = true;
    const real = this.real ?? this.dataSource.newQueryRunner();
    try {
      const query = (text: string, values: unknown[]) => real.query(text, values) as Promise<unknown[]>;
      if (!this.begun) return await last(query);
      try {
        // A handler that left a transaction of its own open (it threw past its end) is undone to the unit.
        while (depth(real) > 1) await real.rollbackTransaction();
        const result = await last(query);
        await real.commitTransaction();
        for (const effect of this.committed) effect();
        return result;
      } catch (error) {
        await real.rollbackTransaction().catch(() => undefined);
        throw error;
      }
    } finally {
      await real.release();
    }
  }

  /** The unit the calling code runs in, if any. */
  static current(): UnitOfWork | undefined {
    return current.getStore();
  }
}

/**
 * A block's data source: inside a UnitOfWork made for it, every query runner it hands out is the unit's one
 * connection (see UnitOfWork); elsewhere, TypeORM's own.
 */
export class UnitOfWorkDataSource extends DataSource {
  override createQueryRunner(mode: ReplicationMode = 'master'): QueryRunner {
    const unit = current.getStore();
    return unit?.serves(this) ? unit.runner() : super.createQueryRunner(mode);
  }

  /** A query runner of its own, outside any unit of work. */
  newQueryRunner(): QueryRunner {
    return super.createQueryRunner('master');
  }
}
