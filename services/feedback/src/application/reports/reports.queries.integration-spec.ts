import { FeedbackErrorCode as Code } from '../../domain';
import { citizen, feedbackTestBed, handler, office, refusal } from '../../../test/use-case-harness';
import { SubmitCase } from '../submit-case/submit-case.command';
import { SubmitCaseHandler } from '../submit-case/submit-case.handler';
import { TakeStep } from '../take-step/take-step.command';
import { TakeStepHandler } from '../take-step/take-step.handler';
import { periodOf, ReportsQueries } from './reports.queries';

const bed = feedbackTestBed((uc) => ({
  submitting: new SubmitCaseHandler(uc.cases, uc.reference, uc.submissionCounts, uc.config, uc.sealer),
  stepping: new TakeStepHandler(uc.cases, uc.pinAttempts, uc.reference, uc.sealer, uc.config),
  reports: new ReportsQueries(uc.reports),
}));

const unit = handler('MPWT-VTE', 'MPWT');
const today = periodOf(undefined, undefined);

async function caseOf(
  topic: string,
  province: string,
  answered: boolean,
  kind: 'complaint' | 'suggestion' = 'complaint',
) {
  const { record } = await bed.submitting.execute(
    SubmitCase.create({
      kind,
      topic,
      description: `ບັນຫາກ່ຽວກັບ ${topic} ຢູ່ແຂວງ ${province}`,
      identity: 'anonymous',
      channel: 'web',
      province,
    }),
  );
  if (!answered) return record;
  const by = (caller: typeof office, step: TakeStep['step'], extra: Partial<TakeStep> = {}) =>
    bed.stepping.execute(TakeStep.create({ caller, number: record.number, step, ...extra }));
  await by(office, 'triage');
  await by(office, 'assign', { unit: 'MPWT-VTE', ministry: 'MPWT' });
  await by(unit, 'startVerification');
  await by(unit, 'recordFinding', { finding: 'UNFOUNDED', explanation: 'Planned works, announced before' });
  await by(unit, 'submitResponse');
  await by(office, 'acceptResponse');
  return record;
}

describe('reports and public statistics', () => {
  beforeAll(async () => {
    // Roads in Vientiane Capital: 6 cases, 5 answered; water in Luang Prabang: 2, none answered.
    for (let i = 0; i < 6; i++) await caseOf('roads', '01', i < 5);
    for (let i = 0; i < 2; i++) await caseOf('water-supply', '06', false, 'suggestion');
  });

  it("counts the Office's cases by topic: received, open, answered on target, median days", async () => {
    const rows = await bed.reports.cases(office, 'topic', today);
    const roads = rows.find((r) => r.key === 'roads')!;
    expect(roads).toMatchObject({
      received: 6,
      open: 1,
      answered: 5,
      answeredWithinTarget: 5,
      rejected: 0,
      overdue: 0,
    });
    expect(roads.medianDaysToAnswer).toBe(0);
    expect(rows.find((r) => r.key === 'water-supply')).toMatchObject({
      received: 2,
      open: 2,
      answered: 0,
      medianDaysToAnswer: null,
    });
    expect((await bed.reports.cases(office, 'kind', today)).map((r) => [r.key, r.received])).toEqual([
      ['complaint', 6],
      ['suggestion', 2],
    ]);
    // A period before any case: nothing.
    expect(await bed.reports.cases(office, 'topic', periodOf('2020-01-01', '2020-12-31'))).toEqual([]);
  });

  it("shows a unit its own cases only; no one else's reports", async () => {
    const rows = await bed.reports.cases(unit, 'unit', today);
    expect(rows).toEqual([expect.objectContaining({ key: 'MPWT-VTE', received: 5, answered: 5 })]);
    expect(await bed.reports.cases(handler('MOH-VTE', 'MOH'), 'topic', today)).toEqual([]);
    await refusal(bed.reports.cases(citizen(), 'topic', today), Code.FORBIDDEN);
    await refusal(bed.reports.ratings(unit, 'service', today), Code.FORBIDDEN);
  });

  it('suppresses public counts from 1 to 4, and the median of fewer than 5 answers', async () => {
    const rows = await bed.reports.publicStatistics('province', today);
    expect(rows.find((r) => r.key === '01')).toMatchObject({
      received: 6,
      answered: 5,
      published: 0,
      medianDaysToAnswer: 0,
    });
    expect(rows.find((r) => r.key === '06')).toEqual({
      key: '06',
      received: null,
      answered: 0,
      published: 0,
      answeredWithinTarget: 0,
      medianDaysToAnswer: null,
    });
  });

  it('refuses a period backwards or over 3 years', () => {
    expect(() => periodOf('2026-02-01', '2026-01-01')).toThrow(/on or before/);
    expect(() => periodOf('2020-01-01', '2026-01-01')).toThrow(/3 years/);
    expect(periodOf(undefined, '2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
});
