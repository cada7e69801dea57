import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createDevelopmentAuthority } from '@onedoor/auth';
import { blockEventSource, readTopic, type BlockEventSource } from '@onedoor/backbone';
import {
  PersonEnrolled,
  WorkflowMessageRequested,
  WorkflowStartFailed,
  WorkflowStartRequested,
  WorkflowStatusChanged,
  WorkflowStopRequested,
  WorkflowTaskEscalated,
  type PersonEnrolledPayload,
} from '@onedoor/contracts';
import type { RunningPlatform } from '@onedoor/platform-kit';
import {
  checkAnswers,
  createScratchDatabase,
  documentedAnswers,
  requireKafkaBrokers,
  untilConsuming,
  waitFor,
  type ScratchDatabase,
} from '@onedoor/testing';
import { client, example, startWorkflow, type Authority } from './workflow-harness';

const brokers = requireKafkaBrokers();
let db: ScratchDatabase;
let authority: Authority;
let platform: RunningPlatform;
let identityEvents: BlockEventSource;
let workflowEvents: BlockEventSource;
const base = () => platform.urls.workflow;
const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => db.query<T>(text, params);
let admin: ReturnType<typeof client>;
let starter: ReturnType<typeof client>;
/** District office of Chanthabouly (Vientiane Capital), Ministry of Industry and Commerce. */
let reviewer: ReturnType<typeof client>;
let colleague: ReturnType<typeof client>;
let supervisor: ReturnType<typeof client>;
/** Another ministry's officer, same role name. */
let outsider: ReturnType<typeof client>;
const UNIT = 'MOIC-VTE-D01';

const historyOf = (instanceId: string) =>
  sql<{ action: string; element_id: string | null; actor: string; task_id: string | null }>(
    `SELECT action, element_id, actor, task_id FROM workflow.history WHERE instance_id = $1 ORDER BY id`,
    [instanceId],
  );
const openTasks = (instanceId: string) =>
  sql<{ id: string; element_id: string; unit: string; state: string }>(
    `SELECT id, element_id, unit, state FROM workflow.tasks WHERE instance_id = $1 AND state IN ('open', 'claimed')`,
    [instanceId],
  );

let answers: Awaited<ReturnType<typeof documentedAnswers>>;

beforeAll(async () => {
  db = await createScratchDatabase('workflow');
  authority = await createDevelopmentAuthority();
  platform = await startWorkflow(db.url, brokers, authority);
  await untilConsuming(base(), await authority.sign({ sub: 'operator', roles: ['platform.operator'] }));
  // Every answer the clients get is checked against the block's OpenAPI document.
  answers = await documentedAnswers([base()]);
  checkAnswers(answers.check);
  identityEvents = await blockEventSource(db.url, brokers, 'identity');
  workflowEvents = await blockEventSource(db.url, brokers, 'workflow');
  const as = async (claims: Parameters<Authority['sign']>[0]) => client(base, await authority.sign(claims));
  admin = await as({ sub: 'workflow-admin', roles: ['workflow.admin'] });
  starter = await as({ sub: 'registration-block', roles: ['workflow.starter'] });
  reviewer = await as({
    sub: 'officer-khamla',
    roles: ['registration.reviewer'],
    ministry: 'MOIC',
    province: 'VTE',
    unit: UNIT,
  });
  colleague = await as({
    sub: 'officer-somphone',
    roles: ['registration.reviewer'],
    ministry: 'MOIC',
    province: 'VTE',
    unit: UNIT,
  });
  supervisor = await as({
    sub: 'supervisor-noy',
    roles: ['workflow.supervisor'],
    ministry: 'MOIC',
    province: 'VTE',
    unit: UNIT,
  });
  outsider = await as({
    sub: 'officer-moh',
    roles: ['registration.reviewer'],
    ministry: 'MOH',
    province: 'VTE',
    unit: 'MOH-VTE-D01',
  });

  expect((await admin('/processes', { body: { bpmn: example('business-licence.bpmn'), type: 'Public' } })).status).toBe(
    201,
  );
  expect((await admin('/processes', { body: { bpmn: example('hotline-escalation.bpmn') } })).status).toBe(201);
  expect((await admin('/processes', { body: { bpmn: example('three-steps.bpmn') } })).status).toBe(201);
  for (const [id, rule] of Object.entries({
    'licence-vte-d01': { category: 'business-licence', province: 'VTE', district: 'VTE-01', unit: UNIT },
    'licence-vte': { category: 'business-licence', province: 'VTE', unit: 'MOIC-VTE' },
    'licence-country': { category: 'business-licence', unit: 'MOIC' },
  })) {
    expect((await admin(`/routing-rules/${id}`, { method: 'PUT', body: rule })).status).toBe(200);
  }
});

afterEach(() => {
  expect(answers.mismatches.splice(0)).toEqual([]);
});

afterAll(async () => {
  checkAnswers(undefined);
  expect(answers?.checked).toBeGreaterThan(30);
  await identityEvents?.close();
  await workflowEvents?.close();
  await platform?.close();
  await db?.drop();
});

describe('process definitions', () => {
  it('keeps versions: running instances stay on theirs, new ones start on the latest', async () => {
    const first = await admin('/processes/three-steps');
    expect(first.json).toMatchObject({
      key: 'three-steps',
      version: 1,
      category: 'http://www.omg.org/spec/BPMN/20100524/MODEL',
    });
    const again = await admin('/processes', { body: { bpmn: example('three-steps.bpmn') } });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('WORKFLOW.DEFINITION_EXISTS');
    const v2 = await admin('/processes/three-steps', {
      method: 'PUT',
      body: { bpmn: example('three-steps.bpmn'), description: 'v2' },
    });
    expect(v2.json).toMatchObject({ key: 'three-steps', version: 2 });
    const started = await starter(`/processes/${first.json.id as string}/start`, {
      body: { processStartedBy: 'registration', businessKey: 'V1-CASE', variables: { category: 'business-licence' } },
    });
    expect(started.status).toBe(201);
    expect(started.json).toMatchObject({ processRef: 'three-steps:1', ended: true, state: 'completed' });
    const latest = await starter('/processes/three-steps/start', {
      body: { processStartedBy: 'registration', variables: { category: 'business-licence' } },
    });
    expect(latest.json.processRef).toBe('three-steps:2');
    const list = await starter('/processes');
    expect(
      (list.json as unknown as { key: string; version: number }[]).find((p) => p.key === 'three-steps')?.version,
    ).toBe(2);
  });

  it('refuses a definition that does not parse or uses what the block does not run, naming the elements', async () => {
    const broken = await admin('/processes', { body: { bpmn: '<definitions><process id="x"' } });
    expect(broken.status).toBe(422);
    expect(broken.contentType).toContain('application/problem+json');
    expect(broken.json.code).toBe('WORKFLOW.INVALID_DEFINITION');
    const scripted = example('three-steps.bpmn')
      .replace('id="three-steps"', 'id="scripted"')
      .replace(
        '<bpmn:serviceTask id="route" onedoor:route="category" />',
        '<bpmn:scriptTask id="route" scriptFormat="javascript"><bpmn:script>process.exit()</bpmn:script></bpmn:scriptTask>',
      );
    const refused = await admin('/processes', { body: { bpmn: scripted } });
    expect(refused.status).toBe(422);
    expect(refused.json.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'route',
          message: expect.stringContaining('bpmn:ScriptTask is not supported'),
        }),
      ]),
    );
    expect((await admin('/processes', { body: {} })).status).toBe(400);
    expect((await starter('/processes/no-such-process')).status).toBe(404);
    expect((await reviewer('/processes', { body: { bpmn: example('three-steps.bpmn') } })).status).toBe(403);
    expect((await starter('/processes/no-such-process/start', { body: { processStartedBy: 'x' } })).json.code).toBe(
      'WORKFLOW.DEFINITION_NOT_FOUND',
    );
  });
});

describe('reference data read one at a time', () => {
  it('answers one routing rule and one holiday, and 404 for what does not exist', async () => {
    expect((await admin('/routing-rules/licence-vte')).json).toMatchObject({
      id: 'licence-vte',
      category: 'business-licence',
      province: 'VTE',
      unit: 'MOIC-VTE',
    });
    const noRule = await admin('/routing-rules/no-such-rule');
    expect([noRule.status, noRule.json.code]).toEqual([404, 'WORKFLOW.RULE_NOT_FOUND']);
    expect((await admin('/holidays/2027-04-14', { method: 'PUT', body: { name: 'Lao New Year' } })).status).toBe(200);
    expect((await admin('/holidays/2027-04-14')).json).toEqual({ date: '2027-04-14', name: 'Lao New Year' });
    for (const date of ['2027-03-03', 'not-a-date']) {
      const none = await admin(`/holidays/${date}`);
      expect([none.status, none.json.code]).toEqual([404, 'WORKFLOW.HOLIDAY_NOT_FOUND']);
    }
  });
});

describe('a one-door application moving between offices', () => {
  it('routes to the district office; officers claim, send back, review again and approve; the fee is paid; every step is audited', async () => {
    const businessKey = `APP-${randomUUID().slice(0, 8)}`;
    const start = await starter('/processes/business-licence/start', {
      body: {
        processStartedBy: 'registration',
        businessKey,
        InstanceValues: [
          { code: 'category', value: 'business-licence' },
          { code: 'province', value: 'VTE' },
          { code: 'district', value: 'VTE-01' },
        ],
      },
      headers: { 'idempotency-key': `start-${businessKey}` },
    });
    expect(start.status).toBe(201);
    const instanceId = start.json.id as string;
    const retry = await starter('/processes/business-licence/start', {
      body: {
        processStartedBy: 'registration',
        businessKey,
        InstanceValues: [
          { code: 'category', value: 'business-licence' },
          { code: 'province', value: 'VTE' },
          { code: 'district', value: 'VTE-01' },
        ],
      },
      headers: { 'idempotency-key': `start-${businessKey}` },
    });
    expect(retry.json.id).toBe(instanceId);
    expect(await sql(`SELECT 1 FROM workflow.instances WHERE business_key = $1`, [businessKey])).toHaveLength(1);

    const queue = await reviewer('/tasks');
    const task = (
      queue.json.items as { id: string; instanceId: string; unit: string; outcomes: string[]; dueAt: string }[]
    ).find((t) => t.instanceId === instanceId)!;
    expect(task).toMatchObject({ unit: UNIT, outcomes: ['approve', 'reject', 'sendback'] });
    expect(new Date(task.dueAt).getTime()).toBeGreaterThan(Date.now() + 2 * 86_400_000);

    // Another ministry's officer sees neither the task nor the case.
    expect(((await outsider('/tasks')).json.items as unknown[]).length).toBe(0);
    expect((await outsider(`/tasks/${task.id}`)).status).toBe(404);
    expect((await outsider(`/instances/${instanceId}`)).status).toBe(404);
    expect((await outsider(`/tasks/${task.id}/complete`, { body: { outcome: 'approve' } })).status).toBe(404);

    expect((await reviewer(`/tasks/${task.id}/claim`, { body: {} })).json.state).toBe('claimed');
    const taken = await colleague(`/tasks/${task.id}/claim`, { body: {} });
    expect(taken.status).toBe(409);
    expect(taken.json.code).toBe('WORKFLOW.TASK_CLAIMED');
    expect((await colleague(`/tasks/${task.id}/complete`, { body: { outcome: 'approve' } })).status).toBe(409);
    const wrong = await reviewer(`/tasks/${task.id}/complete`, { body: { outcome: 'maybe' } });
    expect(wrong.status).toBe(422);
    expect(wrong.json.code).toBe('WORKFLOW.OUTCOME_NOT_ACCEPTED');
    expect((await reviewer(`/tasks/not-a-uuid/claim`, { body: {} })).status).toBe(400);

    const sentBack = await reviewer(`/tasks/${task.id}/send-back`, {
      body: { comment: 'The business plan is missing a page.' },
    });
    expect(sentBack.json).toMatchObject({ state: 'completed', outcome: 'sendback' });
    const twice = await reviewer(`/tasks/${task.id}/complete`, { body: { outcome: 'approve' } });
    expect(twice.status).toBe(409);
    expect(twice.json.code).toBe('WORKFLOW.TASK_CLOSED');
    expect(await openTasks(instanceId)).toEqual([]);

    const corrected = await starter('/messages', {
      body: { name: 'registration.application-resubmitted', correlationKey: businessKey },
    });
    expect(corrected.json).toEqual({ delivered: [instanceId] });
    const [again] = await openTasks(instanceId);
    expect(again).toMatchObject({ element_id: 'review', unit: UNIT });
    expect(
      (await colleague(`/tasks/${again.id}/complete`, { body: { outcome: 'approve', comment: 'Complete now.' } }))
        .status,
    ).toBe(200);

    expect(
      (await starter('/messages', { body: { name: 'registration.fee-paid', correlationKey: 'APP-NOBODY' } })).status,
    ).toBe(404);
    expect(
      (
        await starter('/messages', {
          body: { name: 'registration.fee-paid', correlationKey: businessKey, variables: { receipt: 'R-2026-0042' } },
        })
      ).status,
    ).toBe(200);

    const instance = await starter(`/instances/${instanceId}`);
    expect(instance.json).toMatchObject({
      state: 'completed',
      ended: true,
      businessKey,
      variables: { unit: UNIT, outcome: 'approve', receipt: 'R-2026-0042' },
    });
    // The reviewing unit reads the finished case too: it was routed to them.
    expect((await reviewer(`/instances/${instanceId}`)).status).toBe(200);

    const trail = (await historyOf(instanceId)).map(
      (h) => `${h.action}${h.element_id ? `:${h.element_id}` : ''} by ${h.actor}`,
    );
    expect(trail).toEqual([
      'started by registration',
      'routed:route by registration',
      'status:pending by registration',
      'task-created:review by registration',
      'task-claimed:review by officer-khamla',
      'task-completed:review by officer-khamla',
      'status:sendback by officer-khamla',
      'message:wait-correction by registration-block',
      'status:pending by registration-block',
      'task-created:review by registration-block',
      'task-completed:review by officer-somphone',
      'message:wait-fee by registration-block',
      'status:approved by registration-block',
      'completed by registration-block',
    ]);

    const statuses = await readTopic(
      brokers,
      WorkflowStatusChanged.topic,
      (messages) =>
        messages.filter(
          (m) => m.headers.ce_type === WorkflowStatusChanged.type && JSON.parse(m.value).instanceId === instanceId,
        ).length >= 4,
    );
    expect(
      statuses
        .filter(
          (m) => m.headers.ce_type === WorkflowStatusChanged.type && JSON.parse(m.value).instanceId === instanceId,
        )
        .map((m) => JSON.parse(m.value).status),
    ).toEqual(['PENDING', 'SENDBACK', 'PENDING', 'APPROVED']);
  });

  it('a supervisor reassigns; an officer cannot; stopping withdraws the open tasks', async () => {
    const start = await starter('/processes/business-licence/start', {
      body: {
        processStartedBy: 'counter-clerk',
        businessKey: `APP-${randomUUID().slice(0, 8)}`,
        variables: { category: 'business-licence', province: 'VTE', district: 'VTE-01' },
      },
    });
    const instanceId = start.json.id as string;
    const [task] = await openTasks(instanceId);
    const refused = await reviewer(`/tasks/${task.id}/reassign`, { body: { assignee: 'officer-somphone' } });
    expect(refused.status).toBe(403);
    const moved = await supervisor(`/tasks/${task.id}/reassign`, {
      body: { assignee: 'officer-somphone', comment: 'Khamla is on leave.' },
    });
    expect(moved.json).toMatchObject({ state: 'claimed', assignee: 'officer-somphone' });
    expect((await reviewer(`/tasks/${task.id}/complete`, { body: { outcome: 'approve' } })).status).toBe(409);

    const stop = await starter(`/instances/${instanceId}/stop`, { body: { reason: 'withdrawn by the applicant' } });
    expect(stop.status).toBe(201);
    expect(stop.json).toMatchObject({ ended: true, state: 'stopped' });
    expect(await openTasks(instanceId)).toEqual([]);
    expect((await starter(`/instances/${instanceId}/stop`, { body: {} })).status).toBe(409);
    expect((await colleague(`/tasks/${task.id}/complete`, { body: { outcome: 'approve' } })).json.code).toBe(
      'WORKFLOW.TASK_CLOSED',
    );
    expect((await historyOf(instanceId)).map((h) => h.action)).toEqual(
      expect.arrayContaining(['task-reassigned', 'stopped']),
    );
  });

  it('fails an instance the routing table does not cover, with the reason', async () => {
    const start = await starter('/processes/three-steps/start', {
      body: { processStartedBy: 'registration', variables: { category: 'fishing-permit' } },
    });
    expect(start.json).toMatchObject({ ended: true, state: 'failed' });
    const detail = await starter(`/instances/${start.json.id as string}`);
    expect(detail.json.reason).toMatch(/no routing rule for category fishing-permit/);
  });
});

describe('service tasks that call out', () => {
  it('posts the case to a registered endpoint with a stable idempotency key, and keeps the answer', async () => {
    const received: { key: string | undefined; body: Record<string, unknown> }[] = [];
    let failing = false;
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ key: request.headers['idempotency-key'] as string | undefined, body: JSON.parse(body) });
        response.statusCode = failing ? 503 : 200;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ amount: 150_000, currency: 'LAK' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/fees`;
      expect((await admin('/endpoints/fee-system', { method: 'PUT', body: { url, auth: 'none' } })).status).toBe(200);
      expect((await admin('/processes', { body: { bpmn: example('fee-notice.bpmn') } })).status).toBe(201);
      const start = await starter('/processes/fee-notice/start', {
        body: {
          processStartedBy: 'registration',
          businessKey: 'FEE-1',
          variables: { serviceCode: 'business-licence' },
        },
      });
      expect(start.json).toMatchObject({ state: 'completed' });
      const instanceId = start.json.id as string;
      expect(received).toHaveLength(1);
      // Made from the start (its start key), the element and the pass: the same if the start is retried.
      expect(received[0].key).toMatch(/^start:api:[0-9a-f-]{36}:ask-fee:1$/);
      expect(received[0].body).toMatchObject({
        instanceId,
        businessKey: 'FEE-1',
        elementId: 'ask-fee',
        variables: { serviceCode: 'business-licence' },
      });
      const detail = await starter(`/instances/${instanceId}`);
      expect(detail.json.variables).toMatchObject({ fee: { amount: 150_000, currency: 'LAK' } });
      expect((detail.json.history as { action: string }[]).map((h) => h.action)).toContain('called');

      failing = true;
      const refused = await starter('/processes/fee-notice/start', {
        body: { processStartedBy: 'registration', businessKey: 'FEE-2' },
      });
      expect(refused.status).toBe(502);
      expect(refused.json.code).toBe('WORKFLOW.CALL_FAILED');
      expect(await sql(`SELECT 1 FROM workflow.instances WHERE business_key = 'FEE-2'`)).toHaveLength(0);

      // The caller retries with its Idempotency-Key: the endpoint sees the same key as for the failed attempt.
      const headers = { 'idempotency-key': 'fee-3-attempt' };
      const body = { processStartedBy: 'registration', businessKey: 'FEE-3' };
      expect((await starter('/processes/fee-notice/start', { body, headers })).status).toBe(502);
      failing = false;
      expect((await starter('/processes/fee-notice/start', { body, headers })).json.state).toBe('completed');
      const [firstTry, retry] = received.slice(-2);
      expect(retry.key).toBe(firstTry.key);
      expect(
        (await admin('/endpoints/fee-system', { method: 'PUT', body: { url: 'not a url', auth: 'none' } })).status,
      ).toBe(400);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('starting from events', () => {
  it('starts once per start request, even when the event is delivered twice', async () => {
    const businessKey = `EVT-${randomUUID().slice(0, 8)}`;
    const id = randomUUID();
    const request = {
      processKey: 'three-steps',
      businessKey,
      requestedBy: 'registration',
      variables: { category: 'business-licence' },
    };
    // The same event twice, as a producer retrying after a lost acknowledgement sends it.
    const again = await blockEventSource(db.url, brokers, 'workflow', { schema: 'workflow_events_retried' });
    try {
      await workflowEvents.publish(WorkflowStartRequested, request, id);
      await again.publish(WorkflowStartRequested, request, id);
    } finally {
      await again.close();
    }
    const [instance] = await waitFor('instance started from the event', async () => {
      const rows = await sql<{ id: string; state: string }>(
        `SELECT id, state FROM workflow.instances WHERE business_key = $1`,
        [businessKey],
      );
      return rows.length ? rows : undefined;
    });
    expect(instance.state).toBe('completed');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await sql(`SELECT 1 FROM workflow.instances WHERE business_key = $1`, [businessKey])).toHaveLength(1);
  });

  it('tells the case when a start request names no process (workflow.start.failed), and goes on', async () => {
    const lost = `NOPE-${randomUUID().slice(0, 8)}`;
    const next = `NEXT-${randomUUID().slice(0, 8)}`;
    await workflowEvents.publish(WorkflowStartRequested, {
      processKey: 'no-such-process',
      businessKey: lost,
      requestedBy: 'registration',
    });
    await workflowEvents.publish(WorkflowStartRequested, {
      processKey: 'three-steps',
      businessKey: next,
      requestedBy: 'registration',
      variables: { category: 'business-licence' },
    });
    const told = await readTopic(brokers, WorkflowStartFailed.topic, (messages) =>
      messages.some((m) => m.value.includes(lost)),
    );
    const failure = told.find((m) => m.value.includes(lost))!;
    expect(failure.headers.ce_type).toBe(WorkflowStartFailed.type);
    expect(JSON.parse(failure.value)).toMatchObject({
      processKey: 'no-such-process',
      businessKey: lost,
      code: 'WORKFLOW.DEFINITION_NOT_FOUND',
    });
    await waitFor(
      'the next request started',
      async () => (await sql(`SELECT 1 FROM workflow.instances WHERE business_key = $1`, [next])).length > 0,
    );
  });

  it('delivers messages and stops cases asked for by events', async () => {
    const businessKey = `CMD-${randomUUID().slice(0, 8)}`;
    await workflowEvents.publish(WorkflowStartRequested, {
      processKey: 'business-licence',
      businessKey,
      requestedBy: 'registration',
      variables: { category: 'business-licence', province: 'VTE', district: 'VTE-01' },
    });
    const [{ id: instanceId }] = await waitFor('started', async () => {
      const rows = await sql<{ id: string }>(`SELECT id FROM workflow.instances WHERE business_key = $1`, [
        businessKey,
      ]);
      return rows.length ? rows : undefined;
    });
    const [task] = await openTasks(instanceId);
    await reviewer(`/tasks/${task.id}/send-back`, { body: { comment: 'Photo unreadable.' } });
    await workflowEvents.publish(WorkflowMessageRequested, {
      name: 'registration.application-resubmitted',
      correlationKey: businessKey,
      requestedBy: 'registration',
    });
    await waitFor('reviewed again', async () => ((await openTasks(instanceId)).length === 1 ? true : undefined));
    await workflowEvents.publish(WorkflowStopRequested, {
      businessKey,
      requestedBy: 'registration',
      reason: 'withdrawn',
    });
    await waitFor('stopped', async () => {
      const [row] = await sql<{ state: string }>(`SELECT state FROM workflow.instances WHERE id = $1`, [instanceId]);
      return row.state === 'stopped' ? true : undefined;
    });
    expect(await openTasks(instanceId)).toEqual([]);
  });

  it("starts what another block's event is mapped to, with variables from its payload", async () => {
    // Who enrolled the person picks the routing category here, to show variables taken from the payload.
    const mapping = await starter('/event-mappings/enrolment-check', {
      method: 'PUT',
      body: {
        eventType: PersonEnrolled.type,
        action: 'start',
        processKey: 'three-steps',
        keyPath: 'personId',
        variables: { province: 'provinceCode', category: 'enrolledBy' },
        when: { preferredChannel: 'email' },
      },
    });
    expect(mapping.status).toBe(200);
    expect(
      (
        await admin('/routing-rules/welcome-registrar', {
          method: 'PUT',
          body: { category: 'registrar', unit: 'MOHA' },
        })
      ).status,
    ).toBe(200);
    const person = (overrides: Partial<PersonEnrolledPayload>): PersonEnrolledPayload => ({
      personId: randomUUID(),
      uin: '2947512345',
      displayName: { lo: 'ບົວພັນ' },
      provinceCode: '01',
      districtCode: '0101',
      preferredLanguage: 'lo',
      preferredChannel: 'sms',
      enrolledAt: new Date().toISOString(),
      enrolledBy: 'registrar',
      ...overrides,
    });
    const bySms = person({});
    const byEmail = person({ preferredChannel: 'email', email: 'bouaphan@example.la' });
    await identityEvents.publish(PersonEnrolled, bySms);
    await identityEvents.publish(PersonEnrolled, byEmail);
    const [started] = await waitFor('mapped start', async () => {
      const rows = await sql<{ state: string; variables: Record<string, unknown> }>(
        `SELECT state, variables FROM workflow.instances WHERE business_key = $1`,
        [byEmail.personId],
      );
      return rows.length ? rows : undefined;
    });
    expect(started).toMatchObject({
      state: 'completed',
      variables: { province: '01', category: 'registrar', unit: 'MOHA' },
    });
    expect(await sql(`SELECT 1 FROM workflow.instances WHERE business_key = $1`, [bySms.personId])).toHaveLength(0);
  });
});

describe('deadlines and timers', () => {
  it('an interrupting timer moves a late hotline case to the follow-up desk, once', async () => {
    const start = await starter('/processes/hotline-escalation/start', {
      body: {
        processStartedBy: 'hotline',
        businessKey: `HL-${randomUUID().slice(0, 8)}`,
        variables: { category: 'business-licence', answerWithin: 'PT1S' },
      },
    });
    const instanceId = start.json.id as string;
    expect((await openTasks(instanceId)).map((t) => t.element_id)).toEqual(['check']);
    const [followUp] = await waitFor(
      'timer fired',
      async () => {
        const tasks = await openTasks(instanceId);
        return tasks.some((t) => t.element_id === 'follow-up') ? tasks : undefined;
      },
      10_000,
    );
    expect(followUp).toMatchObject({ element_id: 'follow-up', unit: 'PMO' });
    const actions = (await historyOf(instanceId)).map((h) => h.action);
    expect(actions.filter((a) => a === 'timer-fired')).toHaveLength(1);
    expect(actions).toContain('task-cancelled');
  });

  it('a task past its deadline escalates to the unit’s supervisors, with events', async () => {
    const due = example('business-licence.bpmn')
      .replace('id="business-licence"', 'id="same-day-licence"')
      .replace('onedoor:dueInWorkingDays="3"', 'onedoor:dueInWorkingDays="0"');
    expect((await admin('/processes', { body: { bpmn: due } })).status).toBe(201);
    const start = await starter('/processes/same-day-licence/start', {
      body: {
        processStartedBy: 'registration',
        businessKey: `SD-${randomUUID().slice(0, 8)}`,
        variables: { category: 'business-licence', province: 'VTE', district: 'VTE-01' },
      },
    });
    const instanceId = start.json.id as string;
    const [task] = await openTasks(instanceId);
    await waitFor('escalated', async () => {
      const [row] = await sql<{ escalated_at: Date | null }>(`SELECT escalated_at FROM workflow.tasks WHERE id = $1`, [
        task.id,
      ]);
      return row.escalated_at ?? undefined;
    });
    expect((await supervisor(`/tasks/${task.id}`)).json).toMatchObject({ escalated: true });
    const events = await readTopic(brokers, WorkflowTaskEscalated.topic, (messages) =>
      messages.some((m) => m.headers.ce_type === WorkflowTaskEscalated.type && JSON.parse(m.value).taskId === task.id),
    );
    const escalated = events.find(
      (m) => m.headers.ce_type === WorkflowTaskEscalated.type && JSON.parse(m.value).taskId === task.id,
    )!;
    expect(JSON.parse(escalated.value)).toMatchObject({
      escalatedTo: 'workflow.supervisor',
      reason: 'deadline',
      unit: UNIT,
    });
    expect((await historyOf(instanceId)).map((h) => h.action)).toEqual(
      expect.arrayContaining(['deadline-breached', 'escalated']),
    );
  });

  it('timers survive a restart and fire once across two replicas', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `RS-${i}-${randomUUID().slice(0, 6)}`);
    const ids: string[] = [];
    for (const businessKey of keys) {
      const start = await starter('/processes/hotline-escalation/start', {
        body: {
          processStartedBy: 'hotline',
          businessKey,
          variables: { category: 'business-licence', answerWithin: 'PT3S' },
        },
      });
      ids.push(start.json.id as string);
    }
    // The replica that created the timers goes away before they are due; two others take over.
    await platform.close();
    const replicas = [await startWorkflow(db.url, brokers, authority), await startWorkflow(db.url, brokers, authority)];
    platform = replicas[0];
    try {
      await waitFor(
        'every timer fired',
        async () => {
          const [{ count }] = await sql<{ count: string }>(
            `SELECT count(*) FROM workflow.tasks WHERE instance_id = ANY($1::uuid[]) AND element_id = 'follow-up'`,
            [ids],
          );
          return Number(count) === ids.length ? true : undefined;
        },
        20_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      const fired = await sql<{ instance_id: string; n: string }>(
        `SELECT instance_id, count(*) AS n FROM workflow.history WHERE instance_id = ANY($1::uuid[]) AND action = 'timer-fired' GROUP BY instance_id`,
        [ids],
      );
      expect(fired).toHaveLength(ids.length);
      expect(fired.every((f) => f.n === '1')).toBe(true);
      const followUps = await sql(
        `SELECT 1 FROM workflow.tasks WHERE instance_id = ANY($1::uuid[]) AND element_id = 'follow-up'`,
        [ids],
      );
      expect(followUps).toHaveLength(ids.length);
    } finally {
      await replicas[1].close();
    }
  });
});
