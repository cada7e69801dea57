import { FeedbackErrorCode as Code } from './feedback.error';
import {
  nextState,
  stageOf,
  stepsOpenTo,
  type CaseState,
  type CaseStep,
  type Actor,
  type StepInput,
} from './case-lifecycle';

const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error as { code: string; errors?: { field: string }[] };
  }
  throw new Error('the step was allowed');
};

/** Walks a case through steps, each taken by its actor; answers the states it went through. */
function walk(steps: [CaseStep, Actor, StepInput?][], from: CaseState = 'RECEIVED'): CaseState[] {
  const states: CaseState[] = [from];
  for (const [step, actor, input] of steps) states.push(nextState(states.at(-1)!, step, actor, input));
  return states;
}

describe("a hotline case's life", () => {
  const done = { description: 'Water pipe repaired in Ban Phonxay', evidence: 'doc-1', completedAt: '2026-12-03' };

  it('goes from receipt through verification, a founded finding with its actions, review and publication to closed', () => {
    expect(
      walk([
        ['triage', 'office'],
        ['assign', 'office'],
        ['startVerification', 'unit'],
        ['requestInformation', 'unit', { reason: 'Which village?' }],
        ['provideInformation', 'submitter'],
        ['recordFinding', 'unit', { finding: 'FOUNDED', actions: [{ description: 'Repair the pipe' }] }],
        ['submitResponse', 'unit', { finding: 'FOUNDED', actions: [done] }],
        ['returnResponse', 'office', { reason: 'Say when the repair was checked' }],
        ['recordFinding', 'unit', { finding: 'FOUNDED', actions: [done] }],
        ['submitResponse', 'unit', { finding: 'FOUNDED', actions: [done] }],
        ['acceptResponse', 'office'],
        ['publish', 'office'],
        ['close', 'office'],
      ]),
    ).toEqual([
      'RECEIVED',
      'TRIAGED',
      'ASSIGNED',
      'VERIFYING',
      'AWAITING_INFORMATION',
      'VERIFYING',
      'FINDING_RECORDED',
      'RESPONSE_SUBMITTED',
      'VERIFYING',
      'FINDING_RECORDED',
      'RESPONSE_SUBMITTED',
      'RESPONDED',
      'PUBLISHED',
      'CLOSED',
    ]);
  });

  it('an unfounded case needs its explanation, not actions; it may be kept from publication with a reason', () => {
    const verifying = walk([
      ['triage', 'office'],
      ['assign', 'office'],
      ['startVerification', 'unit'],
    ]).at(-1)!;
    expect(refusal(() => nextState(verifying, 'recordFinding', 'unit', { finding: 'UNFOUNDED' })).errors).toEqual([
      expect.objectContaining({ field: 'explanation' }),
    ]);
    expect(
      walk(
        [
          ['recordFinding', 'unit', { finding: 'UNFOUNDED', explanation: 'The road belongs to the province' }],
          ['submitResponse', 'unit', { finding: 'UNFOUNDED' }],
          ['acceptResponse', 'office'],
          ['withholdPublication', 'office', { reason: 'Names a private person' }],
          ['close', 'office'],
        ],
        verifying,
      ).at(-1),
    ).toBe('CLOSED');
    expect(refusal(() => nextState('RESPONDED', 'withholdPublication', 'office')).code).toBe(Code.INCOMPLETE);
  });

  it('a founded case reports back only when every corrective action is done, with its evidence', () => {
    const refused = refusal(() =>
      nextState('FINDING_RECORDED', 'submitResponse', 'unit', {
        finding: 'PARTLY_FOUNDED',
        actions: [done, { description: 'Inspect the other pipes' }, { description: 'Report', evidence: 'doc-2' }],
      }),
    );
    expect(refused.code).toBe(Code.INCOMPLETE);
    expect(refused.errors!.map((e) => e.field)).toEqual(['actions.1.evidence', 'actions.2.completedAt']);
    expect(refusal(() => nextState('VERIFYING', 'recordFinding', 'unit', { finding: 'FOUNDED' })).errors).toEqual([
      expect.objectContaining({ field: 'actions' }),
    ]);
  });

  it('each step is taken by its own actor, from the states it leaves', () => {
    expect(refusal(() => nextState('RECEIVED', 'triage', 'unit')).code).toBe(Code.FORBIDDEN);
    expect(refusal(() => nextState('VERIFYING', 'recordFinding', 'office', {})).code).toBe(Code.FORBIDDEN);
    const notNow = refusal(() => nextState('RECEIVED', 'assign', 'office'));
    expect(notNow.code).toBe(Code.NOT_NOW);
    expect(refusal(() => nextState('CLOSED', 'publish', 'office')).code).toBe(Code.NOT_NOW);
    expect(stepsOpenTo('RECEIVED', 'office').sort()).toEqual(['merge', 'reject', 'triage']);
    expect(stepsOpenTo('VERIFYING', 'unit').sort()).toEqual(['handBack', 'recordFinding', 'requestInformation']);
    expect(stepsOpenTo('RECEIVED', 'unit')).toEqual([]);
  });

  it('triage rejects or merges; a unit hands back what is not its competence, with a reason', () => {
    expect(refusal(() => nextState('TRIAGED', 'reject', 'office', { reason: '  ' })).code).toBe(Code.INCOMPLETE);
    expect(nextState('TRIAGED', 'reject', 'office', { reason: 'Advertising' })).toBe('REJECTED');
    expect(nextState('RECEIVED', 'merge', 'office')).toBe('MERGED');
    expect(nextState('VERIFYING', 'handBack', 'unit', { reason: 'A provincial road' })).toBe('TRIAGED');
  });

  it('reopening (not fixed) and appealing (disagrees) are different, each within its window after the answer', () => {
    const respondedAt = new Date('2026-12-01T03:00:00Z');
    const soon = { reason: 'Still leaking', respondedAt, now: new Date('2026-12-20T03:00:00Z') };
    const late = { ...soon, now: new Date('2027-01-15T03:00:00Z') };
    expect(nextState('PUBLISHED', 'reopen', 'submitter', soon)).toBe('ASSIGNED');
    expect(nextState('CLOSED', 'appeal', 'submitter', soon)).toBe('UNDER_APPEAL');
    expect(refusal(() => nextState('CLOSED', 'reopen', 'submitter', late)).code).toBe(Code.WINDOW_CLOSED);
    expect(refusal(() => nextState('CLOSED', 'appeal', 'submitter', late)).code).toBe(Code.WINDOW_CLOSED);
    expect(refusal(() => nextState('VERIFYING', 'appeal', 'submitter', soon)).code).toBe(Code.NOT_NOW);
    expect(nextState('UNDER_APPEAL', 'sendBackOnAppeal', 'office', { reason: 'The finding missed the report' })).toBe(
      'VERIFYING',
    );
    expect(nextState('UNDER_APPEAL', 'upholdFinding', 'office', { reason: 'The finding stands' })).toBe('CLOSED');
  });

  it('the clock runs per stage, and stops while the submitter is asked for information or once it is settled', () => {
    expect(['RECEIVED', 'ASSIGNED', 'RESPONSE_SUBMITTED', 'UNDER_APPEAL'].map((s) => stageOf(s as CaseState))).toEqual([
      'triage',
      'verification',
      'review',
      'appeal',
    ]);
    expect(['AWAITING_INFORMATION', 'CLOSED', 'PUBLISHED'].map((s) => stageOf(s as CaseState))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});
