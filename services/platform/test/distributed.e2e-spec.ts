import { BLOCKS, deadLetterTopic } from '@onedoor/contracts';
import {
  createScratchDatabase,
  localKafkaBroker,
  requireKafkaBrokers,
  startProcess,
  waitFor,
  type RunningProcess,
  type ScratchDatabase,
} from '@onedoor/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { TRACE_ID, api, distributedAddresses, expectOperationalSurface, probeEveryBlock } from './helpers';

const OPERATOR_SECRET = 'e2e-operator-secret-0123456789abcdefghij';

/** Distributed mode: each block its own process and port, on the real Kafka broker and PostgreSQL. */
describe('distributed mode: five processes, Kafka, PostgreSQL', () => {
  const brokers = requireKafkaBrokers();
  let db: ScratchDatabase;
  let env: Record<string, string>;
  let operator: string;
  let noRoles: string;
  const processes: Record<string, RunningProcess> = {};
  const urls: Record<string, string> = {};

  async function startBlock(block: string) {
    processes[block] = await startProcess(`dist/services/${block}/src/main.js`, env, `${urls[block]}/health/ready`);
  }

  beforeAll(async () => {
    db = await createScratchDatabase('onedoor_e2e');
    env = {
      KAFKA_BROKERS: brokers.join(','),
      DATABASE_URL: db.url,
      CONSUMER_INITIAL_BACKOFF_MS: '50',
      IDENTITY_OPERATOR_CLIENT_ID: 'e2e-operator',
      IDENTITY_OPERATOR_CLIENT_SECRET: OPERATOR_SECRET,
    };
    Object.assign(urls, await distributedAddresses(env));
    await Promise.all(BLOCKS.map((block) => startBlock(block)));
    operator = await clientCredentials('e2e-operator', OPERATOR_SECRET);
    const registered = await api(`${urls.identity}/client-mgmt/oidc-client`, {
      method: 'POST',
      token: operator,
      body: {
        request: {
          clientId: 'e2e-no-roles',
          clientName: 'A client without roles',
          redirectUris: [],
          grantTypes: ['client_credentials'],
          clientAuthMethods: ['client_secret_basic'],
        },
      },
    });
    expect(registered.status).toBe(201);
    noRoles = await clientCredentials(
      'e2e-no-roles',
      (registered.json.response as { clientSecret: string }).clientSecret,
    );
  });

  async function clientCredentials(id: string, secret: string): Promise<string> {
    const response = await fetch(`${urls.identity}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  afterAll(async () => {
    await Promise.all(Object.values(processes).map((p) => p.kill()));
    await db?.drop();
  });

  it('serves health, readiness, metrics and OpenAPI 3.1 for every block on its own port', async () => {
    await expectOperationalSurface(urls);
  });

  it('carries one trace from an HTTP request through the outbox and Kafka into every block', async () => {
    const { receipts } = await probeEveryBlock(urls, 'registration', operator);
    for (const block of BLOCKS) {
      expect(receipts[block].origin).toBe('registration');
      expect(receipts[block].traceId).toBe(TRACE_ID);
    }
  });

  it('checks who is calling and answers bad input with problem+json', async () => {
    const anonymous = await api(`${urls.workflow}/diagnostics/probes`, { method: 'POST', body: {} });
    expect(anonymous.status).toBe(401);
    expect(anonymous.contentType).toContain('application/problem+json');
    const forbidden = await api(`${urls.workflow}/diagnostics/probes`, { method: 'POST', body: {}, token: noRoles });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.code).toBe('PLATFORM.FORBIDDEN');
    const forged = await api(`${urls.workflow}/diagnostics/probes`, {
      method: 'POST',
      body: {},
      token: `${operator.slice(0, -4)}AAAA`,
    });
    expect(forged.status).toBe(401);
    const malformed = await api(`${urls.identity}/diagnostics/probes`, {
      method: 'POST',
      body: '{"note": ',
      token: operator,
    });
    expect(malformed.status).toBe(400);
    expect(malformed.contentType).toContain('application/problem+json');
    const invalid = await api(`${urls.identity}/diagnostics/probes`, {
      method: 'POST',
      body: { note: 'x'.repeat(201), extra: 1 },
      token: operator,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.code).toBe('PLATFORM.VALIDATION_FAILED');
    expect((invalid.json.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['extra', 'note']);
    const oversize = await api(`${urls.identity}/diagnostics/probes`, {
      method: 'POST',
      body: { note: 'x'.repeat(2_000_000) },
      token: operator,
    });
    expect(oversize.status).toBe(413);
    const notUuid = await api(`${urls.identity}/diagnostics/probes/12345`, { token: operator });
    expect(notUuid.status).toBe(400);
    const unknown = await api(`${urls.identity}/no-such-thing`, { token: operator });
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toContain('application/problem+json');
  });

  it('replays a POST with the same Idempotency-Key instead of running it twice', async () => {
    const headers = { 'idempotency-key': `probe-${Date.now()}` };
    const first = await api(`${urls.messaging}/diagnostics/probes`, {
      method: 'POST',
      token: operator,
      body: { note: 'once' },
      headers,
    });
    const again = await api(`${urls.messaging}/diagnostics/probes`, {
      method: 'POST',
      token: operator,
      body: { note: 'once' },
      headers,
    });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.json.probeId).toBe(first.json.probeId);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const reused = await api(`${urls.messaging}/diagnostics/probes`, {
      method: 'POST',
      token: operator,
      body: { note: 'other' },
      headers,
    });
    expect(reused.status).toBe(422);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM messaging.outbox WHERE payload->>'note' = 'once'`,
    );
    expect(rows[0].n).toBe(1);

    // After 24 hours the key is free again: the next request with it runs.
    await client.query(
      `UPDATE messaging.idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1`,
      [headers['idempotency-key']],
    );
    await client.end();
    const later = await api(`${urls.messaging}/diagnostics/probes`, {
      method: 'POST',
      token: operator,
      body: { note: 'other' },
      headers,
    });
    expect(later.status).toBe(202);
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect(later.json.probeId).not.toBe(first.json.probeId);

    const invalid = await api(`${urls.messaging}/diagnostics/probes`, {
      method: 'POST',
      token: operator,
      body: {},
      headers: { 'idempotency-key': 'x'.repeat(201) },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.code).toBe('PLATFORM.IDEMPOTENCY_KEY_INVALID');
  });

  it('answers every Idempotency-Key retried after a block is killed in a burst: the first answer or one fresh run, never two', async () => {
    const run = Date.now().toString(36);
    const count = 200;
    const answers = new Map<number, string>();
    const send = async (i: number) => {
      try {
        const r = await api(`${urls.workflow}/diagnostics/probes`, {
          method: 'POST',
          token: operator,
          body: { note: `burst-${run}-${i}` },
          headers: { 'idempotency-key': `burst-${run}-${i}` },
        });
        if (r.status === 202) answers.set(i, r.json.probeId as string);
        return r.status;
      } catch {
        return 0; // the connection went with the process
      }
    };
    // 20 requests at a time; the block is killed once a quarter of them have answered.
    let next = 0;
    const burst = Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < count) await send(next++);
      }),
    );
    await waitFor('a quarter of the burst to be answered', async () => answers.size >= count / 4);
    await processes.workflow.kill();
    await burst;
    // Restarted at once: it serves its API while its consumer waits for the group to drop the killed member
    // (up to the session timeout), and is ready once it has joined.
    const spawned = Date.now();
    processes.workflow = await startProcess('dist/services/workflow/src/main.js', env, `${urls.workflow}/health/live`);
    await waitFor('the API to answer', async () => (await api(`${urls.workflow}/openapi.json`)).status === 200);
    const servingSeconds = (Date.now() - spawned) / 1000;
    expect(servingSeconds).toBeLessThan(15);
    const restarted = Date.now();

    // Every client retries with its key until it gets its answer.
    const statuses = new Map<number, number[]>();
    await waitFor(
      'every request of the burst to be answered after the restart',
      async () => {
        for (let i = 0; i < count; i++) {
          if (answers.has(i)) continue;
          const status = await send(i);
          statuses.set(i, [...(statuses.get(i) ?? []), status]);
        }
        return answers.size === count;
      },
      60_000,
    );
    const settledSeconds = (Date.now() - restarted) / 1000;
    await waitFor(
      'the workflow block to be ready',
      async () => (await api(`${urls.workflow}/health/ready`)).status === 200,
      60_000,
    );
    process.stdout.write(
      `killed in a burst: API served ${servingSeconds.toFixed(1)} s after the restart, ready after ` +
        `${((Date.now() - spawned) / 1000).toFixed(1)} s; every key answered ${settledSeconds.toFixed(1)} s after serving\n`,
    );
    // A retry waits at most for the dead request's claim to lapse (10 s), not for hours.
    expect(settledSeconds).toBeLessThan(30);
    // Nothing but "in progress" while a dead request's claim lapses; no 5xx.
    expect([...statuses.values()].flat().filter((s) => s !== 202 && s !== 409)).toEqual([]);

    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT payload->>'note' AS note, payload->>'probeId' AS probe FROM workflow.outbox
          WHERE payload->>'note' LIKE $1`,
        [`burst-${run}-%`],
      );
      // One probe per key, and it is the one its client was told of.
      expect(rows).toHaveLength(count);
      const byNote = new Map(rows.map((r: { note: string; probe: string }) => [r.note, r.probe]));
      for (let i = 0; i < count; i++) expect(byNote.get(`burst-${run}-${i}`)).toBe(answers.get(i));
      const { rows: open } = await client.query(
        `SELECT count(*)::int AS n FROM workflow.idempotency_keys WHERE key LIKE $1 AND status_code IS NULL`,
        [`burst-${run}-%`],
      );
      expect(open[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });

  it('loses and duplicates nothing when a consuming block is killed in the middle of its work', async () => {
    const count = 200;
    const sent: string[] = [];
    const sending = (async () => {
      for (let i = 0; i < count; i++) {
        const r = await api(`${urls.identity}/diagnostics/probes`, {
          method: 'POST',
          token: operator,
          body: { note: `kill-${i}` },
        });
        sent.push(r.json.probeId as string);
      }
    })();
    // Kill the feedback block (SIGKILL: no shutdown, no offset commit) while events are flowing, then restart it.
    await waitFor('feedback to start receiving', async () => {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM feedback.probe_receipts WHERE origin = 'identity'`,
      );
      await client.end();
      return rows[0].n >= 20;
    });
    await processes.feedback.kill();
    await sending;
    await startBlock('feedback');

    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      await waitFor(
        `feedback to receive all ${count} probes`,
        async () => {
          const { rows } = await client.query(
            `SELECT count(*)::int AS n FROM feedback.probe_receipts WHERE probe_id = ANY($1::uuid[])`,
            [sent],
          );
          return rows[0].n === count;
        },
        60_000,
      );
      const { rows } = await client.query(
        `SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM feedback.inbox WHERE consumer_group = 'onedoor.feedback'`,
      );
      expect(rows[0].n).toBe(rows[0].d);
    } finally {
      await client.end();
    }
    // Nothing failed on the way: a duplicate effect would have violated the receipts' primary key and been dead-lettered.
    const metrics = await api(`${urls.feedback}/metrics`);
    expect(metrics.text).not.toMatch(/onedoor_events_consumed_total\{[^}]*outcome="dead-lettered"[^}]*\} [1-9]/);
    const kafka = new Kafka({ brokers, clientId: 'e2e-dlq-check', logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(deadLetterTopic('onedoor.feedback'));
    await admin.disconnect();
    expect(offsets.every((o) => o.high === o.low)).toBe(true);
  });

  it('keeps taking requests while Kafka is down, and every block gets every event once it is back', async () => {
    const broker = localKafkaBroker();
    await broker.stop();
    const sent: string[] = [];
    try {
      for (let i = 0; i < 20; i++) {
        const r = await api(`${urls.registration}/diagnostics/probes`, {
          method: 'POST',
          token: operator,
          body: { note: `outage-${i}` },
        });
        expect(r.status).toBe(202);
        sent.push(r.json.probeId as string);
      }
      // Still ready, so a load balancer keeps the API: the outbox absorbs the outage; the broker shows as down.
      const ready = await api(`${urls.registration}/health/ready`);
      expect(ready.status).toBe(200);
      expect(ready.json).toMatchObject({ status: 'degraded', checks: { database: 'up', broker: 'down' } });
    } finally {
      await broker.start();
    }
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      await waitFor(
        'every block to receive the 20 probes sent during the outage',
        async () => {
          const counts: string[] = [];
          for (const block of BLOCKS) {
            const { rows } = await client.query(
              `SELECT count(*)::int AS n FROM ${block}.probe_receipts WHERE probe_id = ANY($1::uuid[])`,
              [sent],
            );
            counts.push(`${block} ${rows[0].n}`);
          }
          // A failed check says how far each block got, which the timeout then reports.
          if (counts.some((c) => !c.endsWith(` ${sent.length}`)))
            throw new Error(`received so far: ${counts.join(', ')}`);
          return true;
        },
        // Usually 15 to 45 s: consumers rejoin their groups as partition leaders come back. A consumer of many
        // partitions has been seen to take longer than two minutes.
        240_000,
      );
    } finally {
      await client.end();
    }
    await waitFor(
      'registration to be ready again',
      async () => (await api(`${urls.registration}/health/ready`)).status === 200,
    );
  }, 330_000);

  it('shuts down gracefully on SIGTERM', async () => {
    const codes = await Promise.all(BLOCKS.map((block) => processes[block].stop()));
    expect(codes).toEqual(BLOCKS.map(() => 0));
  });
});
