import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/** A PostgreSQL server of a test's own (initdb, pg_ctl), to restart or stop without touching the machine's. */
export interface PostgresCluster {
  /** postgres://… of its database `onedoor`. */
  readonly url: string;
  readonly port: number;
  stop(): void;
  start(): void;
  /** Stops it at once (connections dropped, as in a crash of the server's host) and starts it again. */
  restart(): void;
  /** Stops it and deletes its files. */
  destroy(): void;
}

/**
 * Creates and starts a PostgreSQL cluster in a temporary directory on `port` (loopback, trust authentication).
 * PostgreSQL refuses to run as root: as root, its files belong to the `postgres` user and its commands run as
 * that user (runuser).
 */
export async function startPostgresCluster(port: number): Promise<PostgresCluster> {
  const root = mkdtempSync(path.join(tmpdir(), 'onedoor-pg-'));
  const data = path.join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
  }
  const run = (command: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : command, asRoot ? ['-u', 'postgres', '--', command, ...args] : args, {
      stdio: 'pipe',
      timeout: 60_000,
    });
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(root, 'log'), '-w', 'start']);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  start();
  const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE onedoor');
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/onedoor`,
    port,
    stop,
    start,
    restart() {
      stop();
      start();
    },
    destroy() {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
