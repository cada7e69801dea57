/**
 * The identity block, measured on this machine (`npm run bench`), each against a baseline in the same run:
 * 1. Client-credentials tokens issued per second over HTTP by the OpenID provider; baseline: a bare HTTP server
 *    that signs the same kind of ES256 JWT per request.
 * 2. Token verifications per second as another block does them (TokenVerifier, JWKS fetched once and cached),
 *    64 under way at once as for concurrent requests, and one at a time; baseline: jose's jwtVerify with the key
 *    already imported, driven the same way; and the signature check alone (node:crypto), the machine's ceiling
 *    for tokens never seen before.
 * 3. Enrolments per second over HTTP (validation, address codes, duplicate check, UIN, audit row and outbox
 *    event in one transaction), with p50 and p99; baseline: a bare HTTP server doing one INSERT per request.
 * Targets (2-core machine): 1,000 tokens/s, 20,000 verifications/s, 500 enrolments/s.
 */
import { createPublicKey, randomBytes, verify as cryptoVerify, type JsonWebKey } from 'node:crypto';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { TokenVerifier } from '@onedoor/auth';
import { createScratchDatabase } from '@onedoor/persistence';
import {
  benchBrokers,
  closedLoop,
  percentile,
  runBench,
  send,
  spawnServer,
  writeResults,
  type BenchRecord,
} from './support';

const brokers = benchBrokers().join(',');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = 32;
const IN_FLIGHT = 64;
const API = 'urn:onedoor:api';
const OPERATOR = { id: 'bench-operator', secret: randomBytes(32).toString('base64url') };

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

function tokenRequest(url: string, id: string, secret: string) {
  return send(url, {
    method: 'POST',
    headers: { authorization: basic(id, secret), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
}

const LAO_DIGITS = '໐໑໒໓໔໕໖໗໘໙';
const laoNumber = (n: number) => String(n).replace(/\d/g, (d) => LAO_DIGITS[Number(d)]);

function person(i: number) {
  return {
    givenNameLo: `ສົມພອນ${laoNumber(i)}`,
    familyNameLo: 'ທົດສອບ',
    dateOfBirth: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
    sex: i % 2 ? 'F' : 'M',
    address: { provinceCode: '01', districtCode: '0101' },
    phone: `+85620${String(10_000_000 + i).slice(-8)}`,
  };
}

async function main() {
  const records: BenchRecord[] = [];
  const db = await createScratchDatabase('onedoor_bench_identity');
  const port = 3901;
  const issuer = `http://127.0.0.1:${port}/identity`;
  const identity = await spawnServer(
    'dist/services/identity/src/main.js',
    {
      KAFKA_BROKERS: brokers,
      DATABASE_URL: db.url,
      IDENTITY_PORT: String(port),
      IDENTITY_ISSUER: issuer,
      IDENTITY_DATA_KEY: randomBytes(32).toString('base64'),
      IDENTITY_OPERATOR_CLIENT_ID: OPERATOR.id,
      IDENTITY_OPERATOR_CLIENT_SECRET: OPERATOR.secret,
      AUTH_JWKS_URL: `${issuer}/.well-known/jwks.json`,
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: API,
      ONEDOOR_DATA_DIR: 'memory',
    },
    `${issuer}/health/ready`,
  );
  const baselinePort = 3902;
  let baselineServer: { stop(): Promise<void> } | undefined;
  try {
    const operator = (await tokenRequest(`${issuer}/oauth/token`, OPERATOR.id, OPERATOR.secret)).json<{
      access_token: string;
    }>().access_token;
    const registered = await send(`${issuer}/client-mgmt/oidc-client`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        request: {
          clientId: 'bench-registry',
          clientName: 'Benchmark registry',
          redirectUris: [],
          grantTypes: ['client_credentials'],
          clientAuthMethods: ['client_secret_basic'],
          roles: ['identity.registrar'],
        },
      }),
    });
    const { clientSecret } = registered.json<{ response: { clientSecret: string } }>().response;

    // 1. Tokens per second.
    console.log(`tokens: client credentials, ${CONCURRENCY} concurrent callers for ${SECONDS} s…`);
    const tokens: string[] = [];
    await closedLoop(CONCURRENCY, 2, () => tokenRequest(`${issuer}/oauth/token`, 'bench-registry', clientSecret)); // warm-up
    const issued = await closedLoop(CONCURRENCY, SECONDS, async () => {
      const response = await tokenRequest(`${issuer}/oauth/token`, 'bench-registry', clientSecret);
      if (tokens.length < 1_000 && response.ok) tokens.push(response.json<{ access_token: string }>().access_token);
      return response;
    });
    baselineServer = await spawnServer(
      'dist/bench/baseline-server.js',
      { BASELINE_MODE: 'sign', BASELINE_PORT: String(baselinePort) },
      `http://127.0.0.1:${baselinePort}/ready`,
    );
    await closedLoop(CONCURRENCY, 2, () => tokenRequest(`http://127.0.0.1:${baselinePort}/token`, 'x', 'y'));
    const signed = await closedLoop(CONCURRENCY, SECONDS, () =>
      tokenRequest(`http://127.0.0.1:${baselinePort}/token`, 'x', 'y'),
    );
    await baselineServer.stop();
    baselineServer = undefined;
    console.log(
      `  provider: ${issued.perSecond.toFixed(0)} tokens/s (p99 ${percentile(issued.latencies, 99).toFixed(1)} ms); bare signing server: ${signed.perSecond.toFixed(0)}/s`,
    );
    records.push({
      benchmark: 'identity-client-credentials',
      metric: 'tokens_per_second',
      value: Math.round(issued.perSecond),
      unit: 'tokens/s',
      baseline: Math.round(signed.perSecond),
      ratio: +(issued.perSecond / signed.perSecond).toFixed(3),
    });

    // 2. Verifications per second, as another block does them.
    const jwks = (await send(`${issuer}/.well-known/jwks.json`)).json<JSONWebKeySet>();
    const local = createLocalJWKSet(jwks);
    // A block verifies the tokens of the requests it is serving at the same time: IN_FLIGHT verifications are
    // under way at once (signature checks run on libuv's thread pool, so both cores take part). The one-at-a-time
    // figure is recorded too.
    const rate = async (
      label: string,
      verify: (token: string, n: number) => Promise<unknown>,
      inFlight = IN_FLIGHT,
    ) => {
      for (let i = 0; i < 100; i++) await verify(tokens[i], i);
      let n = 0;
      const started = performance.now();
      const end = started + (SECONDS * 1_000) / 4;
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (performance.now() < end) {
            const i = n++;
            await verify(tokens[i % tokens.length], i);
          }
        }),
      );
      const perSecond = n / ((performance.now() - started) / 1_000);
      console.log(`  ${label}: ${perSecond.toFixed(0)} verifications/s`);
      return perSecond;
    };
    console.log(`verification: ${tokens.length} distinct tokens, round robin, ${IN_FLIGHT} at a time…`);
    const bare = await rate('jose jwtVerify, every time (baseline)', (token) =>
      jwtVerify(token, local, { issuer, audience: API }),
    );
    // A block's verifier: JWKS fetched once and cached; a token seen before is answered from memory until it expires.
    const verifier = new TokenVerifier({ jwksUrl: `${issuer}/.well-known/jwks.json`, issuer, audience: API });
    const repeated = await rate('TokenVerifier, tokens seen before', (token) => verifier.verify(token));
    // Every token new to the verifier: a fresh verifier (same key set) for each pass over the tokens.
    const everyTokenNew = () => {
      let fresh = new TokenVerifier({ jwks, issuer, audience: API });
      return (token: string, n: number) => {
        if (n % tokens.length === 0) fresh = new TokenVerifier({ jwks, issuer, audience: API });
        return fresh.verify(token);
      };
    };
    const firstSight = await rate('TokenVerifier, every token new', everyTokenNew());
    // The machine's ceiling for new tokens: the ES256 signature check alone (node:crypto on the thread pool).
    const { kid } = JSON.parse(Buffer.from(tokens[0].split('.')[0], 'base64url').toString()) as { kid: string };
    const publicKey = createPublicKey({ key: jwks.keys.find((k) => k.kid === kid)! as JsonWebKey, format: 'jwk' });
    const ceiling = await rate(
      'node:crypto ES256 signature check alone (ceiling)',
      (token) =>
        new Promise((resolve, reject) => {
          const [header, payload, signature] = token.split('.');
          cryptoVerify(
            'sha256',
            Buffer.from(`${header}.${payload}`),
            { key: publicKey, dsaEncoding: 'ieee-p1363' },
            Buffer.from(signature, 'base64url'),
            (error, ok) => (error || !ok ? reject(error ?? new Error('bad signature')) : resolve(ok)),
          );
        }),
    );
    const bareOneAtATime = await rate(
      'jose jwtVerify, one at a time (baseline)',
      (token) => jwtVerify(token, local, { issuer, audience: API }),
      1,
    );
    const firstSightOneAtATime = await rate('TokenVerifier, every token new, one at a time', everyTokenNew(), 1);
    const verification = (metric: string, value: number, baseline: number) => ({
      benchmark: 'identity-token-verification',
      metric,
      value: Math.round(value),
      unit: 'verifications/s',
      baseline: Math.round(baseline),
      ratio: +(value / baseline).toFixed(3),
    });
    records.push(
      verification('verifications_per_second_repeated_tokens', repeated, bare),
      verification('verifications_per_second_new_tokens', firstSight, bare),
      verification('verifications_per_second_new_tokens_vs_signature_check_alone', firstSight, ceiling),
      verification('verifications_per_second_new_tokens_one_at_a_time', firstSightOneAtATime, bareOneAtATime),
    );

    // 3. Enrolments per second.
    const registrar = tokens[tokens.length - 1];
    console.log(`enrolments: ${CONCURRENCY} concurrent callers for ${SECONDS} s…`);
    const enrol = (url: string, offset: number) => (i: number) =>
      send(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${registrar}`, 'content-type': 'application/json' },
        body: JSON.stringify(person(offset + i)),
      });
    await closedLoop(8, 2, enrol(`${issuer}/persons`, 1_000_000));
    const enrolled = await closedLoop(CONCURRENCY, SECONDS, enrol(`${issuer}/persons`, 0));
    baselineServer = await spawnServer(
      'dist/bench/baseline-server.js',
      { BASELINE_MODE: 'insert', BASELINE_PORT: String(baselinePort), DATABASE_URL: db.url },
      `http://127.0.0.1:${baselinePort}/ready`,
    );
    const inserted = await closedLoop(CONCURRENCY, SECONDS, enrol(`http://127.0.0.1:${baselinePort}/people`, 0));
    console.log(
      `  identity: ${enrolled.perSecond.toFixed(0)} enrolments/s, p50 ${percentile(enrolled.latencies, 50).toFixed(1)} ms, p99 ${percentile(enrolled.latencies, 99).toFixed(1)} ms; bare insert: ${inserted.perSecond.toFixed(0)}/s, p99 ${percentile(inserted.latencies, 99).toFixed(1)} ms`,
    );
    records.push(
      {
        benchmark: 'identity-enrolment',
        metric: 'enrolments_per_second',
        value: Math.round(enrolled.perSecond),
        unit: 'enrolments/s',
        baseline: Math.round(inserted.perSecond),
        ratio: +(enrolled.perSecond / inserted.perSecond).toFixed(3),
      },
      ...[50, 99].map((p) => ({
        benchmark: 'identity-enrolment',
        metric: `latency_p${p}`,
        value: +percentile(enrolled.latencies, p).toFixed(1),
        unit: 'ms',
        baseline: +percentile(inserted.latencies, p).toFixed(1),
        ratio: +(percentile(enrolled.latencies, p) / percentile(inserted.latencies, p)).toFixed(3),
      })),
    );
    writeResults('identity', records);
  } finally {
    await baselineServer?.stop();
    await identity.stop();
    await db.drop();
  }
}

runBench(main);
