import { CaseAssigned, CaseReceived, CaseRejected, CaseTriaged } from '@onedoor/contracts';
import { FeedbackErrorCode as Code } from '../domain';
import { citizen, feedbackTestBed, handler, office, refusal } from '../../test/use-case-harness';
import { CaseQueries } from './queries/cases.queries';
import { SubmitCase } from './submit-case/submit-case.command';
import { SubmitCaseHandler } from './submit-case/submit-case.handler';
import { TakeStep } from './take-step/take-step.command';
import { TakeStepHandler } from './take-step/take-step.handler';

const bed = feedbackTestBed((uc) => ({
  submitting: new SubmitCaseHandler(uc.cases),
  stepping: new TakeStepHandler(uc.cases),
  queries: new CaseQueries(uc.cases),
}));

const complaint = {
  kind: 'complaint' as const,
  topic: 'water-supply',
  description: 'ນ້ຳປະປາບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ ຢູ່ບ້ານໂພນໄຊ',
  channel: 'web' as const,
  province: '01',
  district: '0101',
};
const page = { offset: 0, limit: 100 };
const unitOfVientiane = handler('MPWT-VTE', 'MPWT');

describe('hotline cases: intake, following, triage and routing', () => {
  it('takes an anonymous case with a PIN shown once, and follows it by number and PIN only', async () => {
    const { record, pin } = await bed.submitting.execute(SubmitCase.create({ ...complaint, identity: 'anonymous' }));
    expect(record.number).toMatch(/^1516-[0-9A-Z]{4}-[0-9A-Z]{4}-.$/);
    expect(pin).toMatch(/^\d{6}$/);
    expect(record.pinHash).not.toContain(pin);
    expect((await bed.queries.get(undefined, record.number, pin)).record.state).toBe('RECEIVED');
    const wrong = String((Number(pin) + 1) % 1_000_000).padStart(6, '0');
    await refusal(bed.queries.get(undefined, record.number, wrong), Code.CASE_NOT_FOUND);
    await refusal(bed.queries.get(undefined, record.number), Code.CASE_NOT_FOUND);
    await refusal(bed.queries.get(citizen(), record.number), Code.CASE_NOT_FOUND);
    await refusal(bed.queries.get(undefined, '1516-0000-0000-0', pin), Code.CASE_NOT_FOUND);
    const [received] = await bed.uc.sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM feedback.outbox WHERE event_type = $1 AND payload->>'caseId' = $2`,
      [CaseReceived.type, record.id],
    );
    expect(received.payload).toMatchObject({ caseNumber: record.number, identity: 'anonymous', state: 'RECEIVED' });
    expect(received.payload).not.toHaveProperty('submitterId');
  });

  it('an identified or confidential case is submitted signed in; a topic must be in the taxonomy', async () => {
    await refusal(
      bed.submitting.execute(SubmitCase.create({ ...complaint, identity: 'identified' })),
      Code.SIGN_IN_REQUIRED,
    );
    const unknown = await refusal(
      bed.submitting.execute(SubmitCase.create({ ...complaint, topic: 'weather', identity: 'anonymous' })),
      Code.UNKNOWN_TOPIC,
    );
    expect(unknown.errors).toEqual([expect.objectContaining({ field: 'topic' })]);
    const elsewhere = await refusal(
      bed.submitting.execute(SubmitCase.create({ ...complaint, district: '0601', identity: 'anonymous' })),
      Code.UNKNOWN_TOPIC,
    );
    expect(elsewhere.errors).toEqual([expect.objectContaining({ field: 'district' })]);
    const me = citizen();
    const { record, pin } = await bed.submitting.execute(
      SubmitCase.create({ ...complaint, identity: 'identified', caller: me }),
    );
    expect([record.submitterId, pin]).toEqual([me.sub, undefined]);
    expect((await bed.queries.get(me, record.number)).record.id).toBe(record.id);
  });

  it('the Office triages and routes a case; the unit sees it, never who submitted it confidentially; others do not', async () => {
    const me = citizen();
    const { record } = await bed.submitting.execute(
      SubmitCase.create({ ...complaint, identity: 'confidential', caller: me }),
    );
    const step = (step: 'triage' | 'assign' | 'reject', extra: object = {}) =>
      bed.stepping.execute(TakeStep.create({ caller: office, number: record.number, step, ...extra }));
    await refusal(
      bed.stepping.execute(TakeStep.create({ caller: unitOfVientiane, number: record.number, step: 'triage' })),
      Code.FORBIDDEN,
    );
    await refusal(step('assign', { unit: 'MPWT-VTE', ministry: 'MPWT' }), Code.NOT_NOW);
    expect((await step('triage')).state).toBe('TRIAGED');
    await refusal(step('assign', { unit: 'MPWT-VTE' }), Code.INCOMPLETE);
    await refusal(step('assign', { unit: 'MOH-VTE', ministry: 'MPWT' }), Code.INCOMPLETE);
    const assigned = await step('assign', { unit: 'MPWT-VTE', ministry: 'MPWT' });
    expect([assigned.state, assigned.unit, assigned.ministry]).toEqual(['ASSIGNED', 'MPWT-VTE', 'MPWT']);

    const seen = await bed.queries.get(unitOfVientiane, record.number);
    expect(seen.showSubmitter).toBe(false);
    expect(seen.history.map((h) => h.step)).toEqual(['receive', 'triage', 'assign']);
    expect((await bed.queries.list(unitOfVientiane, undefined, page))[0].map((c) => c.id)).toContain(record.id);
    const otherUnit = handler('MPWT-LPB', 'MPWT');
    expect((await bed.queries.list(otherUnit, undefined, page))[0].map((c) => c.id)).not.toContain(record.id);
    await refusal(bed.queries.get(otherUnit, record.number), Code.CASE_NOT_FOUND);
    expect((await bed.queries.get(office, record.number)).showSubmitter).toBe(true);
    expect((await bed.queries.get(me, record.number)).showSubmitter).toBe(true);
    expect((await bed.queries.list(office, ['ASSIGNED'], page))[0].map((c) => c.id)).toContain(record.id);

    const types = await bed.uc.outbox();
    expect(types).toEqual(expect.arrayContaining([CaseTriaged.type, CaseAssigned.type]));
  });

  it('rejects a case only with a reason, which its submitter reads', async () => {
    const { record, pin } = await bed.submitting.execute(SubmitCase.create({ ...complaint, identity: 'anonymous' }));
    const reject = (reason?: string) =>
      bed.stepping.execute(TakeStep.create({ caller: office, number: record.number, step: 'reject', reason }));
    await refusal(reject(), Code.INCOMPLETE);
    expect((await reject('Advertising, not about a public service')).state).toBe('REJECTED');
    const { history } = await bed.queries.get(undefined, record.number, pin);
    expect(history.at(-1)).toMatchObject({
      step: 'reject',
      toState: 'REJECTED',
      reason: 'Advertising, not about a public service',
    });
    expect(await bed.uc.outbox()).toContain(CaseRejected.type);
    await refusal(reject('again'), Code.NOT_NOW);
  });
});
