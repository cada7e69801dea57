import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { BLOCKS, ROLES } from '@onedoor/contracts';
import type { RunningPlatform } from '@onedoor/platform-kit';
import type { ScratchDatabase } from '@onedoor/testing';
import { startAllBlocks, type AllBlocks } from './all-blocks';
import { fuzzCase, operationsOf, randomSource, type FuzzCase, type Operation } from './openapi-cases';

/**
 * Every operation of the five blocks' OpenAPI documents, called with malformed input as a fuzzer would, by callers
 * of every kind (none, a citizen, an officer, a caller holding every role): no answer is a 5xx, every refusal is
 * problem+json, and a refused request writes nothing (requests go one at a time: when a transaction took an id
 * during a refusal, every table of every block is fingerprinted and compared with before). FUZZ_REQUESTS sets the size: a reduced run in CI, `npm run fuzz` runs 10,000 and prints the
 * counts. FUZZ_SEED replays a run.
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 1_200);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Tables a refused request is meant to write: failed sign-ins and wrong PINs count against the account, the code, the case. */
const WRITTEN_ON_REFUSAL = new Set(['identity.login_throttle', 'identity.otp_challenges', 'feedback.pin_attempts']);
/**
 * Tables only event consumers write (a block's inbox, the probes it received): a change there is an earlier
 * accepted request's event arriving late (a consumer group rebalancing holds events for seconds), never a refusal.
 */
const consumersOnly = (table: string) => /\.(inbox|probe_receipts)$/.test(table);

let blocks: AllBlocks;
let db: ScratchDatabase;
let platform: RunningPlatform;
const tokens: (string | undefined)[] = [undefined];

beforeAll(async () => {
  blocks = await startAllBlocks('onedoor_fuzz');
  ({ db, platform } = blocks);
  tokens.push(
    await blocks.token({ sub: 'fuzz-operator', roles: [ROLES.platformOperator] }),
    await blocks.token({ sub: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b', roles: [ROLES.citizen] }),
    await blocks.token({
      sub: 'fuzz-officer',
      roles: ['registration.officer', 'registration.reviewer'],
      ministry: 'MOIC',
      province: '01',
      unit: 'MOIC-VTE',
    }),
    // Every role and no scope: past every authorisation check, into every handler.
    await blocks.token({ sub: 'fuzz-everything', roles: Object.values(ROLES) }),
  );
}, 120_000);

afterAll(async () => {
  await blocks?.close();
});

/** A fingerprint of every table of every block: its row count and a hash of its rows. */
async function fingerprint(): Promise<Map<string, string>> {
  const tables = await db.query<{ name: string }>(
    `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
      WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1`,
    [BLOCKS],
  );
  const rows = await db.query<{ name: string; print: string }>(
    tables
      .map(
        ({ name }) =>
          `SELECT '${name}' AS name, count(*) || ':' || coalesce(sum(hashtext(t::text)::bigint), 0) AS print FROM ${name} t`,
      )
      .join(' UNION ALL '),
  );
  return new Map(rows.map((r) => [r.name, r.print]));
}

/** The id the next writing transaction will get: unchanged means nothing was written in between. */
async function nextTransactionId(): Promise<string> {
  const [row] = await db.query<{ xmax: string }>(`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax`);
  return row.xmax;
}

/** Waits until nothing changes any more (events of accepted requests being handled, outboxes relayed). */
async function quiet(): Promise<Map<string, string>> {
  // Every outbox published and every event handled (a consumer group rebalancing can hold events for seconds),
  // then the tables unchanged for 200 ms.
  for (let i = 0; i < 100; i++) {
    if ((await Promise.all(platform.runtimes.map((r) => r.backbone.settled()))).every(Boolean)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  let last = await fingerprint();
  for (let i = 0; i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = await fingerprint();
    if ([...now].every(([name, print]) => last.get(name) === print)) return now;
    last = now;
  }
  return last;
}

interface Outcome {
  request: FuzzCase;
  status: number;
  contentType: string;
  /** A successful JSON answer's body, to check against the documented schema. */
  body?: unknown;
  error?: string;
}

async function send(request: FuzzCase, token: string | undefined): Promise<Outcome> {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: { ...request.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: request.body,
      signal: AbortSignal.timeout(15_000),
    });
    const contentType = response.headers.get('content-type') ?? '';
    const text = await response.text();
    const body = response.ok && contentType.includes('application/json') ? (JSON.parse(text) as unknown) : undefined;
    return { request, status: response.status, contentType, body };
  } catch (error) {
    return { request, status: 0, contentType: '', error: (error as Error).message };
  }
}

const describeRequest = ({ request, status, error }: Outcome) =>
  `${status}${error ? ` (${error})` : ''} ${request.method} ${request.url.slice(0, 200)} [${request.kind}] ${
    request.body?.slice(0, 200) ?? ''
  }`;

describe('the five OpenAPI documents, fuzzed', () => {
  it(
    `answers ${REQUESTS} malformed requests over every operation without a 5xx, with problem+json, writing nothing when it refuses`,
    async () => {
      const operations: Operation[] = [];
      // Each block's document, to check successful answers against what it documents.
      const answers = new Ajv2020({ strict: false, allErrors: false });
      addFormats(answers);
      for (const block of BLOCKS) {
        const document = (await (await fetch(`${platform.urls[block]}/openapi.json`)).json()) as Record<
          string,
          unknown
        >;
        operations.push(...operationsOf(block, document));
        answers.addSchema({ ...document, $id: `urn:onedoor:openapi:${block}` });
      }
      expect(operations.length).toBeGreaterThan(100);
      const random = randomSource(SEED);
      const origin = (operation: Operation) => new URL(platform.urls[operation.block]).origin;
      const outcomes: Outcome[] = [];
      const wroteOnRefusal: string[] = [];
      let before = await quiet();
      for (let index = 0; index < REQUESTS; index++) {
        // Every operation in turn, then at random: a reduced run still covers each one.
        const operation = index < operations.length ? operations[index] : random.pick(operations);
        const request = fuzzCase(origin(operation), operation, random);
        const xidBefore = await nextTransactionId();
        const answer = await send(request, random.pick(tokens));
        outcomes.push(answer);
        // Nothing took a transaction id meanwhile: nothing was written anywhere (and no event will follow).
        if ((await nextTransactionId()) === xidBefore) continue;
        if (answer.status < 400 || answer.status >= 500) {
          before = await quiet();
          continue;
        }
        // A refusal, and something wrote: compare every table once all is quiet.
        const settled = await quiet();
        const changed = [...settled].filter(
          ([name, print]) => before.get(name) !== print && !WRITTEN_ON_REFUSAL.has(name) && !consumersOnly(name),
        );
        if (changed.length)
          wroteOnRefusal.push(`${changed.map(([name]) => name).join(', ')} after ${describeRequest(answer)}`);
        before = settled;
      }

      const byStatus = new Map<number, number>();
      for (const { status } of outcomes) byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
      process.stdout.write(
        `openapi fuzz (seed ${SEED}): ${outcomes.length} requests over ${operations.length} operations; by status: ${[
          ...byStatus,
        ]
          .sort(([a], [b]) => a - b)
          .map(([status, count]) => `${status}: ${count}`)
          .join(', ')}\n`,
      );
      const serverErrors = outcomes.filter((o) => o.status >= 500 || o.status === 0).map(describeRequest);
      const notProblems = outcomes
        .filter(
          (o) =>
            o.status >= 400 &&
            !o.request.operation.html &&
            !['application/problem+json', ...o.request.operation.errorTypes].some((type) =>
              o.contentType.startsWith(type),
            ),
        )
        .map((o) => `${describeRequest(o)} → ${o.contentType}`);
      // Every successful answer is what its operation's document says it is.
      let checked = 0;
      const undocumented = outcomes.flatMap((o) => {
        const pointer = o.request.operation.answers[String(o.status)];
        if (o.body === undefined || !pointer) return [];
        checked += 1;
        const validate = answers.getSchema(`urn:onedoor:openapi:${o.request.operation.block}${pointer}`)!;
        return validate(o.body) ? [] : [`${describeRequest(o)} → ${answers.errorsText(validate.errors)}`];
      });
      expect(serverErrors).toEqual([]);
      expect(notProblems).toEqual([]);
      expect(wroteOnRefusal).toEqual([]);
      expect(undocumented).toEqual([]);
      process.stdout.write(`openapi fuzz: ${checked} successful answers checked against their documented schemas\n`);
    },
    30 * 60_000,
  );
});
