import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startProcess, waitFor, type RunningProcess } from '@onedoor/testing';
import { TRACE_ID, api, expectOperationalSurface, probeEveryBlock } from './helpers';
import { BLOCKS } from '@onedoor/contracts';
import { verhoeffCheckDigit } from '@onedoor/identity';

const OPERATOR_SECRET = 'embedded-operator-secret-0123456789abcdef';

/** Embedded mode (`npm start` with nothing configured): one process, one port, PGlite, in-process events. */
describe('embedded mode: one process, one port, embedded PostgreSQL', () => {
  let platform: RunningProcess;
  let dataDir: string;
  let port: number;
  const urls: Record<string, string> = {};

  /** `npm start` with nothing configured (no Kafka, no database, no identity provider). */
  const start = () =>
    startProcess(
      'dist/services/platform/src/main.js',
      {
        PORT: String(port),
        ONEDOOR_DATA_DIR: dataDir,
        KAFKA_BROKERS: '',
        DATABASE_URL: '',
        AUTH_JWKS: '',
        AUTH_JWKS_URL: '',
        IDENTITY_OPERATOR_CLIENT_ID: 'embedded-operator',
        IDENTITY_OPERATOR_CLIENT_SECRET: OPERATOR_SECRET,
      },
      `${urls.feedback}/health/ready`,
    );

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'onedoor-embedded-'));
    port = await freePort();
    for (const block of BLOCKS) urls[block] = `http://127.0.0.1:${port}/${block}`;
    platform = await start();
  });

  afterAll(async () => {
    await platform?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves all five blocks under their prefixes on one port', async () => {
    await expectOperationalSurface(urls);
    const unknown = await api(`http://127.0.0.1:${port}/payments/health/live`);
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe('PLATFORM.NOT_FOUND');
  });

  it("serves GovStack's faces beside OneDoor's APIs, with GovStack's shapes and refusals", async () => {
    const token = readFileSync(path.join(dataDir, 'operator.token'), 'utf8');
    const services = await api(`${urls.registration}/govstack/services`);
    expect([services.status, Array.isArray(services.json)]).toEqual([200, true]);
    const processes = await api(`${urls.workflow}/govstack/processes`, { token });
    expect([processes.status, Array.isArray(processes.json)]).toEqual([200, true]);
    const noService = await api(`${urls.registration}/govstack/services/not-a-service`);
    expect([noService.status, noService.json.code, typeof noService.json.message]).toEqual([
      404,
      'REGISTRATION.SERVICE_NOT_FOUND',
      'string',
    ]);
    const invalid = await api(`${urls.messaging}/govstack/send/email/single`, { method: 'POST', token, body: {} });
    expect([invalid.status, invalid.json.code]).toEqual([405, 'PLATFORM.VALIDATION_FAILED']);
    const statistics = await api(`${urls.registration}/govstack/data/statistics`, {
      token,
      headers: { 'information-mediator-client': 'LA/GOV/PLATFORM/embedded' },
    });
    expect(statistics.json).toEqual([expect.objectContaining({ processed: 0 })]);
  });

  it("accepts the identity block's own tokens in every block, as well as the development operator token", async () => {
    const issued = await fetch(`${urls.identity}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`embedded-operator:${OPERATOR_SECRET}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(issued.status).toBe(200);
    const { access_token: token } = (await issued.json()) as { access_token: string };
    const sent = await api(`${urls.workflow}/diagnostics/probes`, {
      method: 'POST',
      token,
      body: { note: 'identity token' },
    });
    expect(sent.status).toBe(202);
    const forged = `${token.slice(0, -4)}AAAA`;
    expect((await api(`${urls.workflow}/diagnostics/probes`, { method: 'POST', token: forged, body: {} })).status).toBe(
      401,
    );
  });

  it('delivers events between blocks through the same outbox and inbox, in one trace', async () => {
    const token = readFileSync(path.join(dataDir, 'operator.token'), 'utf8');
    const { receipts } = await probeEveryBlock(urls, 'feedback', token);
    for (const block of BLOCKS) expect(receipts[block].traceId).toBe(TRACE_ID);
    const anonymous = await api(`${urls.identity}/diagnostics/probes/${receipts.identity.probeId}`);
    expect(anonymous.status).toBe(401);
  });

  it('validates UINs: 200 for a good one, 422 for a wrong check digit, 400 for a malformed one', async () => {
    const token = readFileSync(path.join(dataDir, 'operator.token'), 'utf8');
    // 294750836 with its Verhoeff check digit.
    const good = `294750836${verhoeffCheckDigit('294750836')}`;
    const valid = await api(`${urls.identity}/uins/${good}/validity`, { token });
    expect(valid.status).toBe(200);
    expect(valid.json).toEqual({ uin: good, valid: true });
    const typo = `${good.slice(0, 9)}${(Number(good[9]) + 1) % 10}`;
    const wrong = await api(`${urls.identity}/uins/${typo}/validity`, { token });
    expect(wrong.status).toBe(422);
    expect(wrong.contentType).toContain('application/problem+json');
    expect(wrong.json.code).toBe('IDENTITY.UIN_CHECK_DIGIT');
    const malformed = await api(`${urls.identity}/uins/12ab/validity`, { token });
    expect(malformed.status).toBe(400);
    expect(malformed.json.code).toBe('IDENTITY.UIN_MALFORMED');
    expect((await api(`${urls.identity}/uins/${good}/validity`)).status).toBe(401);

    // Refused requests are in the JSON access log, with the route pattern and trace id, and no token or number.
    const accessLog = () =>
      platform.output
        .join('')
        .split('\n')
        .filter((line) => line.includes('"msg":"http request"') && line.includes('/identity/uins/:uin/validity'))
        .map((line) => JSON.parse(line));
    await waitFor('the access log lines of the refused requests', () => accessLog().length >= 3, 10_000);
    expect(accessLog()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'warn', status: 401, trace_id: expect.any(String) }),
        expect.objectContaining({ level: 'warn', status: 422, caller: 'development-operator' }),
        expect.objectContaining({ level: 'warn', status: 400 }),
      ]),
    );
    expect(platform.output.join('')).not.toContain(token);
    expect(platform.output.join('')).not.toContain(typo);
  });

  it('answers idempotent requests from many pooled connections sharing the one embedded session', async () => {
    const token = readFileSync(path.join(dataDir, 'operator.token'), 'utf8');
    // Each block's pool has several connections to the one PGlite session: concurrent requests run their
    // idempotency-key statements on different connections, and a retry on yet another.
    const keys = Array.from({ length: 12 }, (_, i) => `embedded-${i}-${Date.now()}`);
    const sent = await Promise.all(
      keys.map((key, i) =>
        api(`${urls.registration}/diagnostics/probes`, {
          method: 'POST',
          token,
          body: { note: `pooled ${i}` },
          headers: { 'idempotency-key': key },
        }),
      ),
    );
    expect(sent.map((r) => r.status)).toEqual(keys.map(() => 202));
    const retries = await Promise.all(
      keys.slice(0, 4).map((key, i) =>
        api(`${urls.registration}/diagnostics/probes`, {
          method: 'POST',
          token,
          body: { note: `pooled ${i}` },
          headers: { 'idempotency-key': key },
        }),
      ),
    );
    expect(retries.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    expect(retries.map((r) => r.headers.get('idempotent-replayed'))).toEqual(['true', 'true', 'true', 'true']);
    expect(retries.map((r) => r.json)).toEqual(sent.slice(0, 4).map((r) => r.json));
  });

  it('enrols people and stays responsive while other blocks handle the events', async () => {
    const token = readFileSync(path.join(dataDir, 'operator.token'), 'utf8');
    const client = await api(`${urls.identity}/client-mgmt/oidc-client`, {
      method: 'POST',
      token,
      body: {
        request: {
          clientId: 'embedded-registry',
          clientName: 'Embedded registry',
          redirectUris: [],
          grantTypes: ['client_credentials'],
          clientAuthMethods: ['client_secret_basic'],
          roles: ['identity.registrar'],
        },
      },
    });
    expect(client.status).toBe(201);
    const secret = (client.json.response as { clientSecret: string }).clientSecret;
    const issued = await fetch(`${urls.identity}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`embedded-registry:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&resource=urn:onedoor:api',
    });
    const registrar = ((await issued.json()) as { access_token: string }).access_token;
    // Messaging composes a message from person.enrolled inside its consumer's transaction; every read it makes
    // must go through that transaction, or the one embedded session would wait on itself.
    const person = (n: number) => ({
      givenNameLo: `ສົມພອນ ${n}`,
      familyNameLo: 'ທົດສອບ',
      dateOfBirth: `1985-03-1${n}`,
      sex: 'F',
      address: { provinceCode: '01', districtCode: '0101' },
      phone: `+856205551230${n}`,
    });
    for (const n of [1, 2]) {
      const enrolled = await api(`${urls.identity}/persons`, { method: 'POST', token: registrar, body: person(n) });
      expect(enrolled.status).toBe(201);
    }
    const duplicate = await api(`${urls.identity}/persons`, { method: 'POST', token: registrar, body: person(1) });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.code).toBe('IDENTITY.LIKELY_DUPLICATE');
    expect((await api(`${urls.messaging}/health/ready`)).status).toBe(200);
  });

  it('answers bad input that used to crash a handler with problem+json: deep JSON, NUL characters, huge headers', async () => {
    // A public route: no token needed to reach it.
    const deep = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    for (const [path, init] of [
      ['/identity/civil-servants/activation', { method: 'POST', body: deep }],
      ['/identity/civil-servants/activation', { method: 'POST', body: { code: 'a\u0000b' } }],
      ['/registration/services/a%00b', {}],
    ] as const) {
      const answer = await api(`http://127.0.0.1:${port}${path}`, init);
      expect({ path, status: answer.status, contentType: answer.contentType }).toEqual({
        path,
        status: 400,
        contentType: expect.stringContaining('application/problem+json'),
      });
      expect(answer.json).toMatchObject({ code: 'PLATFORM.BAD_REQUEST', status: 400 });
    }
    // A body in a character set the parser does not read is a 415, not a 500.
    const koi8 = await fetch(`http://127.0.0.1:${port}/identity/civil-servants/activation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=koi8-r' },
      body: '{}',
    });
    expect([koi8.status, koi8.headers.get('content-type')]).toEqual([415, expect.stringContaining('problem+json')]);
    expect(await koi8.json()).toMatchObject({ code: 'PLATFORM.UNSUPPORTED_MEDIA_TYPE', status: 415 });
    // A body of a type no operation reads (text on a JSON route) is a 415 too, not a 400 from an empty body.
    for (const [path, type] of [
      ['/identity/civil-servants/activation', 'text/plain'],
      ['/registration/services', 'application/xml'],
    ]) {
      const wrongType = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: '{"employeeNumber":"MOH-1"}',
      });
      expect([path, wrongType.status, wrongType.headers.get('content-type')]).toEqual([
        path,
        415,
        expect.stringContaining('problem+json'),
      ]);
      expect(await wrongType.json()).toMatchObject({ code: 'PLATFORM.UNSUPPORTED_MEDIA_TYPE', status: 415 });
    }
    const raw = await new Promise<{ status: number; contentType?: string; body: string }>((resolve, reject) => {
      const request = http.get(
        `${urls.registration}/health/live`,
        { headers: { 'x-padding': 'a'.repeat(20_000) } },
        (response) => {
          let body = '';
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode!, contentType: response.headers['content-type'], body }),
          );
        },
      );
      request.on('error', reject);
    });
    expect(raw.status).toBe(431);
    expect(raw.contentType).toContain('application/problem+json');
    expect(JSON.parse(raw.body)).toMatchObject({ status: 431, code: 'PLATFORM.HEADERS_TOO_LARGE' });
    // A method the path does not serve: 405 with the methods it does, not 404.
    const wrongMethod = await api(`${urls.registration}/health/live`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD');
    expect(wrongMethod.json).toMatchObject({ code: 'PLATFORM.METHOD_NOT_ALLOWED' });
    expect((await api(`${urls.registration}/no-such-path`)).status).toBe(404);
    // The platform is still up and logged no failure.
    expect((await api(`${urls.registration}/health/live`)).status).toBe(200);
    expect(platform.output.join('')).not.toContain('"status":500');
  });

  it('keeps its data across a restart', async () => {
    const token = readFileSync(path.join(dataDir, 'operator.token'), 'utf8');
    const { probeId } = await probeEveryBlock(urls, 'workflow', token);
    expect(await platform.stop()).toBe(0);
    platform = await start();
    const newToken = readFileSync(path.join(dataDir, 'operator.token'), 'utf8');
    const receipt = await api(`${urls.identity}/diagnostics/probes/${probeId}`, { token: newToken });
    expect(receipt.status).toBe(200);
  });

  it('killed (SIGKILL) in the middle of writes, it opens its database again with every write it acknowledged', async () => {
    const token = readFileSync(path.join(dataDir, 'operator.token'), 'utf8');
    // Four clients writing (probes: a row and an event each) until the process dies under them.
    const acknowledged: string[] = [];
    let writing = true;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let n = 0; writing; n++) {
        const sent = await fetch(`${urls.workflow}/diagnostics/probes`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ note: `crash ${w}-${n}` }),
        }).catch(() => undefined);
        if (sent?.status === 202) acknowledged.push(((await sent.json()) as { probeId: string }).probeId);
        else if (sent) await sent.text();
        else break; // no answer: the process is gone
      }
    });
    await waitFor('writes under way', async () => (acknowledged.length >= 20 ? true : undefined));
    await platform.kill();
    writing = false;
    await Promise.all(writers);
    platform = await start();
    const newToken = readFileSync(path.join(dataDir, 'operator.token'), 'utf8');
    // Every acknowledged write is there, and its event reached every block (the outbox survived with it).
    const missing = async () => {
      const out: string[] = [];
      for (const probeId of acknowledged) {
        for (const block of BLOCKS) {
          const receipt = await api(`${urls[block]}/diagnostics/probes/${probeId}`, { token: newToken });
          if (receipt.status !== 200) out.push(`${block} ${probeId} ${receipt.status}`);
        }
      }
      return out;
    };
    await waitFor('every acknowledged probe received by every block', async () =>
      (await missing()).length === 0 ? true : undefined,
    ).catch(async (error: Error) => {
      const left = await missing();
      throw new Error(
        `${error.message}: ${left.length} of ${acknowledged.length * BLOCKS.length} missing: ${left.slice(0, 12).join(', ')}\n${platform.output.join('').slice(-3_000)}`,
      );
    });
    expect(platform.output.join('')).not.toContain('"status":500');
  }, 120_000);
});
