import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Where tests and the platform find PostgreSQL when DATABASE_URL is not set: the local server. */
export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  url: string;
  name: string;
  /** One statement on its own connection, for a test's checks of what a block wrote: the rows. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Creates a database of its own for one test suite or benchmark on the real server, and drops it afterwards.
 * Fails with a clear message when no PostgreSQL server answers: a test never skips itself.
 */
export async function createScratchDatabase(prefix = 'onedoor_test', adminUrl?: string): Promise<ScratchDatabase> {
  const admin = adminUrl ?? process.env.ONEDOOR_ADMIN_DATABASE_URL ?? process.env.DATABASE_URL ?? LOCAL_POSTGRES_URL;
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const client = new Client({ connectionString: admin });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is required and did not answer at ${admin.replace(/:[^:@/]+@/, ':***@')}: ${(error as Error).message}. ` +
        'Start the local server or set DATABASE_URL.',
    );
  }
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = withDatabase(admin, name);
  return {
    name,
    url,
    async query<T>(text: string, params: unknown[] = []) {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query(text, params)).rows as T[];
      } finally {
        await c.end();
      }
    },
    async drop() {
      const c = new Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
