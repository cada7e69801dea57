import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileDefinition, InvalidDefinitionError, type CompiledDefinition } from './definition-compiler';
import { runStep, type Router, type StepResult } from './process-runner';

const example = (name: string) => readFileSync(join(__dirname, '../../../examples', name), 'utf8');
const router: Router = async (category, province) =>
  category === 'business-licence' ? { unit: `MOIC-${province ?? 'ALL'}`, ruleId: 'rule-1' } : undefined;

/** Saved state goes through JSON, as it does through PostgreSQL. */
const persisted = (result: StepResult) => JSON.parse(JSON.stringify(result.state)) as Record<string, unknown>;

describe('process runner (bpmn-elements)', () => {
  let licence: CompiledDefinition;
  beforeAll(async () => {
    licence = await compileDefinition(example('business-licence.bpmn'));
  });

  it('summarises what a definition does', () => {
    expect(licence.summary).toMatchObject({
      key: 'business-licence',
      slaWorkingDays: 10,
      userTasks: {
        review: { role: 'registration.reviewer', outcomes: ['approve', 'reject', 'sendback'], dueInWorkingDays: 3 },
      },
      serviceTasks: { route: { route: 'category' }, approved: { status: 'APPROVED' } },
      messageWaits: { 'wait-fee': { messageName: 'registration.fee-paid' } },
    });
  });

  it('routes, reports the status and waits at the review; send back, correct, approve, pay, end', async () => {
    const started = await runStep(
      licence,
      null,
      { kind: 'start', variables: { category: 'business-licence', province: 'VTE' } },
      router,
    );
    expect(started.ended).toBe(false);
    expect(started.effects).toEqual([
      {
        kind: 'routed',
        elementId: 'route',
        category: 'business-licence',
        province: 'VTE',
        district: undefined,
        unit: 'MOIC-VTE',
        ruleId: 'rule-1',
      },
      { kind: 'status', elementId: 'pending', status: 'PENDING' },
    ]);
    expect(started.variables.unit).toBe('MOIC-VTE');
    const [review] = started.waits;
    expect(review).toMatchObject({ elementId: 'review', type: 'bpmn:UserTask' });

    const sentBack = await runStep(
      licence,
      persisted(started),
      {
        kind: 'complete-task',
        elementId: 'review',
        executionId: review.executionId,
        variables: { outcome: 'sendback' },
      },
      router,
    );
    expect(sentBack.effects).toEqual([{ kind: 'status', elementId: 'sendback', status: 'SENDBACK' }]);
    expect(sentBack.waits.map((w) => w.elementId)).toEqual(['wait-correction']);

    const corrected = await runStep(
      licence,
      persisted(sentBack),
      { kind: 'message', elementId: 'wait-correction', variables: {} },
      router,
    );
    expect(corrected.effects).toEqual([{ kind: 'status', elementId: 'pending', status: 'PENDING' }]);
    const [again] = corrected.waits;
    expect(again.elementId).toBe('review');
    expect(again.executionId).not.toBe(review.executionId);

    const approved = await runStep(
      licence,
      persisted(corrected),
      { kind: 'complete-task', elementId: 'review', executionId: again.executionId, variables: { outcome: 'approve' } },
      router,
    );
    expect(approved.effects).toEqual([]);
    expect(approved.waits.map((w) => w.elementId)).toEqual(['wait-fee']);

    const paid = await runStep(
      licence,
      persisted(approved),
      { kind: 'message', elementId: 'wait-fee', variables: { receipt: 'R-1' } },
      router,
    );
    expect(paid.effects).toEqual([{ kind: 'status', elementId: 'approved', status: 'APPROVED' }]);
    expect(paid.ended).toBe(true);
    expect(paid.state).toBeNull();
    expect(paid.variables).toMatchObject({ outcome: 'approve', receipt: 'R-1', unit: 'MOIC-VTE' });
  });

  it('takes the default flow for any other outcome', async () => {
    const started = await runStep(
      licence,
      null,
      { kind: 'start', variables: { category: 'business-licence' } },
      router,
    );
    const rejected = await runStep(
      licence,
      persisted(started),
      {
        kind: 'complete-task',
        elementId: 'review',
        executionId: started.waits[0].executionId,
        variables: { outcome: 'reject' },
      },
      router,
    );
    expect(rejected.effects).toEqual([{ kind: 'status', elementId: 'rejected', status: 'REJECTED' }]);
    expect(rejected.ended).toBe(true);
  });

  it('fails the step when no routing rule covers the case', async () => {
    const result = await runStep(licence, null, { kind: 'start', variables: { category: 'fishing-permit' } }, router);
    expect(result.ended).toBe(true);
    expect(result.failure).toMatch(/route: no routing rule for category fishing-permit/);
  });

  it('records a boundary timer instead of running it, and fires it only once it is due', async () => {
    const hotline = await compileDefinition(example('hotline-escalation.bpmn'));
    const before = Date.now();
    const started = await runStep(
      hotline,
      null,
      { kind: 'start', variables: { category: 'business-licence', answerWithin: 'PT2S' } },
      router,
    );
    expect(started.timers).toHaveLength(1);
    expect(started.timers[0].elementId).toBe('too-late');
    expect(started.timers[0].dueAt.getTime()).toBeGreaterThanOrEqual(before + 2000);
    expect(started.timers[0].dueAt.getTime()).toBeLessThan(before + 3000);

    const early = await runStep(hotline, persisted(started), { kind: 'resume' }, router);
    expect(early.waits.map((w) => w.elementId).sort()).toEqual(['check', 'too-late']);
    expect(early.timers[0].dueAt.getTime()).toBe(started.timers[0].dueAt.getTime());

    await new Promise((resolve) => setTimeout(resolve, started.timers[0].dueAt.getTime() - Date.now() + 20));
    const fired = await runStep(hotline, persisted(early), { kind: 'resume' }, router);
    expect(fired.waits.map((w) => w.elementId)).toEqual(['follow-up']);
    expect(fired.timers).toEqual([]);
  });

  it('refuses unsupported elements and incomplete tasks, naming each element', async () => {
    const bpmn = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:onedoor="https://onedoor.gov.la/bpmn" id="d" targetNamespace="x">
  <bpmn:process id="bad" isExecutable="true">
    <bpmn:startEvent id="s" />
    <bpmn:scriptTask id="run-code" scriptFormat="javascript"><bpmn:script>next()</bpmn:script></bpmn:scriptTask>
    <bpmn:userTask id="no-role" />
    <bpmn:userTask id="citizen-task" onedoor:role="citizen" />
    <bpmn:userTask id="operator-task" onedoor:role="platform.operator" />
    <bpmn:userTask id="bare-role" onedoor:role="reviewer" />
    <bpmn:serviceTask id="does-nothing" />
    <bpmn:sequenceFlow id="bad-condition" sourceRef="s" targetRef="no-role">
      <bpmn:conditionExpression>\${environment.variables.outcome ==}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
  </bpmn:process>
</bpmn:definitions>`;
    const error = await compileDefinition(bpmn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidDefinitionError);
    const elements = (error as InvalidDefinitionError).errors.map((e) => e.element);
    expect(elements).toEqual(
      expect.arrayContaining([
        'run-code',
        'no-role',
        'does-nothing',
        'bad-condition',
        // Roles no civil servant can hold: every case would wait at these tasks forever.
        'citizen-task',
        'operator-task',
        'bare-role',
      ]),
    );
    expect(await compileDefinition('<not-bpmn').catch((e: InvalidDefinitionError) => e.errors[0].element)).toBe(
      'definitions',
    );
  });

  it("routes a later step to the office of the case's own province by a category the process names", async () => {
    const twoOffices = await compileDefinition(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:onedoor="https://onedoor.gov.la/bpmn"
                  id="d" targetNamespace="https://onedoor.gov.la/processes">
  <bpmn:process id="two-offices" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="to-district" />
    <bpmn:serviceTask id="to-district" onedoor:route="category" />
    <bpmn:sequenceFlow id="f2" sourceRef="to-district" targetRef="check" />
    <bpmn:userTask id="check" onedoor:role="registration.reviewer" />
    <bpmn:sequenceFlow id="f3" sourceRef="check" targetRef="to-province" />
    <bpmn:serviceTask id="to-province" onedoor:route="'licence-province'" />
    <bpmn:sequenceFlow id="f4" sourceRef="to-province" targetRef="approve" />
    <bpmn:userTask id="approve" onedoor:role="registration.approver" />
    <bpmn:sequenceFlow id="f5" sourceRef="approve" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`);
    const offices: Router = async (category, province, district) =>
      category === 'licence'
        ? { unit: `DISTRICT-${district}`, ruleId: 'district' }
        : category === 'licence-province'
          ? { unit: `PROVINCE-${province}`, ruleId: 'province' }
          : undefined;
    const variables = { category: 'licence', province: '06', district: '0601' };
    const started = await runStep(twoOffices, null, { kind: 'start', variables }, offices);
    expect(started.variables.unit).toBe('DISTRICT-0601');
    const checked = await runStep(
      twoOffices,
      persisted(started),
      { kind: 'complete-task', elementId: 'check', executionId: started.waits[0].executionId, variables: {} },
      offices,
    );
    expect(checked.effects).toEqual([
      expect.objectContaining({ kind: 'routed', category: 'licence-province', province: '06', unit: 'PROVINCE-06' }),
    ]);
    expect(checked.variables.unit).toBe('PROVINCE-06');
    expect(checked.waits[0]).toMatchObject({ elementId: 'approve' });
    await expect(
      compileDefinition(
        example('business-licence.bpmn').replace('onedoor:route="category"', `onedoor:route="'Not a Category'"`),
      ),
    ).rejects.toThrow(InvalidDefinitionError);
  });
});
