import { databaseUnavailable } from './database-availability';

const pgError = (code: string, message = 'error') => Object.assign(new Error(message), { code });

describe('what makes a starting block wait for its database, and a request meet a 503, rather than fail', () => {
  it('waits while the server is unreachable, restarting, recovering or out of connections', () => {
    for (const error of [
      pgError('ECONNREFUSED'),
      pgError('ENOTFOUND'),
      pgError('08006', 'connection failure'),
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('57P02', 'terminating connection due to crash of another server process'),
      pgError('57P03', 'the database system is starting up'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      pgError('53300', 'sorry, too many clients already'),
      // TypeORM's QueryFailedError keeps the driver's error; a wrapper may keep it as its cause.
      Object.assign(new Error('Query failed'), { driverError: pgError('57P01', 'terminating connection') }),
      new Error('could not open the unit of work', { cause: new Error('Connection terminated unexpectedly') }),
    ]) {
      expect([error.message, databaseUnavailable(error)]).toEqual([error.message, true]);
    }
  });

  it('exits on what waiting cannot mend: a wrong password, no such database, a failed migration', () => {
    for (const error of [
      pgError('28P01', 'password authentication failed for user "onedoor"'),
      pgError('3D000', 'database "onedoor" does not exist'),
      pgError('42P07', 'relation "applications" already exists'),
      new Error('migration failed'),
      pgError('23505', 'duplicate key value violates unique constraint'),
      Object.assign(new Error('Query failed'), { driverError: pgError('42703', 'column "x" does not exist') }),
      undefined,
      'a string',
    ]) {
      expect([String(error), databaseUnavailable(error)]).toEqual([String(error), false]);
    }
  });
});
