import type { ApplicationStatistics, WorkflowTask } from './desk';
import { definitionOf, loadOf, periodOf, serviceFormOf, statisticsRows } from './office-input';
import { stepsFor } from './office-pages';

const task = (assignee: string | undefined, state: string, dueAt?: string): WorkflowTask => ({
  id: `${assignee}-${state}-${dueAt}`,
  unit: 'MOIC-VTE-D01',
  role: 'registration.officer',
  outcomes: ['approve'],
  state,
  assignee,
  dueAt,
  escalated: false,
});

describe("the workspace's forms and queries", () => {
  it('takes a period of real days in order, and nothing else', () => {
    expect(periodOf({ from: '2026-01-01', to: '2026-06-30' })).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(periodOf({ from: '2026-06-30', to: '2026-01-01' })).toEqual({});
    expect(periodOf({ from: '2026-02-31x', to: ['2026-01-01'] })).toEqual({});
    expect(periodOf({ from: '2026-13-01' })).toEqual({});
    expect(periodOf({ to: '2026-03-01' })).toEqual({ to: '2026-03-01' });
  });

  it("counts the unit's open tasks by holder, with the overdue ones", () => {
    const past = '2020-01-01T00:00:00Z';
    const future = '2999-01-01T00:00:00Z';
    expect(
      loadOf([
        task(undefined, 'open', past),
        task('a', 'claimed', past),
        task('a', 'claimed', future),
        task('b', 'claimed', future),
        task('b', 'completed', past),
      ]),
    ).toEqual([
      { holder: 'a', open: 2, overdue: 1 },
      { holder: 'b', open: 1, overdue: 0 },
      { holder: undefined, open: 1, overdue: 1 },
    ]);
  });

  it('writes the statistics as one table for a spreadsheet', () => {
    const figures: ApplicationStatistics = {
      from: '2026-01-01',
      to: '2026-12-31',
      open: 3,
      overdue: 1,
      byService: [{ key: 'import-licence', count: 4 }],
      byStatus: [],
      byOffice: [{ key: 'MOIC-VTE-D01', count: 4 }],
      byProvince: [],
      processing: [{ serviceCode: 'import-licence', decided: 2, averageDays: 1.5, withinTarget: 2, pastTarget: 0 }],
    };
    expect(statisticsRows(figures)).toEqual([
      { table: 'open', key: '', count: 3 },
      { table: 'overdue', key: '', count: 1 },
      { table: 'byOffice', key: 'MOIC-VTE-D01', count: 4 },
      { table: 'byService', key: 'import-licence', count: 4 },
      {
        table: 'processing',
        key: 'import-licence',
        count: 2,
        averageDays: 1.5,
        withinTarget: 2,
        pastTarget: 0,
      },
    ]);
  });

  it("reads the service editor's form: a new version keeps its code; JSON that does not parse is named", () => {
    const body = {
      code: 'other-code',
      nameLo: 'ໃບອະນຸຍາດ',
      nameEn: 'Licence',
      descriptionLo: 'ລາຍລະອຽດ',
      descriptionEn: 'About',
      unit: 'moic-derm',
      topics: ['business', { nested: true }, 'tax'],
      fee: '150000',
      slaWorkingDays: '15',
      processKey: 'import-licence',
      schema: '{"type":"object","properties":{}}',
      layout: '',
      documents: '[{',
      prefill: '{}',
      eligibility: '[]',
    };
    const form = serviceFormOf(body, 'import-licence');
    expect(form).toMatchObject({ code: 'import-licence', unit: 'MOIC-DERM', topics: ['business', 'tax'] });
    const refused = definitionOf(form, 'MOIC', 'en');
    expect(refused.definition).toBeUndefined();
    expect(refused.errors).toEqual({ documents: 'Documents required (JSON): not valid JSON' });
    const { definition } = definitionOf({ ...form, documents: '' }, 'MOIC', 'en');
    expect(definition).toMatchObject({
      code: 'import-licence',
      ministry: 'MOIC',
      fee: 150_000,
      slaWorkingDays: 15,
      documents: [],
      eForm: { schema: { type: 'object' }, layout: {} },
    });
  });

  it('offers each role the steps of the state, and no other', () => {
    const office = ['feedback.office'];
    const unit = ['feedback.handler'];
    expect(stepsFor('RECEIVED', office)).toEqual(['triage', 'reject']);
    expect(stepsFor('RECEIVED', unit)).toEqual([]);
    expect(stepsFor('VERIFYING', unit)).toEqual(['recordFinding', 'requestInformation', 'handBack']);
    expect(stepsFor('VERIFYING', office)).toEqual([]);
    expect(stepsFor('RESPONDED', office)).toEqual(['publish', 'withholdPublication']);
    expect(stepsFor('PUBLISHED', [...office, ...unit])).toEqual([]);
  });
});
