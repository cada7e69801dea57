/**
 * The registration block with the real workflow block behind it (both on the test's database and the real
 * broker): a one-door application from catalogue to decision, as a citizen, a counter clerk, officers and a
 * payment system use it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compactVerify, createLocalJWKSet } from 'jose';
import { createDevelopmentAuthority } from '@onedoor/auth';
import { blockEventSource, type BlockEventSource } from '@onedoor/backbone';
import { OrganisationSaved, PersonEnrolled, type PersonEnrolledPayload } from '@onedoor/contracts';
import { loadPlatformConfig, startPlatform, type RunningPlatform } from '@onedoor/platform-kit';
import {
  api,
  checkAnswers,
  createScratchDatabase,
  documentedAnswers,
  requireKafkaBrokers,
  untilConsuming,
  waitFor,
  type ScratchDatabase,
} from '@onedoor/testing';
import { WorkflowBlock } from '@onedoor/workflow';
import { RegistrationBlock } from '@onedoor/registration';

const brokers = requireKafkaBrokers();
const UNIT = 'MOIC-VTE-D01';
let db: ScratchDatabase;
let platform: RunningPlatform;
let identityEvents: BlockEventSource;
let authority: Awaited<ReturnType<typeof createDevelopmentAuthority>>;
type Call = (
  path: string,
  init?: { method?: string; body?: unknown; headers?: Record<string, string> },
) => ReturnType<typeof api>;
const tokens: Record<string, string> = {};
/** Every successful answer is checked against the blocks' OpenAPI documents (libs/testing documentedAnswers). */
let answers: Awaited<ReturnType<typeof documentedAnswers>>;
const as =
  (who: string, block = 'registration'): Call =>
  (path, init = {}) =>
    api(`${platform.urls[block]}${path}`, {
      ...init,
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      token: tokens[who],
    });
const anonymous: Call = (path, init = {}) =>
  api(`${platform.urls.registration}${path}`, { ...init, method: init.method ?? 'GET' });

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => db.query<T>(text, params);

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const upload = (who: string, applicationId: string, type: string, bytes: Buffer, contentType = 'application/pdf') =>
  fetch(`${platform.urls.registration}/applications/${applicationId}/documents?type=${type}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': contentType },
    body: bytes,
  }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown> }));

const service = (overrides: Record<string, unknown> = {}) => ({
  code: 'business-licence',
  name: { lo: 'ໃບອະນຸຍາດທຸລະກິດ', en: 'Business licence' },
  description: { lo: 'ຂໍໃບອະນຸຍາດດຳເນີນທຸລະກິດ', en: 'Licence to operate a business' },
  ministry: 'MOIC',
  unit: 'MOIC-DERM',
  eForm: {
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['businessName', 'capital', 'ownerName', 'province', 'district'],
      properties: {
        businessName: { type: 'string', minLength: 2, maxLength: 200 },
        capital: { type: 'integer', minimum: 0 },
        ownerName: { type: 'string' },
        province: { type: 'string' },
        district: { type: 'string' },
      },
    },
    layout: { order: ['businessName', 'capital', 'ownerName'] },
  },
  prefill: { ownerName: 'person.displayName.lo', province: 'person.provinceCode', district: 'person.districtCode' },
  documents: [
    {
      type: 'business-plan',
      name: { lo: 'ແຜນທຸລະກິດ', en: 'Business plan' },
      required: true,
      maxBytes: 1_000,
      mediaTypes: ['application/pdf'],
    },
  ],
  eligibility: [
    { rule: 'form.capital >= 1000000', message: { lo: 'ທຶນຢ່າງໜ້ອຍ 1 ລ້ານກີບ', en: 'Capital of at least 1,000,000 kip' } },
  ],
  fee: 150_000,
  processKey: 'business-licence',
  slaWorkingDays: 10,
  ...overrides,
});

async function enrol(): Promise<PersonEnrolledPayload> {
  const person: PersonEnrolledPayload = {
    personId: randomUUID(),
    uin: '2947512345',
    displayName: { lo: 'ສົມພອນ ວົງສາ', en: 'Somphone Vongsa' },
    provinceCode: '01',
    districtCode: '0101',
    phone: '+8562055512345',
    preferredLanguage: 'lo',
    preferredChannel: 'sms',
    enrolledAt: new Date().toISOString(),
    enrolledBy: 'registrar',
  };
  await identityEvents.publish(PersonEnrolled, person);
  await waitFor(
    'person known',
    async () => (await sql(`SELECT 1 FROM registration.persons WHERE person_id = $1`, [person.personId])).length > 0,
  );
  return person;
}

const applicationRow = (id: string) =>
  sql<{ status: string; unit: string | null; expected_by: Date | null; fee_paid_at: Date | null }>(
    `SELECT status, unit, expected_by, fee_paid_at FROM registration.applications WHERE id = $1`,
    [id],
  ).then((rows) => rows[0]);
const openTask = (id: string) =>
  waitFor('a task for the application', async () => {
    const [task] = await sql<{ id: string; unit: string }>(
      `SELECT id, unit FROM registration.tasks WHERE application_id = $1 AND state <> 'completed'`,
      [id],
    );
    return task;
  });

beforeAll(async () => {
  db = await createScratchDatabase('registration');
  authority = await createDevelopmentAuthority();
  platform = await startPlatform(
    [WorkflowBlock, RegistrationBlock],
    loadPlatformConfig({
      KAFKA_BROKERS: brokers.join(','),
      DATABASE_URL: db.url,
      AUTH_JWKS: JSON.stringify(authority.jwks),
      WORKFLOW_PORT: '0',
      REGISTRATION_PORT: '0',
      LOG_LEVEL: 'warn',
      ONEDOOR_DATA_DIR: 'memory',
      CONSUMER_INITIAL_BACKOFF_MS: '50',
    }),
  );
  process.env.REGISTRATION_WORKFLOW_URL = platform.urls.workflow;
  const operator = await authority.sign({ sub: 'operator', roles: ['platform.operator'] });
  await Promise.all([
    untilConsuming(platform.urls.workflow, operator),
    untilConsuming(platform.urls.registration, operator),
  ]);
  answers = await documentedAnswers([platform.urls.registration, platform.urls.workflow]);
  checkAnswers(answers.check);
  identityEvents = await blockEventSource(db.url, brokers, 'identity');
  const sign = (sub: string, roles: string[], scope: { ministry?: string; province?: string; unit?: string } = {}) =>
    authority.sign({ sub, roles, ...scope });
  tokens.admin = await sign('moic-admin', ['registration.admin'], { ministry: 'MOIC' });
  tokens.mohAdmin = await sign('moh-admin', ['registration.admin'], { ministry: 'MOH' });
  tokens.workflowAdmin = await sign('workflow-admin', ['workflow.admin']);
  tokens.clerk = await sign('clerk-noy', ['registration.clerk'], { ministry: 'MOHA', province: '01' });
  tokens.officer = await sign('officer-khamla', ['registration.officer', 'registration.reviewer'], {
    ministry: 'MOIC',
    province: '01',
    unit: UNIT,
  });
  tokens.outsider = await sign('officer-moh', ['registration.officer', 'registration.reviewer'], {
    ministry: 'MOH',
    province: '01',
    unit: 'MOH-VTE-D01',
  });
  tokens.payments = await sign('bcel-gateway', ['registration.payments']);

  // The register's ministries and offices, as the identity block announces them.
  for (const [code, parentCode] of [
    ['MOIC', undefined],
    ['MOH', undefined],
    ['MOIC-DERM', 'MOIC'],
  ] as const) {
    await identityEvents.publish(OrganisationSaved, {
      code,
      kind: parentCode ? 'department' : 'ministry',
      ...(parentCode && { parentCode }),
      nameLo: code,
      nameEn: code,
      at: new Date().toISOString(),
    });
  }
  await waitFor(
    'registration knows the organisations',
    async () => (await sql(`SELECT 1 FROM registration.organisations WHERE code = 'MOIC-DERM'`)).length > 0,
  );
  const bpmn = readFileSync(join(__dirname, '../../workflow/examples/business-licence.bpmn'), 'utf8');
  expect((await as('workflowAdmin', 'workflow')('/processes', { body: { bpmn } })).status).toBe(201);
  // A service names a process the workflow block announced (workflow.process.published).
  await waitFor(
    'registration knows the process',
    async () => (await sql(`SELECT 1 FROM registration.processes WHERE key = 'business-licence'`)).length > 0,
  );
  const rule = { category: 'business-licence', province: '01', district: '0101', unit: UNIT };
  expect(
    (await as('workflowAdmin', 'workflow')('/routing-rules/licence-0101', { method: 'PUT', body: rule })).status,
  ).toBe(200);
  expect((await as('admin')('/services', { body: service() })).status).toBe(201);
});

afterEach(() => {
  // What the documents promise is what a client gets.
  expect(answers.mismatches.splice(0)).toEqual([]);
});

afterAll(async () => {
  checkAnswers(undefined);
  expect(answers?.checked).toBeGreaterThan(30);
  delete process.env.REGISTRATION_WORKFLOW_URL;
  await identityEvents?.close();
  await platform?.close();
  await db?.drop();
});

describe('service catalogue', () => {
  it('is public, versioned, and each ministry publishes only its own services', async () => {
    const list = await anonymous('/services');
    expect(list.status).toBe(200);
    expect((list.json.items as { code: string }[]).map((s) => s.code)).toContain('business-licence');
    const eForm = await anonymous(`/eForms/${(list.json.items as { id: string }[])[0].id}`);
    expect(eForm.json).toMatchObject({
      version: '1',
      latest: true,
      schema: { required: expect.arrayContaining(['businessName']) },
    });

    const other = await as('mohAdmin')('/services', { body: service({ code: 'another-licence' }) });
    expect(other.status).toBe(403);
    const broken = await as('admin')('/services', {
      body: service({ code: 'broken', eForm: { schema: { type: 'object', properties: { a: { type: 'nonsense' } } } } }),
    });
    expect(broken.status).toBe(422);
    expect(broken.json.errors).toEqual([expect.objectContaining({ field: 'eForm.schema' })]);
    const badRule = await as('admin')('/services', {
      body: service({ code: 'bad-rule', eligibility: [{ rule: 'form.capital >=', message: { lo: 'x', en: 'x' } }] }),
    });
    expect(badRule.json.errors).toEqual([expect.objectContaining({ field: 'eligibility.0.rule' })]);
    expect((await as('admin')('/services', { body: service() })).status).toBe(409);
    expect((await anonymous('/services/no-such-service')).status).toBe(404);
  });

  it('is browsed by topic (the life events, in Lao and English); a topic outside them is refused, nothing published', async () => {
    const topics = await anonymous('/service-topics');
    expect(topics.status).toBe(200);
    expect(topics.json).toEqual(
      expect.arrayContaining([{ code: 'business', name: { lo: 'ທຸລະກິດ ແລະ ການຄ້າ', en: 'Business and trade' } }]),
    );
    const published = await as('admin')('/services', {
      body: service({ code: 'trade-fair-permit', topics: ['business', 'travel-identity', 'business'] }),
    });
    expect(published.status).toBe(201);
    expect(published.json.topics).toEqual(['business', 'travel-identity']);
    const codes = async (query: string) =>
      ((await anonymous(`/services?${query}`)).json.items as { code: string }[]).map((s) => s.code);
    expect(await codes('topic=business')).toContain('trade-fair-permit');
    expect(await codes('topic=travel-identity&ministry=MOIC')).toEqual(['trade-fair-permit']);
    expect(await codes('topic=health')).not.toContain('trade-fair-permit');
    expect(await codes('topic=business&ministry=MOH')).toEqual([]);
    const unknown = await as('admin')('/services', { body: service({ code: 'weather-permit', topics: ['weather'] }) });
    expect([unknown.status, unknown.json.errors]).toEqual([400, [expect.objectContaining({ field: 'topics' })]]);
    expect((await anonymous('/services/weather-permit')).status).toBe(404);
    expect((await anonymous('/services?topic=weather')).status).toBe(400);
  });

  it('keeps an application on its version; new ones use the current version', async () => {
    const v1 = await as('admin')('/services', {
      body: service({ code: 'market-stall', processKey: 'business-licence', documents: [], eligibility: [], fee: 0 }),
    });
    const person = await enrol();
    tokens.stallholder = await authority.sign({ sub: person.personId, roles: ['citizen'] });
    // A counter's retry after the version was replaced still gets the first answer (the key is kept with it).
    const firstTry = {
      body: { formData: { data: { businessName: 'Stall 7', capital: 2_000_000 } } },
      headers: { 'idempotency-key': `stall-${randomUUID()}` },
    };
    const onV1 = await as('stallholder')('/services/market-stall/applications', firstTry);
    expect(onV1.json).toMatchObject({ serviceVersion: 1, status: { code: 'PENDING' } });
    const v2 = await as('admin')('/services/market-stall', {
      method: 'PUT',
      body: service({ code: 'market-stall', documents: [], eligibility: [], fee: 5_000 }),
    });
    expect(v2.json).toMatchObject({ version: '2', fee: { amount: 5_000 } });
    const replayed = await as('stallholder')('/services/market-stall/applications', firstTry);
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.json).toEqual(onV1.json);
    const old = await as('stallholder')(`/services/${v1.json.id as string}/applications`, {
      body: { formData: { data: { businessName: 'Stall 12', capital: 2_000_000 } } },
    });
    expect(old.status).toBe(409);
    expect(old.json.code).toBe('REGISTRATION.SERVICE_VERSION_RETIRED');
    const current = await as('stallholder')('/services/market-stall/applications', {
      body: { formData: { data: { businessName: 'Stall 12', capital: 2_000_000 } } },
    });
    expect(current.json).toMatchObject({ serviceVersion: 2, fee: { due: 5_000 }, status: { code: 'PENDING' } });
  });
});

describe('an application at the one-door counter', () => {
  it('prefills, validates, attaches a document, moves between offices and is tracked without a login', async () => {
    const person = await enrol();
    tokens.citizen = await authority.sign({ sub: person.personId, roles: ['citizen'] });
    tokens.stranger = await authority.sign({ sub: randomUUID(), roles: ['citizen'] });

    const prefill = await as('citizen')('/services/business-licence/prefill');
    expect(prefill.json).toMatchObject({
      data: { ownerName: 'ສົມພອນ ວົງສາ', province: '01', district: '0101' },
      eligible: true,
    });

    const form = { businessName: 'ຮ້ານ ສົມພອນ', capital: 5_000_000 };
    const direct = await as('citizen')('/services/business-licence/applications', {
      body: { formData: { data: form } },
    });
    expect(direct.status).toBe(422);
    expect(direct.json.code).toBe('REGISTRATION.DOCUMENTS_MISSING');

    const key = `draft-${randomUUID()}`;
    const draft = await as('citizen')('/services/business-licence/applications', {
      body: { formData: { data: form }, draft: true },
      headers: { 'idempotency-key': key },
    });
    expect(draft.json).toMatchObject({
      status: { code: 'DRAFT' },
      formData: { data: { ownerName: 'ສົມພອນ ວົງສາ', capital: 5_000_000 } },
    });
    const id = draft.json.fileId as string;
    const retried = await as('citizen')('/services/business-licence/applications', {
      body: { formData: { data: form }, draft: true },
      headers: { 'idempotency-key': key },
    });
    expect(retried.json.fileId).toBe(id);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    // Retries racing each other: one application, every answer the same.
    const racingKey = `race-${randomUUID()}`;
    const racing = await Promise.all(
      Array.from({ length: 6 }, () =>
        as('citizen')('/services/business-licence/applications', {
          body: { formData: { data: { ...form, businessName: 'ຮ້ານ ແຂ່ງ' } }, draft: true },
          headers: { 'idempotency-key': racingKey },
        }),
      ),
    );
    expect(racing.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(new Set(racing.map((r) => r.json.fileId)).size).toBe(1);
    expect(racing.filter((r) => r.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    const otherBody = await as('citizen')('/services/business-licence/applications', {
      body: { formData: { data: { ...form, capital: 1 } }, draft: true },
      headers: { 'idempotency-key': key },
    });
    expect(otherBody.status).toBe(422);
    const malformedKey = await as('citizen')('/services/business-licence/applications', {
      body: { formData: { data: form }, draft: true },
      headers: { 'idempotency-key': 'a key with spaces' },
    });
    expect(malformedKey.status).toBe(400);
    expect(malformedKey.contentType).toContain('application/problem+json');
    expect(malformedKey.json.code).toBe('PLATFORM.IDEMPOTENCY_KEY_INVALID');
    expect(
      await sql(`SELECT 1 FROM registration.applications WHERE applicant_id = $1`, [person.personId]),
    ).toHaveLength(2);

    const disguised = await upload(
      'citizen',
      id,
      'business-plan',
      Buffer.from('MZ\x90\x00 this is a program', 'latin1'),
    );
    expect(disguised.status).toBe(415);
    const oversize = await upload('citizen', id, 'business-plan', Buffer.concat([PDF, Buffer.alloc(2_000, 32)]));
    expect(oversize.status).toBe(413);
    expect((await upload('citizen', id, 'passport', PDF)).status).toBe(422);
    expect((await upload('stranger', id, 'business-plan', PDF)).status).toBe(404);
    const attached = await upload('citizen', id, 'business-plan', PDF);
    expect(attached.status).toBe(201);
    expect(attached.json.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    expect(await sql(`SELECT 1 FROM registration.documents WHERE application_id = $1`, [id])).toHaveLength(1);

    const invalid = await as('citizen')(`/applications/${id}`, {
      method: 'PUT',
      body: { formData: { data: { capital: 'a lot' } }, submit: true },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.json.errors).toEqual([expect.objectContaining({ field: 'capital' })]);
    const small = await as('citizen')(`/applications/${id}`, {
      method: 'PUT',
      body: { formData: { data: { capital: 500_000 } }, submit: true },
    });
    expect(small.json).toMatchObject({
      code: 'REGISTRATION.NOT_ELIGIBLE',
      detail: 'Capital of at least 1,000,000 kip',
    });
    const submitting = {
      method: 'PUT',
      body: { formData: { data: { capital: 5_000_000 } }, submit: true },
      headers: { 'idempotency-key': `submit-${randomUUID()}` },
    };
    const submitted = await as('citizen')(`/applications/${id}`, submitting);
    expect(submitted.json).toMatchObject({ status: { code: 'PENDING' }, fee: { due: 150_000, paid: false } });
    // The answer was lost on a dropped connection: the retry with the same key is told it succeeded (not 409).
    const resent = await as('citizen')(`/applications/${id}`, submitting);
    expect([resent.status, resent.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
    expect(resent.json).toEqual(submitted.json);
    const trackingCode = submitted.json.trackingCode as string;

    // The workflow block routes it to the district office, whose officer works it through this block's tasks.
    const task = await openTask(id);
    expect(task.unit).toBe(UNIT);
    await waitFor('routed and given a deadline', async () => {
      const row = await applicationRow(id);
      return row.unit === UNIT && row.expected_by ? row : undefined;
    });
    const queue = await as('officer')('/tasks');
    expect(
      (queue.json.items as { taskId: string; trackingCode: string }[]).find((t) => t.taskId === task.id),
    ).toMatchObject({ trackingCode });
    expect((await as('outsider')(`/applications/${id}`)).status).toBe(404);
    expect((await as('stranger')(`/applications/${id}`)).status).toBe(404);
    expect((await as('outsider')(`/tasks/${task.id}`)).status).toBe(404);
    expect((await as('officer')(`/applications/${id}`)).json).toMatchObject({
      office: UNIT,
      documents: [expect.objectContaining({ type: 'business-plan' })],
    });

    const refused = await as('officer')(`/tasks/${task.id}/complete`, { body: { data: { outcome: 'maybe' } } });
    expect(refused.status).toBe(422);
    expect(refused.json.code).toBe('WORKFLOW.OUTCOME_NOT_ACCEPTED');
    expect(
      (
        await as('officer')(`/tasks/${task.id}/complete`, {
          body: { data: { outcome: 'sendback', comment: 'Sign page 2.' } },
        })
      ).status,
    ).toBe(200);
    await waitFor('sent back', async () => ((await applicationRow(id)).status === 'SENDBACK' ? true : undefined));
    // What to correct reaches the citizen with the application.
    expect((await as('citizen')(`/applications/${id}`)).json.status).toEqual({
      code: 'SENDBACK',
      title: 'Sendback',
      reason: 'Sign page 2.',
    });

    // Tracking: the code as read over the phone, and the phone's last four digits.
    const tracked = await anonymous(`/tracking/${trackingCode.toLowerCase().replace(/-/g, ' ')}?phone=2345`);
    expect(tracked.json).toMatchObject({
      trackingCode,
      status: 'SENDBACK',
      reason: 'Sign page 2.',
      office: UNIT,
      service: { en: 'Business licence' },
    });
    expect((tracked.json.history as { status: string }[]).map((h) => h.status)).toEqual(
      expect.arrayContaining(['DRAFT', 'PENDING', 'SENDBACK']),
    );
    expect((await anonymous(`/tracking/${trackingCode}?phone=9999`)).status).toBe(404);
    const typo = trackingCode.slice(0, 2) + (trackingCode[2] === '7' ? '8' : '7') + trackingCode.slice(3);
    expect((await anonymous(`/tracking/${typo}?phone=2345`)).json.code).toBe('REGISTRATION.BAD_TRACKING_CODE');

    const corrected = await as('citizen')(`/applications/${id}`, {
      method: 'PUT',
      body: { formData: { data: { businessName: 'ຮ້ານ ສົມພອນ ການຄ້າ' } }, submit: true },
    });
    expect(corrected.json.status).toEqual({ code: 'PENDING', title: 'Pending' });
    const again = await waitFor('reviewed again', async () => {
      const next = await openTask(id);
      return next.id !== task.id ? next : undefined;
    });
    expect(
      (await as('officer')(`/tasks/${again.id}/complete`, { body: { data: { outcome: 'approve' } } })).status,
    ).toBe(200);

    expect(
      (await as('payments')(`/applications/${id}/payments`, { body: { reference: 'BCEL-1', amount: 1 } })).json.code,
    ).toBe('REGISTRATION.WRONG_AMOUNT');
    expect(
      (await as('citizen')(`/applications/${id}/payments`, { body: { reference: 'BCEL-1', amount: 150_000 } })).status,
    ).toBe(403);
    expect(
      (
        await as('payments')(`/applications/${id}/payments`, {
          body: { reference: 'BCEL-20261122-0042', amount: 150_000 },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await as('payments')(`/applications/${id}/payments`, {
          body: { reference: 'BCEL-20261122-0043', amount: 150_000 },
        })
      ).status,
    ).toBe(409);
    await waitFor('approved', async () => ((await applicationRow(id)).status === 'APPROVED' ? true : undefined));

    const detail = await as('citizen')(`/applications/${id}`);
    expect(detail.json).toMatchObject({
      status: { code: 'APPROVED' },
      ended: true,
      fee: { paid: true, reference: 'BCEL-20261122-0042' },
    });
    expect((detail.json.history as { action: string }[]).map((h) => h.action)).toEqual(
      expect.arrayContaining([
        'draft-saved',
        'document-uploaded',
        'submitted',
        'routed',
        'status-changed',
        'resubmitted',
        'fee-paid',
      ]),
    );

    // What was applied for: a signed certificate, checked offline with the published key alone.
    const certificate = await as('citizen')(`/applications/${id}/certificate`);
    expect(certificate.status).toBe(200);
    const keys = await anonymous('/certificates/jwks.json');
    const { payload } = await compactVerify(
      certificate.json.credential as string,
      createLocalJWKSet(keys.json as never),
    );
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({
      jti: id,
      svc: 'business-licence',
      min: 'MOIC',
    });
    expect((certificate.json.text as { lo: string }).lo).toContain('ໃບອະນຸຍາດທຸລະກິດ');
    const checked = await anonymous('/certificates/verify', {
      method: 'POST',
      body: { credential: certificate.json.credential },
    });
    expect(checked.json).toMatchObject({ valid: true, claims: { jti: id } });
    expect((await as('outsider')(`/applications/${id}/certificate`)).status).toBe(404);

    const stats = await as('officer')('/data/statistics');
    expect(stats.json.byService).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'business-licence' })]),
    );
    expect(stats.json.processing).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ serviceCode: 'business-licence', decided: 1, withinTarget: 1 }),
      ]),
    );
    expect((await as('citizen')('/data/statistics')).status).toBe(403);
  });

  it('a counter clerk applies for a citizen, who withdraws it; the process stops', async () => {
    const person = await enrol();
    const draft = await as('clerk')('/services/business-licence/applications', {
      body: {
        applicantId: person.personId,
        formData: { data: { businessName: 'Noodle shop', capital: 3_000_000 } },
        draft: true,
        phone: '+8562099998888',
      },
    });
    expect(draft.json).toMatchObject({ channel: 'counter', applicantId: person.personId });
    const id = draft.json.fileId as string;
    expect((await upload('clerk', id, 'business-plan', PDF)).status).toBe(201);
    expect(
      (await as('clerk')(`/applications/${id}`, { method: 'PUT', body: { formData: { data: {} }, submit: true } }))
        .status,
    ).toBe(200);
    await openTask(id);
    const withdrawn = await as('clerk')(`/applications/${id}/withdraw`, {
      body: { reason: 'The shop will not open.' },
    });
    expect(withdrawn.json.status).toEqual({ code: 'WITHDRAWN', title: 'Withdrawn' });
    await waitFor('process stopped', async () => {
      const [instance] = await sql<{ state: string }>(`SELECT state FROM workflow.instances WHERE business_key = $1`, [
        id,
      ]);
      return instance?.state === 'stopped' ? true : undefined;
    });
    expect((await as('clerk')(`/applications/${id}/withdraw`, { body: {} })).status).toBe(409);
  });

  it('nothing stranded: no service without its process; a case no rule routes is shown stalled and restarted', async () => {
    const unknown = await as('admin')('/services', {
      body: service({ code: 'orphan-licence', processKey: 'no-such-process' }),
    });
    expect([unknown.status, unknown.json.code]).toEqual([422, 'REGISTRATION.UNKNOWN_PROCESS']);
    expect(unknown.json.errors).toEqual([expect.objectContaining({ field: 'processKey' })]);

    // A business in Luang Prabang (06): the routing table has no office for it yet.
    const person = await enrol();
    tokens.lpb = await authority.sign({ sub: person.personId, roles: ['citizen'] });
    const draft = await as('lpb')('/services/business-licence/applications', {
      body: {
        formData: { data: { businessName: 'Mekong crafts', capital: 5_000_000, province: '06', district: '0601' } },
        draft: true,
      },
    });
    const id = draft.json.fileId as string;
    expect((await upload('lpb', id, 'business-plan', PDF)).status).toBe(201);
    const submitted = await as('lpb')(`/applications/${id}`, {
      method: 'PUT',
      body: { formData: { data: {} }, submit: true },
    });
    expect(submitted.status).toBe(200);
    await waitFor('the application shows it stalled', async () => {
      const seen = await as('lpb')(`/applications/${id}`);
      return seen.json.stalled ? seen : undefined;
    });
    expect((await as('lpb')(`/applications/${id}`)).json.stalled).toMatchObject({
      reason: expect.stringContaining('no routing rule'),
    });
    const stalled = await as('admin')('/applications?stalled=true&limit=100');
    expect((stalled.json.items as { fileId: string }[]).map((a) => a.fileId)).toContain(id);
    expect((await as('lpb')(`/applications/${id}/restart`, { body: {} })).status).toBe(403);
    expect((await as('mohAdmin')(`/applications/${id}/restart`, { body: {} })).status).toBe(404);

    const rule = { category: 'business-licence', province: '06', unit: 'MOIC-LPB' };
    const added = await as('workflowAdmin', 'workflow')('/routing-rules/licence-06', { method: 'PUT', body: rule });
    expect(added.status).toBe(200);
    const restarted = await as('admin')(`/applications/${id}/restart`, {
      body: { note: 'Luang Prabang office added' },
    });
    expect([restarted.status, restarted.json.stalled]).toEqual([200, undefined]);
    expect((await openTask(id)).unit).toBe('MOIC-LPB');
    expect((await as('admin')(`/applications/${id}/restart`, { body: {} })).status).toBe(409);
  });

  it('throttles guessing of tracking codes', async () => {
    const guesses = Array.from({ length: 11 }, () => {
      const data = Array.from(
        { length: 8 },
        () => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[Math.floor(Math.random() * 32)],
      ).join('');
      const check = [...'0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U'].find((c) => {
        let r = 0;
        for (const ch of data) r = (r * 32 + '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.indexOf(ch)) % 37;
        return '0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U'[r] === c;
      })!;
      return `${data.slice(0, 4)}-${data.slice(4)}-${check}`;
    });
    await sql(`DELETE FROM registration.tracking_attempts`); // earlier tests' wrong attempts came from this address too
    const statuses: number[] = [];
    for (const code of guesses)
      statuses.push((await anonymous(`/tracking/${encodeURIComponent(code)}?phone=1234`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
