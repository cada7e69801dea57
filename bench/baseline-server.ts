/**
 * Baselines for the identity benchmark, each the least a server must do for the same answer, in its own
 * process as the block is: `sign` answers a POST with an ES256 JWT (a token endpoint without the provider);
 * `insert` answers a JSON POST with one INSERT (an enrolment without validation, rules, UIN or outbox).
 * `application` answers a JSON POST with one INSERT of an application row (a submission without eForm
 * validation, eligibility, tracking code check, history, idempotency key or outbox).
 * `application-writes` answers it with the rows a submission writes, in one statement as the block writes them:
 * the idempotency key with its answer, the application, its history entry and two outbox rows, into copies of
 * the registration block's tables (same columns, indexes and constraints) in a schema of its own. What it leaves
 * out is what the block adds: authentication, validation, eligibility rules, tracing, the framework, the relay.
 * `case-writes` answers a hotline submission with the rows the feedback block writes for it, in one statement: the
 * case (with its PIN's digest), its history entry, its received event in the outbox and the source's count, into
 * copies of the feedback block's tables.
 */
import { createServer } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, generateKeyPair } from 'jose';
import { Pool } from 'pg';

async function main() {
  const mode = process.env.BASELINE_MODE;
  const port = Number(process.env.BASELINE_PORT);
  const { privateKey } = await generateKeyPair('ES256');
  const pool = mode !== 'sign' ? new Pool({ connectionString: process.env.DATABASE_URL, max: 10 }) : undefined;
  if (mode === 'insert')
    await pool!.query(`CREATE TABLE IF NOT EXISTS baseline_people (id uuid PRIMARY KEY, body jsonb NOT NULL)`);
  if (mode === 'application') {
    await pool!.query(
      `CREATE TABLE IF NOT EXISTS baseline_applications (id uuid PRIMARY KEY, tracking_code text NOT NULL UNIQUE,
         service_code text NOT NULL, applicant_id text NOT NULL, status text NOT NULL, form_data jsonb NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now())`,
    );
  }
  if (mode === 'application-writes') {
    await pool!.query(`CREATE SCHEMA IF NOT EXISTS baseline`);
    for (const table of ['idempotency_keys', 'applications', 'application_history', 'outbox'])
      await pool!.query(`CREATE TABLE IF NOT EXISTS baseline.${table} (LIKE registration.${table} INCLUDING ALL)`);
  }
  if (mode === 'case-writes') {
    await pool!.query(`CREATE SCHEMA IF NOT EXISTS baseline`);
    for (const table of ['cases', 'case_history', 'outbox', 'submission_counts'])
      await pool!.query(`CREATE TABLE IF NOT EXISTS baseline.${table} (LIKE feedback.${table} INCLUDING ALL)`);
  }
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', async () => {
      if (request.url === '/ready') return response.end('ok');
      try {
        if (mode === 'sign') {
          const token = await new SignJWT({ roles: ['platform.operator'] })
            .setProtectedHeader({ alg: 'ES256', kid: 'baseline' })
            .setSubject('baseline')
            .setIssuedAt()
            .setExpirationTime('10m')
            .sign(privateKey);
          response.setHeader('content-type', 'application/json');
          return response.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 600 }));
        }
        const text = Buffer.concat(chunks).toString() || '{}';
        const body = JSON.parse(text);
        if (mode === 'case-writes') {
          const answer = await writeCase(pool!, body, String(request.socket.remoteAddress));
          response.statusCode = 201;
          response.setHeader('content-type', 'application/json');
          return response.end(JSON.stringify(answer));
        }
        if (mode === 'application-writes') {
          const answer = await writeApplication(pool!, body, text, String(request.headers['idempotency-key']));
          response.statusCode = 200;
          response.setHeader('content-type', 'application/json');
          return response.end(JSON.stringify(answer));
        }
        if (mode === 'application') {
          const id = randomUUID();
          await pool!.query(
            `INSERT INTO baseline_applications (id, tracking_code, service_code, applicant_id, status, form_data) VALUES ($1, $2, $3, $4, 'PENDING', $5)`,
            [id, id.slice(0, 11), 'bench', 'baseline', body.formData?.data ?? body],
          );
          response.statusCode = 200;
          response.setHeader('content-type', 'application/json');
          return response.end(JSON.stringify({ fileId: id }));
        }
        await pool!.query(`INSERT INTO baseline_people (id, body) VALUES ($1, $2)`, [randomUUID(), body]);
        response.statusCode = 201;
        response.setHeader('content-type', 'application/json');
        response.end('{}');
      } catch (error) {
        response.statusCode = 500;
        response.end(String(error));
      }
    });
  });
  server.listen(port, '127.0.0.1');
  process.once('SIGTERM', () =>
    server.close(async () => {
      await pool?.end();
      process.exit(0);
    }),
  );
}

/** The submission's rows (see `application-writes`), with values of the same sizes as the block's. */
async function writeApplication(
  pool: Pool,
  body: { applicationName?: string; formData?: { data?: unknown } },
  text: string,
  key: string,
) {
  const id = randomUUID();
  const now = new Date().toISOString();
  const trackingCode = `${id.slice(0, 4)}-${id.slice(4, 8)}-${id.slice(9, 13)}`.toUpperCase();
  const answer = { fileId: id, trackingCode, status: { code: 'PENDING' }, formData: body.formData, created: now };
  const event = (type: string, data: unknown) => ({
    specversion: '1.0',
    id: randomUUID(),
    source: '/onedoor/registration',
    type,
    subject: id,
    time: now,
    datacontenttype: 'application/json',
    data,
  });
  const submitted = event('la.gov.onedoor.registration.application.submitted.v1', {
    applicationId: id,
    trackingCode,
    serviceCode: 'business-licence',
    serviceVersion: 1,
    applicantId: 'baseline',
    ministry: 'MOIC',
    province: '01',
    district: '0101',
    status: 'PENDING',
    at: now,
  });
  const start = event('la.gov.onedoor.workflow.start.requested.v1', {
    processKey: 'business-licence',
    businessKey: id,
    requestedBy: 'registration',
    variables: { category: 'business-licence', applicationId: id, trackingCode, ministry: 'MOIC', feeDue: 150000 },
  });
  const headers = (e: { id: string; type: string }) =>
    JSON.stringify({ ce_id: e.id, ce_type: e.type, ce_source: '/onedoor/registration', ce_specversion: '1.0' });
  await pool.query({
    name: 'baseline-application-writes',
    text: `WITH k AS (
        INSERT INTO baseline.idempotency_keys (scope, key, request_hash, status_code, response, completed_at)
        VALUES ('POST /registration/services/:serviceId/applications baseline', $1, $2, 200, $3::jsonb, now())
        ON CONFLICT (scope, key) DO NOTHING RETURNING key),
      a AS (
        INSERT INTO baseline.applications (id, tracking_code, service_id, service_code, service_version, applicant_id,
          application_name, phone_last4, channel, status, form_data, ministry, province, district, fee_due,
          submitted_at, revision, created_by, created_at, updated_at)
        SELECT $4::uuid, $5, $4::uuid, 'business-licence', 1, 'baseline', $6, '2345', 'online', 'PENDING', $7::jsonb,
          'MOIC', '01', '0101', 150000, now(), 0, 'baseline', now(), now() FROM k
        RETURNING id, status),
      h AS (INSERT INTO baseline.application_history (application_id, action, status, actor)
        SELECT id, 'submitted', status, 'baseline' FROM a),
      o AS (INSERT INTO baseline.outbox (event_id, topic, partition_key, event_type, headers, payload)
        SELECT * FROM unnest($8::uuid[], $9::text[], $10::text[], $11::text[], $12::jsonb[], $13::jsonb[])
        WHERE EXISTS (SELECT 1 FROM a))
      SELECT id FROM a`,
    values: [
      key,
      createHash('sha256').update(text).digest('hex'),
      JSON.stringify(answer),
      id,
      trackingCode,
      body.applicationName ?? null,
      JSON.stringify(body.formData?.data ?? {}),
      [submitted.id, start.id],
      ['onedoor.registration.application.v1', 'onedoor.workflow.start-request.v1'],
      [id, id],
      [submitted.type, start.type],
      [headers(submitted), headers(start)],
      [JSON.stringify(submitted), JSON.stringify(start)],
    ],
  });
  return answer;
}

/** A hotline submission's rows (see `case-writes`), with values of the same sizes as the block's. */
async function writeCase(
  pool: Pool,
  body: { kind?: string; topic?: string; description?: string; province?: string; district?: string },
  address: string,
) {
  const id = randomUUID();
  const now = new Date().toISOString();
  const number = `1516-${id.slice(0, 4)}-${id.slice(4, 8)}-${id.slice(9, 10)}`.toUpperCase();
  const pin = String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
  const salt = randomUUID().replace(/-/g, '').slice(0, 22);
  const pinHash = `h1:${salt}:${createHash('sha256')
    .update(salt + pin)
    .digest('base64url')}`;
  const data = {
    caseId: id,
    caseNumber: number,
    kind: body.kind,
    topic: body.topic,
    state: 'RECEIVED',
    channel: 'web',
    province: body.province,
    district: body.district,
    at: now,
    identity: 'anonymous',
  };
  const event = {
    specversion: '1.0',
    id: randomUUID(),
    source: '/onedoor/feedback',
    type: 'la.gov.onedoor.feedback.case.received.v1',
    subject: id,
    time: now,
    datacontenttype: 'application/json',
    data,
  };
  const headers = JSON.stringify({
    ce_id: event.id,
    ce_type: event.type,
    ce_source: event.source,
    ce_specversion: '1.0',
  });
  await pool.query({
    name: 'baseline-case-writes',
    text: `WITH c AS (
        INSERT INTO baseline.cases (id, number, kind, topic, description, state, channel, identity, pin_hash, province,
          district, revision, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, 'RECEIVED', 'web', 'anonymous', $6, $7, $8, 0, now(), now()) RETURNING id),
      h AS (INSERT INTO baseline.case_history (case_id, step, from_state, to_state, actor)
        SELECT id, 'receive', NULL, 'RECEIVED', 'submitter' FROM c),
      o AS (INSERT INTO baseline.outbox (event_id, topic, partition_key, event_type, headers, payload)
        SELECT $9::uuid, 'onedoor.feedback.case.v1', $1::text, $10, $11::jsonb, $12::jsonb FROM c),
      n AS (INSERT INTO baseline.submission_counts (key, window_start, failures) VALUES ($13, now(), 1)
        ON CONFLICT (key) DO UPDATE SET failures = submission_counts.failures + 1)
      SELECT id FROM c`,
    values: [
      id,
      number,
      body.kind,
      body.topic,
      body.description,
      pinHash,
      body.province ?? null,
      body.district ?? null,
      event.id,
      event.type,
      headers,
      JSON.stringify(event),
      `ip:${address}`,
    ],
  });
  return { caseNumber: number, state: 'RECEIVED', pin };
}

void main();
