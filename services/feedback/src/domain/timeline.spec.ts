import { isCaseStep, timelineFor, type TimelineSource } from './timeline';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 3, minute));
const entry = (
  step: string,
  toState: string,
  actor: string,
  reason: string | null,
  minute: number,
): TimelineSource => ({
  step,
  toState,
  actor,
  reason,
  at: at(minute),
});

const HISTORY: TimelineSource[] = [
  entry('receive', 'RECEIVED', 'submitter', null, 0),
  entry('message-sent', 'RECEIVED', 'messaging', 'sms feedback.notice-received', 1),
  entry('mergeIn', 'RECEIVED', 'pmo-officer-1', 'HL-2026-000042', 2),
  entry('triage', 'TRIAGED', 'pmo-officer-1', null, 3),
  entry('assign', 'ASSIGNED', 'pmo-officer-1', null, 4),
  entry('message-delivered', 'ASSIGNED', 'messaging', 'email feedback.case-assigned', 4),
  entry('warn', 'ASSIGNED', 'workflow', 'verification: due 2026-12-04 at MPWT-VTE', 5),
  entry('startVerification', 'VERIFYING', 'unit-officer-7', null, 6),
  entry('requestInformation', 'AWAITING_INFORMATION', 'unit-officer-7', 'Which house number?', 7),
  entry('message-failed', 'AWAITING_INFORMATION', 'messaging', 'sms feedback.notice-information-requested', 8),
  entry('provideInformation', 'VERIFYING', 'submitter', 'House 12', 9),
  entry('recordFinding', 'FINDING_RECORDED', 'unit-officer-7', 'FOUNDED', 10),
  entry('submitResponse', 'RESPONSE_SUBMITTED', 'unit-officer-7', null, 11),
  entry('returnResponse', 'VERIFYING', 'pmo-officer-2', 'Attach the contractor’s invoice.', 12),
  entry('escalate', 'VERIFYING', 'workflow', 'verification: due 2026-12-04, escalated', 13),
];

describe('a hotline case’s timeline', () => {
  it('is whole for officers: every block’s entries, their reasons and who took each step', () => {
    const timeline = timelineFor(HISTORY, 'officer');
    expect(timeline).toHaveLength(HISTORY.length);
    expect(timeline.find((e) => e.step === 'returnResponse')).toEqual({
      step: 'returnResponse',
      state: 'VERIFYING',
      block: 'feedback',
      reason: 'Attach the contractor’s invoice.',
      by: 'pmo-officer-2',
      at: at(12),
    });
    expect(timeline.find((e) => e.step === 'message-delivered')).toMatchObject({
      reason: 'email feedback.case-assigned',
    });
    expect(timeline.filter((e) => e.block === 'workflow').map((e) => e.step)).toEqual(['warn', 'escalate']);
    expect(timeline.find((e) => e.step === 'message-sent')).toMatchObject({
      block: 'messaging',
      reason: 'sms feedback.notice-received',
    });
  });

  it('is reduced for the submitter: no deadlines, no messages to the offices, no names, only their reasons', () => {
    const timeline = timelineFor(HISTORY, 'submitter');
    expect(timeline.map((e) => e.step)).toEqual([
      'receive',
      'message-sent',
      'mergeIn',
      'triage',
      'assign',
      'startVerification',
      'requestInformation',
      'message-failed',
      'provideInformation',
      'recordFinding',
      'submitResponse',
      'returnResponse',
    ]);
    expect(timeline.every((e) => e.by === undefined)).toBe(true);
    const reasons = Object.fromEntries(timeline.filter((e) => e.reason).map((e) => [e.step, e.reason]));
    expect(reasons).toEqual({
      'message-sent': 'sms',
      requestInformation: 'Which house number?',
      'message-failed': 'sms',
      provideInformation: 'House 12',
    });
  });

  it('tells the case’s own steps from other blocks’ records of it (Open311 notes show only the steps)', () => {
    expect(HISTORY.filter((e) => isCaseStep(e.step)).map((e) => e.step)).toEqual([
      'receive',
      'mergeIn',
      'triage',
      'assign',
      'startVerification',
      'requestInformation',
      'provideInformation',
      'recordFinding',
      'submitResponse',
      'returnResponse',
    ]);
    expect(['message-delivered'].some(isCaseStep)).toBe(false);
  });
});
