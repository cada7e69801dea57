/**
 * GovStack conformance: a client written from GovStack's documents (../shared/govstack/<block>/api) against the
 * registration, messaging, workflow and identity blocks' GovStack faces (`/<block>/govstack`), with the five blocks on the
 * real broker and database. Every answer is checked against the document by a standard OpenAPI validator
 * (openapi-backend with Ajv, libs/testing GovStackDocument); every operation of each document is called, with
 * valid and invalid input; docs/conformance.md lists exactly the deviations this file allows.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';

type CryptoKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
import { ROLES } from '@onedoor/contracts';
import { GOVSTACK_ERROR } from '@onedoor/platform-kit';
import { messagingSealingKey, readTopic, Unsealer } from '@onedoor/backbone';
import { OneTimeCodeRequested, type OneTimeCodeRequestedPayload, type OneTimeCodeSecret } from '@onedoor/contracts';
import { api, GovStackDocument, requireKafkaBrokers, waitFor } from '@onedoor/testing';
import { startAllBlocks, type AllBlocks } from './all-blocks';
import { DEVIATIONS } from './govstack-deviations';

type Block = 'registration' | 'messaging' | 'workflow' | 'identity' | 'mediator';
const FILES: Record<Block, string[]> = {
  registration: [
    'registration/api/GovStack_Registration_BB_API.json',
    'registration/api/GovStack_Registration_BB_API_statistics.json',
  ],
  messaging: ['messaging/api/swagger.json'],
  workflow: ['workflow/api/swagger.yaml'],
  identity: ['identity/api/Identity-Provider.yaml'],
  mediator: [
    'information-mediator/api/GovStack_IM_PubSub_API.yaml',
    'information-mediator/api/GovStack_IM_Directory_Services_API.yaml',
  ],
};
const UNIT = 'MOIC-VTE-D01';
const OAUTH_ERROR = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'string' }, error_description: { type: 'string' } },
};
const IM_CLIENT = { 'information-mediator-client': 'LA/GOV/MOIC/one-door-portal' };

let blocks: AllBlocks;
const documents = {} as Record<Block, GovStackDocument>;
const called = {
  registration: new Set<string>(),
  messaging: new Set<string>(),
  workflow: new Set<string>(),
  identity: new Set<string>(),
  mediator: new Set<string>(),
};
const mismatches: string[] = [];
const tokens: Record<string, string> = {};

/** A GovStack client's call: `path` below the block's GovStack base URL, checked against the block's document. */
async function govstack(
  block: Block,
  who: string | undefined,
  method: string,
  path: string,
  init: { body?: unknown; headers?: Record<string, string>; query?: string } = {},
) {
  const response = await api(`${blocks.platform.urls[block]}/govstack${path}${init.query ? `?${init.query}` : ''}`, {
    method,
    token: who ? tokens[who] : undefined,
    body: init.body,
    headers: init.headers,
  });
  const operation = documents[block].operation(method, path);
  if (operation) called[block].add(operation);
  const body = response.status === 204 ? undefined : response.json;
  mismatches.push(...documents[block].check({ method, path, status: response.status, body }));
  return response;
}
const registration = (who: string | undefined, method: string, path: string, init = {}) =>
  govstack('registration', who, method, path, init);
const messaging = (who: string | undefined, method: string, path: string, init = {}) =>
  govstack('messaging', who, method, path, init);
const workflow = (who: string | undefined, method: string, path: string, init = {}) =>
  govstack('workflow', who, method, path, init);
const identity = (who: string | undefined, method: string, path: string, init = {}) =>
  govstack('identity', who, method, path, init);
/** OneDoor's own API, for what GovStack has no operation for (publishing a service, a routing rule). */
const onedoor = (block: string, who: string, method: string, path: string, body?: unknown) =>
  api(`${blocks.platform.urls[block]}${path}`, { method, token: tokens[who], body });

const BPMN = readFileSync(join(__dirname, '../../workflow/examples/business-licence.bpmn'), 'utf8');
const SERVICE = {
  code: 'market-stall',
  name: { lo: 'ໃບອະນຸຍາດຮ້ານຕະຫຼາດ', en: 'Market stall licence' },
  description: { lo: 'ຂໍໃບອະນຸຍາດຮ້ານໃນຕະຫຼາດ', en: 'Licence for a stall at a market' },
  ministry: 'MOIC',
  unit: 'MOIC-DERM',
  eForm: {
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['stallName', 'province', 'district'],
      properties: {
        stallName: { type: 'string', minLength: 2, maxLength: 200 },
        province: { type: 'string' },
        district: { type: 'string' },
      },
    },
  },
  documents: [
    {
      type: 'stall-plan',
      name: { lo: 'ແຜນຜັງຮ້ານ', en: 'Plan of the stall' },
      required: false,
      maxBytes: 100_000,
      mediaTypes: ['application/pdf'],
    },
  ],
  eligibility: [],
  fee: 0,
  processKey: 'business-licence',
  slaWorkingDays: 10,
};
const FORM = { stallName: 'Stall 7', province: '01', district: '0101' };
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** GovStack's uploadFile: multipart/form-data, the files in `file`. */
async function uploadFile(who: string | undefined, files: Buffer[], query = '') {
  const form = new FormData();
  for (const bytes of files) form.append('file', new Blob([bytes]), 'document');
  const response = await fetch(`${blocks.platform.urls.registration}/govstack/documents${query}`, {
    method: 'POST',
    headers: who ? { authorization: `Bearer ${tokens[who]}` } : {},
    body: form,
  });
  const json = (await response.json()) as Record<string, unknown>;
  called.registration.add('POST /documents');
  mismatches.push(
    ...documents.registration.check({ method: 'POST', path: '/documents', status: response.status, body: json }),
  );
  return { status: response.status, json };
}

beforeAll(async () => {
  blocks = await startAllBlocks('govstack');
  const sign = (sub: string, roles: string[], scope: Record<string, string> = {}) =>
    blocks.token({ sub, roles, ...scope });
  tokens.operator = await sign('platform-operator', [ROLES.platformOperator]);
  tokens.workflowAdmin = await sign('workflow-admin', [ROLES.workflowAdmin]);
  tokens.starter = await sign('registration-client', [ROLES.workflowStarter]);
  tokens.admin = await sign('moic-admin', [ROLES.registrationAdmin], { ministry: 'MOIC' });
  tokens.officer = await sign('officer-khamla', [ROLES.registrationOfficer, 'registration.reviewer'], {
    ministry: 'MOIC',
    province: '01',
    unit: UNIT,
  });
  tokens.sender = await sign('ministry-portal', [ROLES.messagingSender]);
  tokens.otherSender = await sign('another-ministry-portal', [ROLES.messagingSender]);
  tokens.registrar = await sign('civil-registry', [ROLES.identityRegistrar]);
  tokens.wallet = await sign('lao-citizen-wallet', [ROLES.identityWallet]);
  tokens.citizen = await sign('2b9e1d7c-41f6-4c1e-9f0a-5d1f2a3b4c5d', [ROLES.citizen]);
  tokens.stranger = await sign('7c0d9e8f-1a2b-4c3d-8e9f-0a1b2c3d4e5f', [ROLES.citizen]);
  for (const block of Object.keys(FILES) as Block[]) {
    // Identity's OpenID endpoints refuse as OAuth does ({error, error_description}); its other operations, and the
    // other blocks', as GovStack's systemError.
    const refusal = block === 'identity' ? { anyOf: [GOVSTACK_ERROR, OAUTH_ERROR] } : GOVSTACK_ERROR;
    documents[block] = GovStackDocument.load(FILES[block], DEVIATIONS[block], refusal);
  }
  for (const [code, parentCode] of [
    ['MOIC', undefined],
    ['MOIC-DERM', 'MOIC'],
  ] as const) {
    const saved = await onedoor('identity', 'operator', 'PUT', `/organisations/${code}`, {
      kind: parentCode ? 'department' : 'ministry',
      ...(parentCode && { parentCode }),
      nameLo: code,
      nameEn: code,
    });
    expect(saved.status).toBe(200);
  }
  await waitFor(
    'registration knows the department',
    async () => (await blocks.db.query(`SELECT 1 FROM registration.organisations WHERE code = 'MOIC-DERM'`)).length > 0,
  );
  // Where the workflow block routes the cases: a category (the service's code) in a district, to an office.
  for (const category of ['business-licence', 'market-stall']) {
    const rule = { category, province: '01', district: '0101', unit: UNIT };
    expect((await onedoor('workflow', 'workflowAdmin', 'PUT', `/routing-rules/${category}-0101`, rule)).status).toBe(
      200,
    );
  }
}, 180_000);

afterEach(() => {
  // What GovStack's documents say is what a GovStack client gets.
  expect(mismatches.splice(0)).toEqual([]);
});

const savedBlockUrls = process.env.MEDIATOR_BLOCK_URLS;

afterAll(async () => {
  await blocks?.close();
  if (savedBlockUrls === undefined) delete process.env.MEDIATOR_BLOCK_URLS;
  else process.env.MEDIATOR_BLOCK_URLS = savedBlockUrls;
});

describe('workflow: GovStack workflow API', () => {
  let processId: string;

  it('adds, lists, reads, updates and deletes processes', async () => {
    const added = await workflow('workflowAdmin', 'POST', '/processes', {
      body: { name: 'Business licence', type: 'Public', version: '1', processBody: [{ code: 'bpmn', value: BPMN }] },
    });
    expect(added.status).toBe(201);
    expect(added.json.processDefinition).toMatchObject({ name: 'Business licence', isClosed: false });
    processId = added.json.id as string;

    const list = await workflow('workflowAdmin', 'GET', '/processes');
    expect(list.status).toBe(200);
    expect((list.json as unknown as { id: string }[]).map((p) => p.id)).toContain(processId);
    const one = await workflow('starter', 'GET', `/processes/${processId}`);
    expect(one.json.processDefinition).toMatchObject({
      processBody: expect.arrayContaining([{ code: 'bpmn', value: BPMN }]),
    });
    expect((await workflow('starter', 'GET', '/processes/no-such-process')).status).toBe(404);

    const invalid = await workflow('workflowAdmin', 'POST', '/processes', { body: { name: 'No type or version' } });
    expect([invalid.status, invalid.json.code]).toEqual([400, 'PLATFORM.VALIDATION_FAILED']);
    const broken = await workflow('workflowAdmin', 'POST', '/processes', {
      body: { name: 'Broken', type: 'Public', version: '1', processBody: [{ code: 'bpmn', value: '<nonsense' }] },
    });
    expect(broken.status).toBe(400);

    const updated = await workflow('workflowAdmin', 'PUT', `/processes/${processId}`, {
      body: { name: 'Business licence', type: 'Public', version: '2', processBody: [{ code: 'bpmn', value: BPMN }] },
    });
    expect([updated.status, updated.text]).toEqual([204, '']);
    const latest = await workflow('starter', 'GET', '/processes/business-licence');
    expect(latest.json.processDefinition).toMatchObject({ version: '2' });

    const other = await workflow('workflowAdmin', 'POST', '/processes', {
      body: {
        name: 'To delete',
        type: 'Private',
        version: '1',
        processBody: [{ code: 'bpmn', value: BPMN.replaceAll('business-licence', 'to-delete') }],
      },
    });
    expect(other.status).toBe(201);
    const deleted = await workflow('workflowAdmin', 'DELETE', `/processes/${other.json.id as string}`);
    expect(deleted.status).toBe(200);
    expect((await workflow('starter', 'GET', '/processes')).json).not.toContainEqual(
      expect.objectContaining({ id: other.json.id }),
    );
  });

  it('starts, lists, reads and stops instances; ids are plain strings', async () => {
    const started = await workflow('starter', 'POST', `/processes/${processId}/start`, {
      body: {
        processStartedBy: 'registration-client',
        InstanceValues: [
          { code: 'category', value: 'business-licence' },
          { code: 'province', value: '01' },
          { code: 'district', value: '0101' },
        ],
      },
    });
    expect(started.status).toBe(201);
    expect(started.json).toMatchObject({ processRef: expect.any(String), suspended: false, ended: false });
    const id = started.json.id as string;
    expect((await workflow('starter', 'POST', `/processes/${processId}/start`, { body: {} })).status).toBe(400);
    expect(
      (await workflow('starter', 'POST', '/processes/no-such-process/start', { body: { processStartedBy: 'x' } }))
        .status,
    ).toBe(404);

    const all = await workflow('starter', 'GET', '/instances/');
    expect(all.json).toContainEqual(expect.objectContaining({ id, state: 'running' }));
    const filtered = await workflow('starter', 'GET', '/instances/', { query: `processId=${processId}` });
    expect((filtered.json as unknown as { id: string }[]).map((i) => i.id)).toContain(id);
    expect((await workflow('starter', 'GET', '/instances/', { query: 'processId=nothing' })).json).toEqual([]);
    expect((await workflow('starter', 'GET', `/instances/${id}`)).json).toMatchObject({ id, state: 'running' });
    expect((await workflow('starter', 'GET', '/instances/12345')).status).toBe(404);

    const stopped = await workflow('starter', 'POST', `/instances/${id}/stop`);
    expect([stopped.status, stopped.json.ended, stopped.json.state]).toEqual([201, true, 'stopped']);
    expect((await workflow('starter', 'POST', '/instances/not-an-instance/stop')).status).toBe(404);
  });
});

describe('registration: GovStack registration API', () => {
  let serviceId: string;
  let fileId: string;

  it('serves the catalogue and eForms; an id that names nothing is 404, not malformed', async () => {
    await waitFor(
      'registration knows the process',
      async () =>
        (await blocks.db.query(`SELECT 1 FROM registration.processes WHERE key = 'business-licence'`)).length > 0,
    );
    const published = await onedoor('registration', 'admin', 'POST', '/services', SERVICE);
    expect(published.status).toBe(201);
    serviceId = published.json.id as string;

    const services = await registration(undefined, 'GET', '/services');
    expect(services.json).toContainEqual(
      expect.objectContaining({ id: serviceId, name: 'Market stall licence', version: '1', type: 'Public' }),
    );
    expect((await registration(undefined, 'GET', '/services', { query: 'name=stall' })).json).toHaveLength(1);
    expect((await registration(undefined, 'GET', '/services', { query: 'name=ຕະຫຼາດ' })).json).toHaveLength(1);
    expect((await registration(undefined, 'GET', '/services', { query: 'name=passport' })).json).toEqual([]);
    expect((await registration(undefined, 'GET', `/services/${serviceId}`)).json).toMatchObject({ id: serviceId });
    expect((await registration(undefined, 'GET', '/services/market-stall')).status).toBe(404);
    expect((await registration(undefined, 'GET', '/services/8a70cd6d-bdb2-41ed-9397-0242ac120004')).status).toBe(404);

    const eForms = await registration(undefined, 'GET', `/services/${serviceId}/eForms`);
    expect(eForms.json).toEqual([expect.objectContaining({ eFormId: serviceId, latest: true })]);
    expect((await registration(undefined, 'GET', '/services/nothing/eForms')).json).toEqual([]);
    const eForm = await registration(undefined, 'GET', `/eForms/${serviceId}`);
    expect(eForm.json.schema).toMatchObject({ required: ['stallName', 'province', 'district'] });
    expect((await registration(undefined, 'GET', '/eForms/nothing')).status).toBe(404);
  });

  it('takes an application file with only what the document requires, and refuses bad ones with 4xx', async () => {
    const bare = await registration('citizen', 'POST', `/services/${serviceId}/applications`, {
      body: { applicantId: '2b9e1d7c-41f6-4c1e-9f0a-5d1f2a3b4c5d' },
    });
    // The service's eForm requires fields: a 400 naming them, not a 500.
    expect([bare.status, bare.json.code]).toEqual([400, 'REGISTRATION.FORM_INVALID']);
    const unknown = await registration(
      'citizen',
      'POST',
      '/services/8a70cd6d-bdb2-41ed-9397-0242ac120004/applications',
      {
        body: { applicantId: '2b9e1d7c-41f6-4c1e-9f0a-5d1f2a3b4c5d' },
      },
    );
    expect(unknown.status).toBe(404);
    expect((await registration('citizen', 'POST', `/services/${serviceId}/applications`, { body: {} })).status).toBe(
      400,
    );

    const uploaded = await uploadFile('citizen', [PDF], '?additionalMetadata=stall-plan');
    expect(uploaded.status).toBe(200);
    expect(uploaded.json).toMatchObject({
      code: 200,
      type: 'application/pdf',
      url: expect.stringMatching(/\/documents\//),
    });
    const documentUrls = [uploaded.json.url as string];
    const submission = {
      applicantId: '2b9e1d7c-41f6-4c1e-9f0a-5d1f2a3b4c5d',
      applicationName: 'Stall 7',
      created: '2026-11-30T08:00:00.000Z',
      formData: { eFormId: serviceId, data: FORM },
      documentUrls,
      somethingElse: 'properties the document does not name are ignored',
    };
    const submitted = await registration('citizen', 'POST', `/services/${serviceId}/applications`, {
      body: submission,
      headers: { 'idempotency-key': 'stall-7-first-try' },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.json).toMatchObject({
      serviceId,
      serviceName: 'Market stall licence',
      status: { code: 'PENDING' },
      ended: false,
      applicationData: { applicantId: '2b9e1d7c-41f6-4c1e-9f0a-5d1f2a3b4c5d', formData: { data: FORM } },
    });
    fileId = submitted.json.fileId as string;
    expect(submitted.json.applicationData).toMatchObject({ documentUrls });
    const retried = await registration('citizen', 'POST', `/services/${serviceId}/applications`, {
      body: submission,
      headers: { 'idempotency-key': 'stall-7-first-try' },
    });
    // The upload is the application's document now: not linked twice, and read by whoever may read the file.
    const again = await registration('citizen', 'POST', `/services/${serviceId}/applications`, {
      body: { ...submission, applicationName: 'Stall 8' },
    });
    expect([again.status, again.json.code]).toEqual([409, 'REGISTRATION.UPLOAD_TAKEN']);
    const linkedByStranger = await registration('stranger', 'POST', `/services/${serviceId}/applications`, {
      body: { ...submission, applicantId: '7c0d9e8f-1a2b-4c3d-8e9f-0a1b2c3d4e5f' },
    });
    expect([linkedByStranger.status, linkedByStranger.json.code]).toEqual([400, 'REGISTRATION.UNKNOWN_UPLOAD']);
    const bytes = await fetch(`${blocks.platform.urls.registration.replace(/\/registration$/, '')}${documentUrls[0]}`, {
      headers: { authorization: `Bearer ${tokens.citizen}` },
    });
    expect(Buffer.from(await bytes.arrayBuffer()).equals(PDF)).toBe(true);
    expect([retried.status, retried.json.fileId, retried.headers.get('idempotent-replayed')]).toEqual([
      200,
      fileId,
      'true',
    ]);
  });

  it('lists and reads application files the caller may see, with the document’s filters, window and order', async () => {
    const mine = await registration('citizen', 'GET', '/applications');
    expect(mine.json).toEqual([
      expect.objectContaining({ fileId, serviceId, status: { code: 'PENDING', title: 'Pending' } }),
    ]);
    expect((await registration('stranger', 'GET', '/applications')).json).toEqual([]);
    const query = `serviceId=${serviceId}&firstResult=0&maxResult=10&sortBy=created&sortOrder=asc`;
    expect((await registration('citizen', 'GET', '/applications', { query })).json).toHaveLength(1);
    expect((await registration('citizen', 'GET', '/applications', { query: 'firstResult=1' })).json).toEqual([]);
    expect((await registration('citizen', 'GET', '/applications', { query: 'maxResult=0' })).json).toEqual([]);
    expect((await registration('citizen', 'GET', '/applications', { query: 'serviceId=abc' })).json).toEqual([]);
    expect((await registration('citizen', 'GET', '/applications', { query: 'maxResult=-1' })).status).toBe(400);

    const file = await registration('citizen', 'GET', `/applications/${fileId}`);
    expect(file.json).toMatchObject({
      fileId,
      applicationData: {
        formData: { data: FORM },
        documentUrls: [expect.stringMatching(/^\/registration\/documents\//)],
      },
    });
    expect((await registration('stranger', 'GET', `/applications/${fileId}`)).status).toBe(404);
    expect((await registration('citizen', 'GET', '/applications/81c4445c')).status).toBe(404);
  });

  it('takes one document per upload, in a format a document may be in, from applicants', async () => {
    expect((await uploadFile('citizen', [])).status).toBe(400);
    expect((await uploadFile('citizen', [PDF, PDF])).status).toBe(400);
    expect((await uploadFile('citizen', [Buffer.from('<html>hello</html>')])).status).toBe(415);
    expect((await uploadFile('officer', [PDF])).status).toBe(403);
    expect((await uploadFile(undefined, [PDF])).status).toBe(401);
  });

  it("works the officer's tasks: send back, correct with PUT, approve without an outcome", async () => {
    const task = await waitFor('a task at the office', async () => {
      const list = await registration('officer', 'GET', '/tasks', { query: `fileId=${fileId}` });
      return (list.json as unknown as { taskId: string; mainTaskId: string }[])[0];
    });
    expect(task.mainTaskId).toBe(fileId);
    expect(
      (
        await registration('officer', 'GET', '/tasks', {
          query: `mainTaskId=${fileId}&firstResult=0&maxResult=5&sortBy=dueDate&sortOrder=desc`,
        })
      ).json,
    ).toHaveLength(1);
    expect((await registration('officer', 'GET', '/tasks', { query: 'assigneeId=someone-else' })).json).toEqual([]);
    expect((await registration('officer', 'GET', '/tasks', { query: 'fileId=nothing' })).json).toEqual([]);
    expect((await registration('officer', 'GET', '/tasks', { query: `fileId=${fileId}&maxResult=0` })).json).toEqual(
      [],
    );
    const one = await registration('officer', 'GET', `/tasks/${task.taskId}`);
    expect(one.json).toMatchObject({ taskId: task.taskId, taskName: 'Review the application', fileId, data: FORM });
    expect((await registration('officer', 'GET', '/tasks/nothing')).status).toBe(404);
    expect((await registration('citizen', 'GET', `/tasks/${task.taskId}`)).status).toBe(404);

    const badDecision = await registration('officer', 'POST', `/tasks/${task.taskId}/complete`, {
      body: { data: { status: 'MAYBE' } },
    });
    expect(badDecision.status).toBe(400);
    const sentBack = await registration('officer', 'POST', `/tasks/${task.taskId}/complete`, {
      body: { data: { status: { code: 'SENDBACK' }, comment: 'The stall name is the market’s, not yours.' } },
    });
    expect(sentBack.status).toBe(200);
    expect(sentBack.json).toMatchObject({ taskId: task.taskId, fileId });
    expect((await registration('officer', 'POST', '/tasks/nothing/complete', { body: { data: {} } })).status).toBe(404);
    await waitFor(
      'sent back',
      async () =>
        (await registration('citizen', 'GET', `/applications/${fileId}`)).json.status?.toString() !== undefined &&
        ((await registration('citizen', 'GET', `/applications/${fileId}`)).json.status as { code: string }).code ===
          'SENDBACK',
    );

    const wrongApplicant = await registration('citizen', 'PUT', `/applications/${fileId}`, {
      body: { applicantId: 'someone-else', formData: { data: { ...FORM, stallName: 'Noy’s stall' } } },
    });
    expect(wrongApplicant.status).toBe(400);
    // The corrected plan, uploaded first, goes with the correction; the first plan stays the file's.
    const before = (await registration('citizen', 'GET', `/applications/${fileId}`)).json.applicationData as {
      documentUrls: string[];
    };
    const plan = await uploadFile('citizen', [PDF], '?additionalMetadata=type%3Dstall-plan');
    const corrected = await registration('citizen', 'PUT', `/applications/${fileId}`, {
      body: {
        applicantId: '2b9e1d7c-41f6-4c1e-9f0a-5d1f2a3b4c5d',
        formData: { data: { ...FORM, stallName: 'Noy’s stall' } },
        documentUrls: [...before.documentUrls, plan.json.url as string],
      },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.json).toMatchObject({
      status: { code: 'PENDING' },
      applicationData: {
        formData: { data: { stallName: 'Noy’s stall' } },
        documentUrls: [...before.documentUrls, plan.json.url],
      },
    });
    const reread = await registration('citizen', 'GET', `/applications/${fileId}`);
    expect((reread.json.applicationData as { documentUrls: string[] }).documentUrls).toHaveLength(2);
    expect(
      (await registration('stranger', 'PUT', `/applications/${fileId}`, { body: { applicantId: 'x' } })).status,
    ).toBe(404);
    expect((await registration('citizen', 'PUT', '/applications/nothing', { body: { applicantId: 'x' } })).status).toBe(
      404,
    );

    const next = await waitFor('the task again', async () => {
      const list = await registration('officer', 'GET', '/tasks', { query: `fileId=${fileId}` });
      return (list.json as unknown as { taskId: string }[]).find((t) => t.taskId !== task.taskId);
    });
    const approved = await registration('officer', 'POST', `/tasks/${next.taskId}/complete`, { body: { data: {} } });
    expect(approved.status).toBe(200);
    expect(approved.json.variables).toEqual({ decision: { data: { outcome: 'approve' } } });
  });

  it("counts officers' decisions as the statistics document says, for the systems it names", async () => {
    expect((await registration('officer', 'GET', '/data/statistics')).status).toBe(400);
    expect(
      (
        await registration('officer', 'GET', '/data/statistics', {
          headers: { 'information-mediator-client': 'one-door' },
        })
      ).status,
    ).toBe(400);
    expect((await registration('citizen', 'GET', '/data/statistics', { headers: IM_CLIENT })).status).toBe(403);
    // The task's completion reaches the registration block as the workflow block's event.
    const all = await waitFor('both decisions counted', async () => {
      const answer = await registration('officer', 'GET', '/data/statistics', { headers: IM_CLIENT });
      return (answer.json as unknown as { processed: number }[])[0]?.processed === 2 ? answer : undefined;
    });
    expect(all.json).toEqual([
      expect.objectContaining({ processed: 2, approved: 1, sentBack: 1, rejected: 0, references: expect.any(Object) }),
    ]);
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Vientiane' });
    const daily = await registration('officer', 'GET', '/data/statistics', {
      headers: IM_CLIENT,
      query: `startDate=${today}&endDate=${today}&timeframe=day&registrationName=market-stall&operator=officer-khamla&role=registration.reviewer`,
    });
    expect(daily.json).toEqual([
      {
        processed: 2,
        approved: 1,
        sentBack: 1,
        rejected: 0,
        references: expect.objectContaining({ startDate: today, endDate: today, timeframeDay: true }),
      },
    ]);
    const nobody = await registration('officer', 'GET', '/data/statistics', {
      headers: IM_CLIENT,
      query: 'operator=nobody',
    });
    expect(nobody.json).toEqual([expect.objectContaining({ processed: 0 })]);
    const wrong = await registration('officer', 'GET', '/data/statistics', {
      headers: IM_CLIENT,
      query: 'timeframe=decade',
    });
    expect(wrong.status).toBe(400);
  });
});

describe('messaging: GovStack messaging API', () => {
  const email = {
    callback: { URI: 'https://portal.example.la/callback/emails' },
    senderInfo: { organisationName: 'Ministry of Industry and Commerce', email: 'noreply@moic.gov.la' },
    recipientInfo: {
      email: 'somphone@example.la',
      emailCC: 'office@example.la',
      emailBCC: 'archive@example.la',
      name: 'Somphone',
    },
    emailContent: { encoding: 'UTF-8', title: 'Your licence', content: 'It is ready to collect.' },
  };

  it('sends the document’s own example, a copy to CC and BCC, and counts by the statuses asked', async () => {
    const sent = await messaging('sender', 'POST', '/send/email/single', { body: email });
    expect(sent.status).toBe(200);
    const requestUid = sent.json.requestUid as string;
    const counts = await messaging('sender', 'GET', '/status/email', {
      headers: { requestUid },
      query: 'status=scheduled&status=processing&status=delivered&status=bounced&status=deferred&status=notSent',
    });
    expect(counts.status).toBe(200);
    const total = Object.values(counts.json as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(total).toBe(3);
    const some = await messaging('sender', 'GET', '/status/email', {
      headers: { requestUid },
      query: 'status=delivered',
    });
    expect(Object.keys(some.json)).toEqual(['delivered']);
  });

  it('sends a batch whose recipients come as base64', async () => {
    const recipients = [
      { recipientInfo: { email: 'a@example.la', emailCC: 'cc@example.la' } },
      { recipientInfo: { email: 'b@example.la', name: 'B' } },
    ];
    const batch = await messaging('sender', 'POST', '/send/email/batch', {
      body: {
        recipientInfo: { batchEmailAsBase64: Buffer.from(JSON.stringify(recipients)).toString('base64') },
        emailContent: email.emailContent,
      },
    });
    expect(batch.status).toBe(200);
    const counts = await messaging('sender', 'GET', '/status/email', {
      headers: { requestUid: batch.json.requestUid as string },
      query: 'status=scheduled,processing,delivered,bounced,deferred,notSent',
    });
    expect(Object.values(counts.json as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('answers invalid input with 405, as the document says, and writes nothing', async () => {
    const before = await blocks.db.query(`SELECT count(*)::int AS n FROM messaging.messages`);
    for (const body of [
      undefined,
      {},
      { ...email, recipientInfo: { email: 'not an address' } },
      { ...email, recipientInfo: { ...email.recipientInfo, emailCC: 'x@example.la, nonsense' } },
      { ...email, emailContent: { title: 'No content' } },
    ]) {
      const refused = await messaging('sender', 'POST', '/send/email/single', { body });
      expect([refused.status, refused.json.code]).toEqual([405, 'PLATFORM.VALIDATION_FAILED']);
    }
    for (const batchEmailAsBase64 of [
      '%%%',
      Buffer.from('[]').toString('base64'),
      Buffer.from('{"a":1}').toString('base64'),
      // One more than a batch takes.
      Buffer.from(
        JSON.stringify(Array.from({ length: 1_001 }, (_, i) => ({ recipientInfo: { email: `p${i}@example.la` } }))),
      ).toString('base64'),
    ]) {
      const refused = await messaging('sender', 'POST', '/send/email/batch', {
        body: { recipientInfo: { batchEmailAsBase64 }, emailContent: email.emailContent },
      });
      expect(refused.status).toBe(405);
    }
    expect(await blocks.db.query(`SELECT count(*)::int AS n FROM messaging.messages`)).toEqual(before);
    expect((await messaging('sender', 'GET', '/status/email', { query: 'status=delivered' })).status).toBe(405);
    const uid = { requestUid: '8a70cd6d-bdb2-41ed-9397-0242ac120004' };
    expect((await messaging('sender', 'GET', '/status/email', { headers: uid })).status).toBe(405);
    expect((await messaging('sender', 'GET', '/status/email', { headers: uid, query: 'status=lost' })).status).toBe(
      405,
    );
    expect(
      (await messaging('sender', 'GET', '/status/email', { headers: uid, query: 'status=delivered' })).status,
    ).toBe(404);
    expect((await messaging(undefined, 'POST', '/send/email/single', { body: email })).status).toBe(401);
  });

  it('keeps a callback for a request, for its sender to read, and tells integrators that it arrived', async () => {
    const sent = await messaging('sender', 'POST', '/send/email/single', { body: email });
    const requestUid = sent.json.requestUid as string;
    const reply = Buffer.from('I will collect it on Monday.').toString('base64');
    const kept = await messaging('sender', 'POST', '/callback/email', {
      headers: { requestUid },
      body: { meta: 'reply', content: reply },
    });
    expect(kept.status).toBe(200);
    const read = await api(`${blocks.platform.urls.messaging}/batches/${requestUid}/callbacks`, {
      token: tokens.sender,
    });
    expect(read.json).toEqual([
      expect.objectContaining({ meta: 'reply', content: reply, receivedBy: 'ministry-portal' }),
    ]);
    for (const [headers, body] of [
      [{}, { content: reply }],
      [{ requestUid }, { meta: 'no content' }],
      [{ requestUid }, { content: '%%% not base64' }],
    ] as const) {
      expect((await messaging('sender', 'POST', '/callback/email', { headers, body })).status).toBe(405);
    }
    const unknown = await messaging('sender', 'POST', '/callback/email', {
      headers: { requestUid: '8a70cd6d-bdb2-41ed-9397-0242ac120004' },
      body: { content: reply },
    });
    expect(unknown.status).toBe(404);
    expect(
      (await api(`${blocks.platform.urls.messaging}/batches/${requestUid}/callbacks`, { token: tokens.sender })).json,
    ).toHaveLength(1);
    // Another sender's client finds nothing of this request: not its counts, not its callbacks, not a callback slot.
    const elsewhere = await messaging('otherSender', 'GET', '/status/email', {
      headers: { requestUid },
      query: 'status=delivered',
    });
    expect(elsewhere.status).toBe(404);
    const theirs = await api(`${blocks.platform.urls.messaging}/batches/${requestUid}/callbacks`, {
      token: tokens.otherSender,
    });
    expect(theirs.status).toBe(404);
    const slot = await messaging('otherSender', 'POST', '/callback/email', {
      headers: { requestUid },
      body: { content: reply },
    });
    expect(slot.status).toBe(404);
  });

  it('answers a method the address does not serve with 405 and Allow', async () => {
    const wrong = await api(`${blocks.platform.urls.messaging}/govstack/send/email/single`, { token: tokens.sender });
    expect([wrong.status, wrong.headers.get('allow')]).toEqual([405, 'POST']);
  });
});

describe('identity: GovStack identity API (client management, token endpoint, discovery, authorize)', () => {
  const now = () => new Date().toISOString();
  const client = async (overrides: Record<string, unknown> = {}) => {
    const { publicKey } = await generateKeyPair('ES256');
    return {
      clientId: `health-portal-${Math.random().toString(36).slice(2, 8)}`,
      clientName: 'Ministry of Health portal',
      relyingPartyId: 'moh',
      logoUri: 'https://portal.moh.gov.la/logo.png',
      redirectUris: ['https://portal.moh.gov.la/login-success'],
      publicKey: await exportJWK(publicKey),
      authContextRefs: ['idbb:acr:generated-code'],
      userClaims: ['name', 'phone_number'],
      grantTypes: ['authorization_code'],
      clientAuthMethods: ['private_key_jwt'],
      ...overrides,
    };
  };
  const register = (request: unknown, who = 'operator', requestTime = now()) =>
    identity(who, 'POST', '/client-mgmt/oidc-client', { body: { requestTime, request } });
  const errorCodes = (answer: { json: Record<string, unknown> }) =>
    (answer.json.errors as { errorCode: string }[]).map((e) => e.errorCode);

  it('registers a relying party with 200 and its client id, refusing bad input with the document’s codes', async () => {
    const good = await client();
    const created = await register(good);
    expect([created.status, created.json.response, created.json.errors]).toEqual([
      200,
      { clientId: good.clientId },
      [],
    ]);
    const read = await api(`${blocks.platform.urls.identity}/client-mgmt/oidc-client/${good.clientId}`, {
      token: tokens.operator,
    });
    expect(read.json).toMatchObject({ token_endpoint_auth_method: 'private_key_jwt', onedoor_status: 'ACTIVE' });

    const cases: [Record<string, unknown>, string][] = [
      [{ clientId: good.clientId }, 'duplicate_client_id'],
      [{ authContextRefs: ['idbb:acr:nonsense'] }, 'invalid_acr'],
      [{ userClaims: ['password'] }, 'invalid_claim'],
      [{ grantTypes: ['client_credentials'] }, 'invalid_grant_type'],
      [{ clientAuthMethods: ['client_secret_basic'] }, 'invalid_client_auth'],
      [{ redirectUris: ['not a uri'] }, 'invalid_redirect_uri'],
      [{ logoUri: 'javascript:alert(1)' }, 'invalid_uri'],
      [{ clientName: '' }, 'invalid_client_name'],
      [{ relyingPartyId: 'x'.repeat(51) }, 'invalid_rp_id'],
      [{ clientId: 'has spaces' }, 'invalid_client_id'],
      [{ publicKey: { kty: 'oct', k: 'c2VjcmV0' } }, 'invalid_public_key'],
    ];
    for (const [overrides, code] of cases) {
      const refused = await register({ ...(await client()), ...overrides });
      expect([refused.status, errorCodes(refused)]).toEqual([200, expect.arrayContaining([code])]);
      expect(refused.json.response).toBeUndefined();
    }
    const stale = await register(await client(), 'operator', '2011-10-05T14:48:00.000Z');
    expect(errorCodes(stale)).toEqual(['invalid_request']);
    const noTime = await identity('operator', 'POST', '/client-mgmt/oidc-client', {
      body: { request: await client() },
    });
    expect(errorCodes(noTime)).toContain('invalid_request');
    expect((await register(await client(), 'citizen')).status).toBe(403);
    expect((await identity(undefined, 'POST', '/client-mgmt/oidc-client', { body: {} })).status).toBe(401);
  });

  it('updates a relying party with the document’s body, lower-case status included', async () => {
    const registered = await client();
    expect((await register(registered)).json.errors).toEqual([]);
    const change = {
      clientName: 'Ministry of Health portal (new)',
      status: 'inactive',
      logoUri: 'https://portal.moh.gov.la/logo-2.png',
      redirectUris: ['https://portal.moh.gov.la/callback'],
      userClaims: ['name'],
      authContextRefs: ['idbb:acr:generated-code'],
      grantTypes: ['authorization_code'],
      clientAuthMethods: ['private_key_jwt'],
    };
    const updated = await identity('operator', 'PUT', `/client-mgmt/oidc-client/${registered.clientId}`, {
      body: { requestTime: now(), request: change },
    });
    expect([updated.status, updated.json.response, updated.json.errors]).toEqual([
      200,
      { clientId: registered.clientId },
      [],
    ]);
    const read = await api(`${blocks.platform.urls.identity}/client-mgmt/oidc-client/${registered.clientId}`, {
      token: tokens.operator,
    });
    expect(read.json).toMatchObject({ client_name: change.clientName, onedoor_status: 'INACTIVE' });
    const unknown = await identity('operator', 'PUT', '/client-mgmt/oidc-client/no-such-client', {
      body: { requestTime: now(), request: change },
    });
    expect(errorCodes(unknown)).toEqual(['invalid_client_id']);
    const badClaim = await identity('operator', 'PUT', `/client-mgmt/oidc-client/${registered.clientId}`, {
      body: { requestTime: now(), request: { ...change, userClaims: ['password'] } },
    });
    expect(errorCodes(badClaim)).toEqual(['invalid_claim']);
    const badStatus = await identity('operator', 'PUT', `/client-mgmt/oidc-client/${registered.clientId}`, {
      body: { requestTime: now(), request: { ...change, status: 'SUSPENDED' } },
    });
    expect(errorCodes(badStatus)).toEqual(['invalid_request']);
  });

  it("answers the token endpoint's refusals in the document's codes; private_key_jwt as the document uses it", async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const registered = await client({ publicKey: await exportJWK(publicKey) });
    expect((await register(registered)).json.errors).toEqual([]);
    // The audience is the token endpoint the client calls: GovStack's base URL's.
    const tokenUrl = `${blocks.platform.urls.identity}/govstack/oauth/token`;
    const assertion = (key: CryptoKey, claims: Record<string, unknown> = {}) =>
      new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(registered.clientId)
        .setSubject(registered.clientId)
        .setAudience(tokenUrl)
        .setJti(crypto.randomUUID())
        .setIssuedAt()
        .setExpirationTime('2m')
        .sign(key);
    const token = (form: Record<string, string>) =>
      identity(undefined, 'POST', '/oauth/token', {
        body: new URLSearchParams(form).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const form = async (overrides: Record<string, string> = {}, key: CryptoKey = privateKey) => ({
      grant_type: 'authorization_code',
      code: 'no-such-code',
      client_id: registered.clientId,
      redirect_uri: registered.redirectUris[0],
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await assertion(key),
      ...overrides,
    });
    const unknownCode = await token(await form());
    expect([unknownCode.status, unknownCode.json.error]).toEqual([400, 'invalid_transaction']);
    const stranger = await generateKeyPair('ES256');
    const forged = await token(await form({}, stranger.privateKey));
    expect([forged.status, forged.json.error]).toEqual([400, 'invalid_assertion']);
    const wrongType = await token(await form({ client_assertion_type: 'urn:example:not-a-type' }));
    expect([wrongType.status, wrongType.json.error]).toEqual([400, 'invalid_assertion_type']);
    const password = await token(await form({ grant_type: 'password' }));
    expect([password.status, password.json.error]).toEqual([400, 'invalid_input']);
    const noCode = await token(await form({ code: '' }));
    expect([noCode.status, noCode.json.error]).toEqual([400, 'invalid_request']);
  });

  it('serves discovery at its GovStack base URL, naming client management as the registration endpoint', async () => {
    const discovery = await identity(undefined, 'GET', '/.well-known/openid-configuration');
    expect(discovery.status).toBe(200);
    expect(discovery.json).toMatchObject({
      issuer: `${blocks.platform.urls.identity}`,
      registration_endpoint: `${blocks.platform.urls.identity}/govstack/client-mgmt/oidc-client`,
    });
    // Userinfo without a token is 401; with one, a GovStack client gets a signed then encrypted JWT (identity's
    // OpenID tests follow that through a person's sign-in).
    const userinfo = await identity(undefined, 'GET', '/oidc/userinfo');
    expect(userinfo.status).toBe(401);
    // The document's authorize request goes to the issuer's, where the sign-in pages live (and PKCE is asked for).
    const query =
      'scope=openid&response_type=code&client_id=moh-portal&redirect_uri=https%3A%2F%2Fportal.moh.gov.la%2Fcb';
    const authorize = await fetch(`${blocks.platform.urls.identity}/govstack/authorize?${query}`, {
      redirect: 'manual',
    });
    expect([authorize.status, authorize.headers.get('location')]).toEqual([303, `/identity/authorize?${query}`]);
    called.identity.add('GET /authorize');
    mismatches.push(
      ...documents.identity.check({ method: 'GET', path: '/authorize', status: authorize.status, body: undefined }),
    );
  });
});

describe('identity: linked authorization and wallet binding, as a counter and a phone would call them', () => {
  const now = () => new Date().toISOString();
  const envelope = (request: unknown) => ({ body: { requestTime: now(), request } });
  const errorCode = (answer: { json: Record<string, unknown> }) =>
    (answer.json.errors as { errorCode: string }[] | undefined)?.[0]?.errorCode;

  /** The code the messaging block would deliver to the person: read from the topic, opened with its key. */
  async function deliveredCode(personId: string): Promise<string> {
    const pick = (messages: { headers: Record<string, string>; value: string }[]) =>
      messages
        .filter((m) => m.headers.ce_type === OneTimeCodeRequested.type)
        .map((m) => JSON.parse(m.value) as OneTimeCodeRequestedPayload)
        .filter((e) => e.personId === personId && e.purpose === 'wallet-binding');
    const [requested] = pick(
      await readTopic(requireKafkaBrokers(), OneTimeCodeRequested.topic, (m) => pick(m).length > 0),
    );
    const unsealer = await Unsealer.forKey(messagingSealingKey({ ONEDOOR_DATA_DIR: 'memory' }));
    return (await unsealer.open<OneTimeCodeSecret>(requested.sealed)).code;
  }

  it('binds a wallet, signs a counter in through the QR code, and exchanges the code at the GovStack token endpoint', async () => {
    const identityUrl = blocks.platform.urls.identity;
    // A person enrolled by the civil registry, with a phone.
    const enrolled = await onedoor('identity', 'registrar', 'POST', '/persons', {
      givenNameLo: 'ສົມພອນ',
      familyNameLo: 'ວົງສະຫວັນ',
      givenNameEn: 'Somphone',
      familyNameEn: 'Vongsavanh',
      dateOfBirth: '1985-04-21',
      sex: 'M',
      address: { provinceCode: '01', districtCode: '0101' },
      phone: '+8562077712345',
    });
    expect(enrolled.status).toBe(201);
    const person = { id: String(enrolled.json.id), uin: String(enrolled.json.uin) };

    // Wallet binding: the code to the person's phone, then the app's key with it.
    const partner = { 'partner-id': 'lao-citizen-wallet', 'partner-api-key': 'not-used' };
    const sent = await api(`${identityUrl}/govstack/binding-otp`, {
      method: 'POST',
      token: tokens.wallet,
      body: { requestTime: now(), request: { individualId: person.uin } },
    });
    expect([sent.status, sent.json.errors]).toEqual([200, []]);
    const phone = await generateKeyPair('ES256', { extractable: true });
    const binding = (more: Record<string, unknown>) =>
      identity('wallet', 'POST', '/wallet-binding', {
        headers: partner,
        ...envelope({
          individualId: person.uin,
          authFactorType: 'WLA',
          format: 'jwt',
          challengeList: [{ authFactorType: 'OTP', challenge: '000000', format: 'alpha-numeric' }],
          ...more,
        }),
      });
    const refusedKey = await binding({ publicKey: { kty: 'oct', k: 'c2VjcmV0' } });
    expect([refusedKey.status, errorCode(refusedKey)]).toEqual([200, 'invalid_public_key']);
    expect((await identity('citizen', 'POST', '/wallet-binding', envelope({}))).status).toBe(403);
    const code = await deliveredCode(person.id);
    const bound = await binding({
      publicKey: await exportJWK(phone.publicKey),
      challengeList: [{ authFactorType: 'OTP', challenge: code, format: 'alpha-numeric' }],
    });
    expect([bound.status, bound.json.errors]).toEqual([200, []]);
    const walletUserId = String((bound.json.response as { walletUserId: string }).walletUserId);

    // A GovStack relying party (private_key_jwt), and the counter's browser at its authorize request.
    const rp = await generateKeyPair('ES256');
    const clientId = `counter-${Math.random().toString(36).slice(2, 8)}`;
    const redirectUri = 'https://counter.moic.gov.la/login-success';
    const registered = await identity('operator', 'POST', '/client-mgmt/oidc-client', {
      body: {
        requestTime: now(),
        request: {
          clientId,
          clientName: 'Vientiane one-door counter',
          relyingPartyId: 'moic',
          logoUri: 'https://counter.moic.gov.la/logo.png',
          redirectUris: [redirectUri],
          publicKey: await exportJWK(rp.publicKey),
          authContextRefs: ['idbb:acr:linked-wallet'],
          userClaims: ['name', 'phone_number'],
          grantTypes: ['authorization_code'],
          clientAuthMethods: ['private_key_jwt'],
        },
      },
    });
    expect(registered.json.errors).toEqual([]);
    const verifier = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
    const challenge = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))).toString(
      'base64url',
    );
    const query = new URLSearchParams({
      scope: 'openid profile',
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      state: 'counter-7',
      nonce: 'n-7',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const cookies = new Map<string, string>();
    let page = new URL(`${identityUrl}/govstack/authorize?${query}`);
    let response: Response;
    for (;;) {
      response = await fetch(page, {
        redirect: 'manual',
        headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [name, ...value] = cookie.split(';')[0].split('=');
        cookies.set(name.trim(), value.join('='));
      }
      if (response.status < 300 || response.status >= 400) break;
      page = new URL(response.headers.get('location')!, page);
    }
    const transactionId = /\/identity\/interaction\/([^/?"]+)/.exec(await response.text())![1];

    // The counter's link code; the phone scans it, authenticates with its key, consents; the counter gets its code.
    const refusedLink = await identity(undefined, 'POST', '/linked-authorization/link-code', envelope({}));
    expect(errorCode(refusedLink)).toBe('invalid_transaction_id');
    const linkCode = await identity(undefined, 'POST', '/linked-authorization/link-code', envelope({ transactionId }));
    const linkCodeValue = String((linkCode.json.response as { linkCode: string }).linkCode);
    const wrongCode = await identity(
      undefined,
      'POST',
      '/linked-authorization/link-status',
      envelope({ transactionId, linkCode: 'not-this-one' }),
    );
    expect(errorCode(wrongCode)).toBe('invalid_link_code');
    const scanned = await identity(
      undefined,
      'POST',
      '/linked-authorization/link-transaction',
      envelope({ linkCode: linkCodeValue }),
    );
    expect(scanned.json.response).toMatchObject({
      clientName: 'Vientiane one-door counter',
      authorizeScopes: ['profile'],
    });
    const status = await identity(
      undefined,
      'POST',
      '/linked-authorization/link-status',
      envelope({ transactionId, linkCode: linkCodeValue }),
    );
    expect(status.json.response).toMatchObject({ linkStatus: 'LINKED' });
    const linkedTransactionId = String((scanned.json.response as { linkTransactionId: string }).linkTransactionId);
    const proof = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: walletUserId })
      .setSubject(person.uin)
      .setAudience(linkedTransactionId)
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(phone.privateKey);
    const noChallenge = await identity(
      undefined,
      'POST',
      '/linked-authorization/authenticate',
      envelope({ linkedTransactionId, individualId: person.uin, challengeList: [] }),
    );
    expect(errorCode(noChallenge)).toBe('invalid_no_of_challenges');
    const authenticated = await identity(
      undefined,
      'POST',
      '/linked-authorization/authenticate',
      envelope({
        linkedTransactionId,
        individualId: person.uin,
        challengeList: [{ authFactorType: 'WLA', challenge: proof, format: 'jwt' }],
      }),
    );
    expect(authenticated.json.response).toEqual({ linkedTransactionId });
    const tooMuch = await identity(
      undefined,
      'POST',
      '/linked-authorization/consent',
      envelope({ linkedTransactionId, acceptedClaims: ['uin'], permittedAuthorizeScopes: ['profile'] }),
    );
    expect(errorCode(tooMuch)).toBe('invalid_accepted_claim');
    const consented = await identity(
      undefined,
      'POST',
      '/linked-authorization/consent',
      envelope({ linkedTransactionId, acceptedClaims: ['name'], permittedAuthorizeScopes: ['profile'] }),
    );
    expect(consented.json.errors).toEqual([]);
    const authCode = await identity(
      undefined,
      'POST',
      '/linked-authorization/link-auth-code',
      envelope({ transactionId, linkedCode: linkCodeValue }),
    );
    expect(authCode.json.response).toMatchObject({ redirectUri, state: 'counter-7', nonce: 'n-7' });
    const again = await identity(
      undefined,
      'POST',
      '/linked-authorization/link-auth-code',
      envelope({ transactionId, linkedCode: linkCodeValue }),
    );
    expect(errorCode(again)).toBe('invalid_transaction');

    // The relying party exchanges the code at GovStack's token endpoint, as its document says.
    const tokenUrl = `${identityUrl}/govstack/oauth/token`;
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(tokenUrl)
      .setJti(crypto.randomUUID())
      .setIssuedAt()
      .setExpirationTime('2m')
      .sign(rp.privateKey);
    const exchanged = await identity(undefined, 'POST', '/oauth/token', {
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: String((authCode.json.response as { code: string }).code),
        client_id: clientId,
        redirect_uri: redirectUri,
        code_verifier: verifier,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(exchanged.status).toBe(200);
    expect(exchanged.json).toMatchObject({ token_type: 'Bearer' });
    // The ID token is signed with a key of GovStack's key set (RS256, with its certificate), and verifies with it.
    const keySet = await identity(undefined, 'GET', '/.well-known/jwks.json');
    const keys = keySet.json.keys as { kid: string; x5c: string[]; n: string }[];
    expect(keys.length).toBeGreaterThan(0);
    const { payload, protectedHeader } = await jwtVerify(
      String(exchanged.json.id_token),
      createLocalJWKSet(keySet.json as never),
      { issuer: identityUrl, audience: clientId },
    );
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ sub: person.id, nonce: 'n-7' });
    // Each certificate is over its key.
    for (const key of keys) {
      const certificate = new X509Certificate(Buffer.from(key.x5c[0], 'base64'));
      expect(certificate.publicKey.export({ format: 'jwk' }).n).toBe(key.n);
    }
  });
});

describe("mediator: GovStack information mediator's pub/sub and directory services", () => {
  const ROOM = '/r1/LA/GOV/ONEDOOR/identity';
  const TYPE = 'organisation.saved.v1';
  const CLIENT = { 'x-govstack-client': 'LA/GOV/MOF/tax-system' };
  const mediator = (
    who: string | undefined,
    method: string,
    path: string,
    init: { body?: unknown; query?: string } = {},
  ) => govstack('mediator', who, method, path, { ...init, headers: CLIENT });

  beforeAll(async () => {
    tokens.integrator = await blocks.token({ sub: 'tax-system', clientId: 'tax-system', roles: [] });
    expect((await onedoor('mediator', 'operator', 'PUT', `/grants/tax-system/identity/${TYPE}`)).status).toBe(200);
    process.env.MEDIATOR_BLOCK_URLS = Object.entries(blocks.platform.urls)
      .map(([block, url]) => `${block}=${url}`)
      .join(',');
  });

  it('serves the event types granted, PULL with acknowledgement, PUSH subscriptions, and refuses what it does not offer', async () => {
    expect((await mediator('integrator', 'GET', `${ROOM}/api/v1/eventType`)).json).toEqual([TYPE]);
    expect((await mediator('integrator', 'GET', `${ROOM}/api/v1/eventType/${TYPE}`)).json.eventType).toBe(TYPE);
    expect((await mediator('integrator', 'GET', `${ROOM}/api/v1/eventType/person.enrolled.v1`)).status).toBe(404);
    for (const [method, path] of [
      ['POST', `${ROOM}/api/v1/eventType`],
      ['DELETE', `${ROOM}/api/v1/eventType/${TYPE}`],
      ['POST', `${ROOM}/pub/v1/${TYPE}`],
      ['DELETE', `${ROOM}/pub/v1/${TYPE}/4b0f7c9e-3a2d-4e1f-9b8c-7d6e5f4a3b2c`],
    ]) {
      expect(
        (await mediator('integrator', method, path, { body: { eventType: TYPE, event: {}, schema: {} } })).status,
      ).toBe(405);
    }
    const subscribed = await mediator('integrator', 'POST', `${ROOM}/api/v1/subs/${TYPE}`, {
      body: { eventType: TYPE, delivery: 'PULL', options: { TTL: 600 } },
    });
    expect(subscribed.status).toBe(200);
    expect((await mediator('integrator', 'GET', `${ROOM}/api/v1/subs`)).json).toEqual([
      expect.objectContaining({ eventType: TYPE, delivery: 'PULL' }),
    ]);
    expect((await mediator('integrator', 'GET', `${ROOM}/api/v1/subs/${TYPE}`)).status).toBe(200);
    expect((await mediator('integrator', 'GET', `${ROOM}/pull/v1/${TYPE}`)).status).toBe(404);
    const saved = await onedoor('identity', 'operator', 'PUT', '/organisations/MOF', {
      kind: 'ministry',
      nameLo: 'ກະຊວງການເງິນ',
      nameEn: 'Ministry of Finance',
    });
    expect(saved.status).toBe(200);
    const event = await waitFor('the event reaches the mediator', async () => {
      const next = await mediator('integrator', 'GET', `${ROOM}/pull/v1/${TYPE}`);
      return next.status === 200 ? next.json : undefined;
    });
    expect(event).toMatchObject({ eventType: TYPE, event: { code: 'MOF' } });
    expect((await mediator('integrator', 'GET', `${ROOM}/pub/v1/${TYPE}/${event.id}`)).json.id).toBe(event.id);
    expect((await mediator('integrator', 'DELETE', `${ROOM}/pull/v1/${TYPE}/${event.id}`)).status).toBe(204);
    const patched = await mediator('integrator', 'PATCH', `${ROOM}/api/v1/subs/${TYPE}`, {
      body: { eventType: TYPE, delivery: 'PUSH', pushUrl: 'https://events.mof.gov.la/onedoor' },
    });
    expect([patched.status, patched.json.delivery]).toEqual([201, 'PUSH']);
    expect((await mediator('integrator', 'DELETE', `${ROOM}/api/v1/subs/${TYPE}`)).status).toBe(204);
    expect((await mediator('stranger', 'GET', `${ROOM}/api/v1/subs/${TYPE}`)).status).toBe(404);
  });

  it('lists the platform and its blocks, their services and endpoints, and each service’s OpenAPI document', async () => {
    const clients = await mediator('integrator', 'GET', '/listClients');
    expect(clients.json.member).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: expect.objectContaining({ objectType: 'MEMBER' }) })]),
    );
    const methods = await mediator('integrator', 'GET', '/r1/LA/GOV/ONEDOOR/workflow/listMethods');
    expect((methods.json.member as { serviceCode: string }[]).map((m) => m.serviceCode).sort()).toEqual([
      'workflow',
      'workflow-govstack',
    ]);
    const allowed = await mediator('integrator', 'GET', '/r1/LA/GOV/ONEDOOR/workflow/allowedMethods', {
      query: 'serviceId=workflow-govstack',
    });
    expect(allowed.status).toBe(200);
    const document = await mediator('integrator', 'GET', '/r1/LA/GOV/ONEDOOR/workflow/getOpenAPI', {
      query: 'serviceCode=workflow-govstack',
    });
    expect(Object.keys(document.json.paths as object).every((path) => path.includes('/govstack/'))).toBe(true);
  });
});

describe('the record of conformance', () => {
  it('calls every operation of the documents', () => {
    for (const block of Object.keys(FILES) as Block[]) {
      expect([...called[block]].sort()).toEqual(documents[block].operations().sort());
    }
  });

  it('lists in docs/conformance.md every operation and exactly the deviations allowed here', () => {
    const text = readFileSync(join(__dirname, '../../../docs/conformance.md'), 'utf8');
    for (const block of Object.keys(FILES) as Block[]) {
      for (const operation of documents[block].operations()) expect(text).toContain(`\`${operation}\``);
      for (const deviation of DEVIATIONS[block]) expect(text).toContain(`(${deviation.id})`);
    }
    const listed = [...text.matchAll(/\(([a-z0-9-]+)\)\s*\|/g)].map((m) => m[1]);
    const allowed = new Set(Object.values(DEVIATIONS).flatMap((list) => list.map((d) => d.id)));
    expect(listed.filter((id) => !allowed.has(id))).toEqual([]);
  });
});
