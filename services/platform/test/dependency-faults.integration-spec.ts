import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDevelopmentAuthority } from '@onedoor/auth';
import { ROLES } from '@onedoor/contracts';
import { loadPlatformConfig, startPlatform, type RunningPlatform } from '@onedoor/platform-kit';
import { RegistrationBlock } from '@onedoor/registration';
import { freePort, requireKafkaBrokers, startPostgresCluster, waitFor, type PostgresCluster } from '@onedoor/testing';
import { Client } from 'pg';

const POOL_SIZE = 3;
const POOL_WAIT_SECONDS = 1;

/**
 * A block's dependencies failing under it: every pooled database connection busy, the database server restarted,
 * the document store's volume gone. A request that cannot get what it needs is told so at once, 503 problem+json
 * with Retry-After (a client retries it with its key), never 500, never an answer held for minutes, never half a
 * record; the block serves again as soon as the dependency does.
 */
describe('a block whose database or document store fails answers 503 with Retry-After, then serves again', () => {
  let cluster: PostgresCluster;
  let platform: RunningPlatform;
  let catalogue: string;
  let authority: Awaited<ReturnType<typeof createDevelopmentAuthority>>;
  const scratch = mkdtempSync(path.join(tmpdir(), 'onedoor-dependency-faults-'));
  const documents = path.join(scratch, 'documents');
  const storageDirBefore = process.env.REGISTRATION_STORAGE_DIR;

  beforeAll(async () => {
    cluster = await startPostgresCluster(await freePort());
    authority = await createDevelopmentAuthority();
    // The block's documents on a volume of the test's own, which it breaks and mends.
    process.env.REGISTRATION_STORAGE_DIR = documents;
    platform = await startPlatform(
      [RegistrationBlock],
      loadPlatformConfig({
        KAFKA_BROKERS: requireKafkaBrokers().join(','),
        DATABASE_URL: cluster.url,
        DATABASE_POOL_SIZE: String(POOL_SIZE),
        DATABASE_POOL_WAIT_SECONDS: String(POOL_WAIT_SECONDS),
        AUTH_JWKS: JSON.stringify(authority.jwks),
        REGISTRATION_PORT: '0',
        LOG_LEVEL: 'error',
        ONEDOOR_DATA_DIR: 'memory',
      }),
    );
    catalogue = `${platform.urls.registration}/services`;
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
    cluster?.destroy();
    rmSync(scratch, { recursive: true, force: true });
    if (storageDirBefore === undefined) delete process.env.REGISTRATION_STORAGE_DIR;
    else process.env.REGISTRATION_STORAGE_DIR = storageDirBefore;
  });

  /** A request, and what its client sees of the answer. */
  const request = async (url: string, init: RequestInit = {}) => {
    const started = Date.now();
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    const text = await response.text();
    return {
      status: response.status,
      ms: Date.now() - started,
      type: response.headers.get('content-type') ?? '',
      retryAfter: response.headers.get('retry-after'),
      body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };
  const ask = () => request(catalogue);

  const expectUnavailable = (answer: Awaited<ReturnType<typeof ask>>) => {
    expect(answer).toMatchObject({
      status: 503,
      retryAfter: '5',
      body: { status: 503, code: 'PLATFORM.DATABASE_UNAVAILABLE' },
    });
    expect(answer.type).toContain('application/problem+json');
  };

  it('every connection busy: the next request waits DATABASE_POOL_WAIT_SECONDS, is answered 503, and the busy ones finish', async () => {
    expect((await ask()).status).toBe(200);
    // Another session holds the catalogue's table: every read of it waits, holding its pooled connection.
    const holder = new Client({ connectionString: cluster.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE registration.services IN ACCESS EXCLUSIVE MODE');
    let busy: Promise<Awaited<ReturnType<typeof ask>>>[] = [];
    try {
      busy = Array.from({ length: POOL_SIZE }, () => ask());
      await waitFor('the pool busy with reads waiting for the lock', async () => {
        const { rows } = await holder.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'onedoor-registration'
              AND wait_event_type = 'Lock'`,
        );
        return rows[0].n >= 1 ? true : undefined;
      });
      // However many the block's own loops hold, one more read cannot have a connection within the wait.
      const extra = await Promise.all(Array.from({ length: POOL_SIZE }, () => ask()));
      const refused = extra.filter((a) => a.status === 503);
      expect(refused.length).toBeGreaterThan(0);
      for (const answer of refused) {
        expectUnavailable(answer);
        expect(answer.ms).toBeGreaterThanOrEqual(POOL_WAIT_SECONDS * 1_000 - 50);
        expect(answer.ms).toBeLessThan(POOL_WAIT_SECONDS * 1_000 + 5_000);
      }
      expect(extra.filter((a) => ![200, 503].includes(a.status))).toEqual([]);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    // The reads that held the connections finish once the lock goes; those that waited too long were told 503.
    const finished = await Promise.all(busy);
    expect(finished.map((a) => a.status).filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(finished.some((a) => a.status === 200)).toBe(true);
    expect((await ask()).status).toBe(200);
  }, 60_000);

  it('the server restarted: requests meanwhile are answered 503 (never 500), and the block serves again after', async () => {
    expect((await ask()).status).toBe(200);
    cluster.stop();
    try {
      const during = await Promise.all([ask(), ask(), ask()]);
      for (const answer of during) expectUnavailable(answer);
    } finally {
      cluster.start();
    }
    // The pool replaces its broken connections on the next requests.
    const back = await waitFor(
      'the block to serve again',
      async () => {
        const answer = await ask();
        if (answer.status !== 200 && answer.status !== 503) throw new Error(`answered ${answer.status}`);
        return answer.status === 200 ? answer : undefined;
      },
      30_000,
    );
    expect(back.status).toBe(200);
  }, 60_000);

  it('the document store gone: an upload is answered 503 and recorded nowhere; once it is back, kept', async () => {
    const citizen = await authority.sign({ sub: 'citizen-storage', roles: [ROLES.citizen] });
    const upload = async () => {
      const form = new FormData();
      form.append('file', new Blob([Buffer.from(`%PDF-1.7\n${Date.now()}\n%%EOF\n`)]), 'receipt.pdf');
      return request(`${platform.urls.registration}/govstack/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${citizen}` },
        body: form,
      });
    };
    const uploads = async () => {
      const db = new Client({ connectionString: cluster.url });
      await db.connect();
      try {
        return (await db.query('SELECT count(*)::int AS n FROM registration.uploads')).rows[0].n as number;
      } finally {
        await db.end();
      }
    };
    // The volume not mounted: where its directory should be, something else.
    rmSync(documents, { recursive: true, force: true });
    writeFileSync(documents, '');
    const before = await uploads();
    const refused = await upload();
    // GovStack's error shape ({traceId, code, message}), with the same code and Retry-After.
    expect(refused).toMatchObject({ status: 503, retryAfter: '5', body: { code: 'PLATFORM.STORAGE_UNAVAILABLE' } });
    expect(refused.body.message).toMatch(/document store/);
    expect(await uploads()).toBe(before);
    // Mounted again.
    rmSync(documents);
    mkdirSync(documents);
    const kept = await upload();
    expect(kept.status).toBe(200); // GovStack: the upload answers 200 with the document's id
    expect(await uploads()).toBe(before + 1);
  });
});
