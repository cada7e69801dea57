import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PGlite, type Extension } from '@electric-sql/pglite';
import { PGliteWireServer } from './pglite-wire-server';

export interface EmbeddedDatabase {
  url: string;
  close(): Promise<void>;
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served over the PostgreSQL wire protocol on 127.0.0.1, so the
 * blocks use the same driver, TypeORM and migrations as against a real server (see PGliteWireServer). For development and demonstrations, not production (docs/adr/0004).
 */
/** PGlite's pg_trgm and btree_gin (subpath exports this project's module resolution does not read: loaded by require). */
const { pg_trgm } = createRequire(__filename)('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };
const { btree_gin } = createRequire(__filename)('@electric-sql/pglite/contrib/btree_gin') as { btree_gin: Extension };

export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  let location: string | undefined;
  if (dataDir !== 'memory') {
    location = path.resolve(dataDir, 'pgdata');
    mkdirSync(location, { recursive: true });
  }
  // pg_trgm and btree_gin: the feedback block's search of published answers (its words and filters in one index).
  const db = await PGlite.create(location, { extensions: { pg_trgm, btree_gin } });
  // A password of this process's own, so only it (and what it hands the URL to) opens the database.
  const password = randomBytes(24).toString('base64url');
  const server = new PGliteWireServer(db, password);
  const port = await server.listen(0);
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async close() {
      await server.close();
      await db.close();
    },
  };
}
