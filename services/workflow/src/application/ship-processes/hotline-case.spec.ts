import { compileDefinition, type CompiledDefinition } from '../../domain';
import { runStep, type StepResult } from '../../domain/process/process-runner';
import { HOTLINE_CASE_BPMN, HOTLINE_CASE_MAPPINGS } from './hotline-case';

/** Saved state goes through JSON, as it does through PostgreSQL. */
const persisted = (result: StepResult) => JSON.parse(JSON.stringify(result.state)) as Record<string, unknown>;
const noRouting = async () => undefined;

let hotline: CompiledDefinition;
beforeAll(async () => {
  hotline = await compileDefinition(HOTLINE_CASE_BPMN);
});

/** Starts a case in a state, then moves it through the states given; answers the task or wait it is at after each. */
async function walk(startState: string, ...states: string[]): Promise<(string | 'ended')[]> {
  const at = (result: StepResult) => (result.ended ? 'ended' : result.waits.map((w) => w.elementId).join('+'));
  let result = await runStep(hotline, null, { kind: 'start', variables: { caseState: startState } }, noRouting);
  const seen = [at(result)];
  for (const caseState of states) {
    const wait = result.waits.find((w) => Object.hasOwn(hotline.summary.messageWaits, w.elementId))!;
    result = await runStep(
      hotline,
      persisted(result),
      { kind: 'message', elementId: wait.elementId, variables: { caseState } },
      noRouting,
    );
    seen.push(at(result));
  }
  return seen.map((s) => s.replace(/[a-z]+-moved\+/, ''));
}

describe("the hotline's shipped process", () => {
  it('compiles: four stages whose tasks only the case’s events move, each with its working days', () => {
    expect(hotline.summary.key).toBe('hotline-case');
    expect(
      Object.fromEntries(
        Object.entries(hotline.summary.userTasks).map(([id, task]) => [
          id,
          [task.role, task.outcomes, task.dueInWorkingDays, task.warnWorkingDaysBefore],
        ]),
      ),
    ).toEqual({
      triage: ['feedback.office', [], 2, 1],
      verify: ['feedback.handler', [], 15, 3],
      reopened: ['feedback.handler', [], 15, 3],
      review: ['feedback.office', [], 5, 1],
      appeal: ['feedback.office', [], 10, 2],
    });
    expect(new Set(Object.values(hotline.summary.messageWaits).map((w) => w.messageName))).toEqual(
      new Set(['hotline.moved']),
    );
    expect(new Set(HOTLINE_CASE_MAPPINGS.map((m) => m.keyPath))).toEqual(new Set(['caseId']));
  });

  it("follows a case's life: routed, asked, answered, returned, handed back, answered", async () => {
    expect(
      await walk(
        'RECEIVED',
        'ASSIGNED',
        'AWAITING_INFORMATION',
        'VERIFYING',
        'RESPONSE_SUBMITTED',
        'VERIFYING',
        'TRIAGED',
        'ASSIGNED',
        'RESPONSE_SUBMITTED',
        'RESPONDED',
      ),
    ).toEqual([
      'triage',
      'verify',
      'awaiting-information',
      'verify',
      'review',
      'verify',
      'triage',
      'verify',
      'review',
      'ended',
    ]);
  });

  it('ends a rejected or merged case at triage; starts a reopened one at verification, an appeal at its review', async () => {
    expect(await walk('RECEIVED', 'REJECTED')).toEqual(['triage', 'ended']);
    expect(await walk('RECEIVED', 'MERGED')).toEqual(['triage', 'ended']);
    expect(await walk('ASSIGNED', 'AWAITING_INFORMATION', 'VERIFYING', 'RESPONSE_SUBMITTED', 'RESPONDED')).toEqual([
      'reopened',
      'awaiting-information',
      'verify',
      'review',
      'ended',
    ]);
    expect(await walk('UNDER_APPEAL', 'VERIFYING')).toEqual(['appeal', 'verify']);
    expect(await walk('UNDER_APPEAL', 'CLOSED')).toEqual(['appeal', 'ended']);
  });
});
