import { databaseUnreachable } from './create-block-app';

const pgError = (code: string, message = 'error') => Object.assign(new Error(message), { code });

describe('what makes a starting block wait for its database instead of exiting', () => {
  it('waits while the server is unreachable, restarting or recovering', () => {
    for (const error of [
      pgError('ECONNREFUSED'),
      pgError('ENOTFOUND'),
      pgError('08006', 'connection failure'),
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('57P02', 'terminating connection due to crash of another server process'),
      pgError('57P03', 'the database system is starting up'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
    ]) {
      expect([error.message, databaseUnreachable(error)]).toEqual([error.message, true]);
    }
  });

  it('exits on what waiting cannot mend: a wrong password, no such database, a failed migration', () => {
    for (const error of [
      pgError('28P01', 'password authentication failed for user "onedoor"'),
      pgError('3D000', 'database "onedoor" does not exist'),
      pgError('42P07', 'relation "applications" already exists'),
      new Error('migration failed'),
    ]) {
      expect([error.message, databaseUnreachable(error)]).toEqual([error.message, false]);
    }
  });
});
