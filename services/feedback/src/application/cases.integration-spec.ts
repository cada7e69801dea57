import {
  CaseAssigned,
  CaseReceived,
  CaseRejected,
  CaseTriaged,
  SubmitterNoticeRequested,
  type SubmitterNoticeSecret,
} from '@onedoor/contracts';
import { FeedbackErrorCode as Code } from '../domain';
import { citizen, feedbackTestBed, handler, office, refusal } from '../../test/use-case-harness';
import { CaseQueries } from './queries/cases.queries';
import { SubmitCase } from './submit-case/submit-case.command';
import { SubmitCaseHandler } from './submit-case/submit-case.handler';
import { TakeStep } from './take-step/take-step.command';
import { TakeStepHandler } from './take-step/take-step.handler';

const bed = feedbackTestBed((uc) => ({
  submitting: new SubmitCaseHandler(uc.cases, uc.reference, uc.submissionCounts, uc.config, uc.sealer),
  stepping: new TakeStepHandler(uc.cases, uc.pinAttempts, uc.reference, uc.sealer, uc.config),
  queries: new CaseQueries(uc.cases, uc.pinAttempts, uc.attachments, uc.config),
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

/** The notices a case's submitters were sent: what they say, and to whom, opened with the messaging block's key. */
async function noticesOf(caseIds: string[]) {
  const rows = await bed.uc.sql<{ payload: { caseNumber: string; notice: string; language: string; sealed: string } }>(
    `SELECT payload FROM feedback.outbox WHERE event_type = $1 AND payload->>'caseId' = ANY($2) ORDER BY seq`,
    [SubmitterNoticeRequested.type, caseIds],
  );
  return Promise.all(
    rows.map(async ({ payload }) => ({
      caseNumber: payload.caseNumber,
      notice: payload.notice,
      language: payload.language,
      to: await bed.uc.unsealer.open<SubmitterNoticeSecret>(payload.sealed),
    })),
  );
}

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

  it('throttles PIN guessing: after 5 wrong PINs for a case, even the right one waits; per address too', async () => {
    const { record, pin } = await bed.submitting.execute(SubmitCase.create({ ...complaint, identity: 'anonymous' }));
    const wrong = String((Number(pin) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) {
      await refusal(bed.queries.get(undefined, record.number, wrong, `10.0.0.${i}`), Code.CASE_NOT_FOUND);
    }
    await refusal(bed.queries.get(undefined, record.number, pin, '10.0.0.9'), Code.TOO_MANY_ATTEMPTS);
    await refusal(
      bed.stepping.execute(
        TakeStep.create({ number: record.number, step: 'appeal', pin, reason: 'x', clientAddress: '10.0.0.9' }),
      ),
      Code.TOO_MANY_ATTEMPTS,
    );
    // One address guessing across case numbers is stopped as well.
    for (let i = 0; i < 5; i++) {
      await refusal(bed.queries.get(undefined, `1516-0000-000${i}-0`, '123456', '192.0.2.7'), Code.CASE_NOT_FOUND);
    }
    const other = await bed.submitting.execute(SubmitCase.create({ ...complaint, identity: 'anonymous' }));
    await refusal(bed.queries.get(undefined, other.record.number, other.pin, '192.0.2.7'), Code.TOO_MANY_ATTEMPTS);
    expect((await bed.queries.get(undefined, other.record.number, other.pin, '192.0.2.8')).record.id).toBe(
      other.record.id,
    );
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
      Code.UNKNOWN_PLACE,
    );
    expect(elsewhere.errors).toEqual([expect.objectContaining({ field: 'district' })]);
    const me = citizen();
    const { record, pin } = await bed.submitting.execute(
      SubmitCase.create({ ...complaint, identity: 'identified', caller: me }),
    );
    expect([record.submitterId, pin]).toEqual([me.sub, undefined]);
    expect((await bed.queries.get(me, record.number)).record.id).toBe(record.id);
  });

  it('lists a signed-in person their own cases, newest first: never an anonymous one, never anyone else’s', async () => {
    const me = citizen();
    const identified = await bed.submitting.execute(
      SubmitCase.create({ ...complaint, identity: 'identified', caller: me }),
    );
    const confidential = await bed.submitting.execute(
      SubmitCase.create({ ...complaint, kind: 'suggestion', identity: 'confidential', caller: me }),
    );
    // Submitted anonymously while signed in: the case names no one (not even to the Office), followed by number and PIN.
    const anonymous = await bed.submitting.execute(
      SubmitCase.create({ ...complaint, identity: 'anonymous', caller: me }),
    );
    expect(anonymous.record.submitterId).toBeNull();
    await refusal(bed.queries.get(me, anonymous.record.number), Code.CASE_NOT_FOUND);
    await bed.submitting.execute(SubmitCase.create({ ...complaint, identity: 'identified', caller: citizen() }));

    const [mine, total] = await bed.queries.list(me, undefined, page);
    expect(mine.map((record) => record.number)).toEqual([confidential.record.number, identified.record.number]);
    expect(total).toBe(2);
    const [received] = await bed.queries.list(me, ['RECEIVED'], { offset: 1, limit: 1 });
    expect(received.map((record) => record.number)).toEqual([identified.record.number]);
    expect((await bed.queries.list(citizen(), undefined, page))[0]).toEqual([]);
    // A person signed in as themself is what lists; a caller that is neither an officer nor a person is refused.
    await refusal(bed.queries.list({ sub: me.sub, roles: [] }, undefined, page), Code.FORBIDDEN);
    await refusal(bed.queries.list({ sub: 'h', roles: ['feedback.handler'] }, undefined, page), Code.FORBIDDEN);
  });

  it("checks a case's place against the identity block's register: each code known, each within the one above", async () => {
    const anonymous = { ...complaint, identity: 'anonymous' as const };
    for (const [place, field] of [
      [{ province: '19', district: undefined }, 'province'],
      [{ province: '01', district: '0199' }, 'district'],
      [{ province: '01', district: '0102', village: '0101001' }, 'village'],
      [{ province: undefined, district: '0101' }, 'district'],
    ] as const) {
      const refused = await refusal(
        bed.submitting.execute(SubmitCase.create({ ...anonymous, ...place })),
        Code.UNKNOWN_PLACE,
      );
      expect(refused.errors).toEqual([expect.objectContaining({ field })]);
    }
    const { record } = await bed.submitting.execute(SubmitCase.create({ ...anonymous, village: '0101001' }));
    expect([record.province, record.district, record.village]).toEqual(['01', '0101', '0101001']);
  });

  it('refuses a flood from one source (address, phone, person, key), counted on every replica; others go on', async () => {
    const flood = new SubmitCaseHandler(
      bed.uc.cases,
      bed.uc.reference,
      bed.uc.submissionCounts,
      { ...bed.uc.config, submissionsPerHour: 3 },
      bed.uc.sealer,
    );
    const from = (source: Partial<SubmitCase>) =>
      flood.execute(SubmitCase.create({ ...complaint, identity: 'anonymous', ...source }));
    for (let i = 0; i < 3; i++) await from({ clientAddress: '198.51.100.7' });
    await refusal(from({ clientAddress: '198.51.100.7' }), Code.TOO_MANY_SUBMISSIONS);
    await from({ clientAddress: '198.51.100.8' });
    for (let i = 0; i < 3; i++) await from({ clientAddress: `203.0.113.${i}`, sourcePhone: '+8562055512345' });
    await refusal(from({ clientAddress: '203.0.113.9', sourcePhone: '+8562055512345' }), Code.TOO_MANY_SUBMISSIONS);
    const me = citizen();
    for (let i = 0; i < 3; i++) {
      await flood.execute(
        SubmitCase.create({ ...complaint, identity: 'identified', caller: me, clientAddress: `192.0.2.${i + 20}` }),
      );
    }
    await refusal(
      flood.execute(SubmitCase.create({ ...complaint, identity: 'confidential', caller: me })),
      Code.TOO_MANY_SUBMISSIONS,
    );
    // A refused submission writes nothing: no case, no event.
    const [{ n }] = await bed.uc.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM feedback.cases WHERE submitter_id = $1`,
      [me.sub],
    );
    expect(n).toBe(3);
  });

  it('the Office triages and routes a case; the unit sees it, never who submitted it confidentially; others do not', async () => {
    const me = citizen();
    const { record } = await bed.submitting.execute(
      SubmitCase.create({ ...complaint, identity: 'confidential', caller: me }),
    );
    const step = (step: 'triage' | 'assign' | 'reject', extra: object = {}) =>
      bed.stepping.execute(TakeStep.create({ caller: office, number: record.number, step, ...extra }));
    // A unit's officer does not even see a case not assigned to their unit.
    await refusal(
      bed.stepping.execute(TakeStep.create({ caller: unitOfVientiane, number: record.number, step: 'triage' })),
      Code.CASE_NOT_FOUND,
    );
    await refusal(step('assign', { unit: 'MPWT-VTE', ministry: 'MPWT' }), Code.NOT_NOW);
    expect((await step('triage')).state).toBe('TRIAGED');
    await refusal(step('assign', { unit: 'MPWT-VTE' }), Code.INCOMPLETE);
    // Only a registered office of a registered ministry (or the ministry itself) is given a case.
    for (const [unit, ministry, field] of [
      ['MOH-VTE', 'MPWT', 'unit'],
      ['MPWT-XYZ', 'MPWT', 'unit'],
      ['MOX-VTE', 'MOX', 'ministry'],
    ]) {
      const unknown = await refusal(step('assign', { unit, ministry }), Code.UNKNOWN_UNIT);
      expect(unknown.errors).toEqual([expect.objectContaining({ field })]);
    }
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

  it('the unit verifies (asking the anonymous submitter, who answers with the PIN), finds, and reports back; the Office reviews', async () => {
    const { record, pin } = await bed.submitting.execute(SubmitCase.create({ ...complaint, identity: 'anonymous' }));
    const by = (caller: typeof office | undefined, step: TakeStep['step'], extra: Partial<TakeStep> = {}) =>
      bed.stepping.execute(TakeStep.create({ caller, number: record.number, step, ...extra }));
    await by(office, 'triage');
    await by(office, 'assign', { unit: 'MPWT-VTE', ministry: 'MPWT' });
    // The Office does not verify, the unit does not review.
    await refusal(by(office, 'startVerification'), Code.FORBIDDEN);
    await by(unitOfVientiane, 'startVerification');
    await by(unitOfVientiane, 'requestInformation', { reason: 'Which part of Ban Phonxay?' });
    await refusal(by(undefined, 'provideInformation', { pin: '000000', reason: 'x' }), Code.CASE_NOT_FOUND);
    expect((await by(undefined, 'provideInformation', { pin, reason: 'Near the school' })).state).toBe('VERIFYING');
    const found = await by(unitOfVientiane, 'recordFinding', {
      finding: 'FOUNDED',
      actions: [{ description: 'Repair the pipe near the school' }],
    });
    expect([found.state, found.finding, found.actions]).toEqual([
      'FINDING_RECORDED',
      'FOUNDED',
      [{ description: 'Repair the pipe near the school' }],
    ]);
    const notDone = await refusal(by(unitOfVientiane, 'submitResponse'), Code.INCOMPLETE);
    expect(notDone.errors).toEqual([expect.objectContaining({ field: 'actions.0.evidence' })]);
    const done = [
      { description: 'Repair the pipe near the school', evidence: 'work-order-77', completedAt: '2026-12-03' },
    ];
    expect((await by(unitOfVientiane, 'submitResponse', { actions: done })).state).toBe('RESPONSE_SUBMITTED');
    await refusal(by(unitOfVientiane, 'acceptResponse'), Code.FORBIDDEN);
    expect((await by(office, 'returnResponse', { reason: 'Say who checked the repair' })).state).toBe('VERIFYING');
    await by(unitOfVientiane, 'recordFinding', { finding: 'FOUNDED', actions: done });
    await by(unitOfVientiane, 'submitResponse');
    const answered = await by(office, 'acceptResponse');
    expect(answered.state).toBe('RESPONDED');
    const { history } = await bed.queries.get(undefined, record.number, pin);
    expect(history.map((h) => h.step)).toEqual([
      'receive',
      'triage',
      'assign',
      'startVerification',
      'requestInformation',
      'provideInformation',
      'recordFinding',
      'submitResponse',
      'returnResponse',
      'recordFinding',
      'submitResponse',
      'acceptResponse',
    ]);
    const types = await bed.uc.sql<{ event_type: string }>(
      `SELECT event_type FROM feedback.outbox WHERE payload->>'caseId' = $1 ORDER BY seq`,
      [record.id],
    );
    expect(types.map((t) => t.event_type.replace('la.gov.onedoor.feedback.case.', '').replace('.v1', ''))).toEqual([
      'received',
      'triaged',
      'assigned',
      'information-requested',
      'information-provided',
      'finding-recorded',
      'response-submitted',
      'response-returned',
      'finding-recorded',
      'response-submitted',
      'responded',
    ]);
  });

  it("a unit hands back what is not its competence: the case returns to triage, no longer the unit's", async () => {
    const { record } = await bed.submitting.execute(SubmitCase.create({ ...complaint, identity: 'anonymous' }));
    const by = (caller: typeof office, step: TakeStep['step'], extra: Partial<TakeStep> = {}) =>
      bed.stepping.execute(TakeStep.create({ caller, number: record.number, step, ...extra }));
    await by(office, 'triage');
    await by(office, 'assign', { unit: 'MPWT-VTE', ministry: 'MPWT' });
    await refusal(by(unitOfVientiane, 'handBack'), Code.INCOMPLETE);
    const back = await by(unitOfVientiane, 'handBack', { reason: 'A national road: the ministry handles it' });
    expect([back.state, back.unit]).toEqual(['TRIAGED', null]);
    await refusal(bed.queries.get(unitOfVientiane, record.number), Code.CASE_NOT_FOUND);
  });

  it('tells the submitter (sealed for the messaging block): received, asked for more, answered; rejected', async () => {
    const me = citizen();
    const identified = await bed.submitting.execute(
      SubmitCase.create({ ...complaint, identity: 'confidential', caller: me }),
    );
    const silent = await bed.submitting.execute(SubmitCase.create({ ...complaint, identity: 'anonymous' }));
    const reachable = await bed.submitting.execute(
      SubmitCase.create({ ...complaint, identity: 'anonymous', contactPhone: '+8562055512345', language: 'en' }),
    );
    const by = (caller: typeof office, number: string, step: TakeStep['step'], extra: Partial<TakeStep> = {}) =>
      bed.stepping.execute(TakeStep.create({ caller, number, step, ...extra }));
    for (const { record } of [identified, reachable]) {
      await by(office, record.number, 'triage');
      await by(office, record.number, 'assign', { unit: 'MPWT-VTE', ministry: 'MPWT' });
      await by(unitOfVientiane, record.number, 'startVerification');
    }
    await by(unitOfVientiane, reachable.record.number, 'requestInformation', { reason: 'Which house number?' });
    await by(unitOfVientiane, identified.record.number, 'recordFinding', {
      finding: 'UNFOUNDED',
      explanation: 'Planned works',
    });
    await by(unitOfVientiane, identified.record.number, 'submitResponse');
    await by(office, identified.record.number, 'acceptResponse');
    await by(office, silent.record.number, 'reject', { reason: 'Not about a public service' });
    expect(await noticesOf([identified.record.id, silent.record.id, reachable.record.id])).toEqual([
      { caseNumber: identified.record.number, notice: 'received', language: 'lo', to: { personId: me.sub } },
      { caseNumber: reachable.record.number, notice: 'received', language: 'en', to: { phone: '+8562055512345' } },
      {
        caseNumber: reachable.record.number,
        notice: 'information-requested',
        language: 'en',
        to: { phone: '+8562055512345', reason: 'Which house number?' },
      },
      { caseNumber: identified.record.number, notice: 'answered', language: 'lo', to: { personId: me.sub } },
    ]);
    // The words and the submitter are sealed: the event itself names neither.
    const raw = await bed.uc.sql<{ payload: object }>(
      `SELECT payload FROM feedback.outbox WHERE event_type = $1 AND payload->>'caseId' = $2`,
      [SubmitterNoticeRequested.type, reachable.record.id],
    );
    expect(JSON.stringify(raw)).not.toMatch(/2055512345|house number/);
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
      state: 'REJECTED',
      reason: 'Advertising, not about a public service',
    });
    expect(await bed.uc.outbox()).toContain(CaseRejected.type);
    await refusal(reject('again'), Code.NOT_NOW);
  });
});
