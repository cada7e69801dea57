import { CaseMerged, SubmitterNoticeRequested, type SubmitterNoticeSecret } from '@onedoor/contracts';
import { FeedbackErrorCode as Code } from '../../domain';
import { citizen, feedbackTestBed, handler, office, refusal } from '../../../test/use-case-harness';
import { CaseQueries } from '../queries/cases.queries';
import { SubmitCase } from '../submit-case/submit-case.command';
import { SubmitCaseHandler } from '../submit-case/submit-case.handler';
import { TakeStep } from '../take-step/take-step.command';
import { TakeStepHandler } from '../take-step/take-step.handler';
import { MergeCasesHandler } from './merge-cases.handler';

const bed = feedbackTestBed((uc) => ({
  submitting: new SubmitCaseHandler(uc.cases, uc.reference, uc.submissionCounts, uc.config, uc.sealer),
  stepping: new TakeStepHandler(uc.cases, uc.pinAttempts, uc.reference, uc.sealer, uc.config),
  merging: new MergeCasesHandler(uc.cases, uc.sealer),
  queries: new CaseQueries(uc.cases, uc.pinAttempts, uc.attachments, uc.config),
}));

const submit = (
  description: string,
  place: { province?: string; district?: string } = { province: '06', district: '0601' },
  topic = 'roads',
) =>
  bed.submitting.execute(
    SubmitCase.create({ kind: 'complaint', topic, description, identity: 'anonymous', channel: 'web', ...place }),
  );

describe('likely duplicates and mass cases', () => {
  it('proposes cases of the same topic and place in similar words, most alike first; not others', async () => {
    const first = await submit('ຖະໜົນເຂົ້າບ້ານນາເລົ່າ ເປັນຂຸມເປັນບໍ່ ລົດຈັກລົ້ມທຸກມື້');
    const again = await submit('ຖະຫນົນເຂົ້າບ້ານນາເລົາເປັນຂຸມເປັນບໍ ລົດຈັກລົ້ມທຸກມື້ ຊ່ວຍແດ່');
    const similar = await submit('ບ້ານນາເລົ່າ ຖະໜົນເປັນຂຸມ ລົດຈັກລົ້ມ');
    const otherWords = await submit('ໄຟຟ້າຕາມທາງບໍ່ເປີດ ມືດໝົດ ຢ້ານອັນຕະລາຍ');
    const otherPlace = await submit('ຖະໜົນເຂົ້າບ້ານນາເລົ່າ ເປັນຂຸມເປັນບໍ່ ລົດຈັກລົ້ມທຸກມື້', { province: '01', district: '0101' });
    const otherTopic = await submit('ຖະໜົນເຂົ້າບ້ານນາເລົ່າ ເປັນຂຸມເປັນບໍ່ ລົດຈັກລົ້ມທຸກມື້', undefined, 'water-supply');
    const proposed = await bed.merging.duplicates(office, first.record.number);
    const numbers = proposed.map((p) => p.record.number);
    expect(numbers.slice(0, 2)).toEqual([again.record.number, similar.record.number]);
    expect(numbers).not.toEqual(
      expect.arrayContaining([otherWords.record.number, otherPlace.record.number, otherTopic.record.number]),
    );
    for (const number of [otherWords, otherPlace, otherTopic].map((c) => c.record.number)) {
      expect(numbers).not.toContain(number);
    }
    expect(proposed[0].similarity).toBeGreaterThan(proposed[1].similarity);
    // Only the Office's triage compares cases.
    await refusal(bed.merging.duplicates(handler('MPWT-LPB', 'MPWT'), first.record.number), Code.CASE_NOT_FOUND);
    await refusal(bed.merging.duplicates(citizen(), first.record.number), Code.CASE_NOT_FOUND);
  });

  it("merges into a master case: the duplicate's submitter follows the master's outcome; the Office sees both", async () => {
    const master = await submit('ສະພານຂ້າມຫ້ວຍບ້ານໂພນສະຫວ່າງ ເປ່ເພ ລົດຂ້າມບໍ່ໄດ້');
    const duplicate = await submit('ສະພານຂ້າມຫ້ວຍ ບ້ານໂພນສະຫວ່າງ ເປ່ເພແລ້ວ ລົດຂ້າມບໍ່ໄດ້ເລີຍ');
    const merge = (number: string, into?: string, caller = office) => bed.merging.merge(caller, number, into);
    await refusal(merge(duplicate.record.number), Code.INCOMPLETE);
    await refusal(merge(duplicate.record.number, duplicate.record.number), Code.INCOMPLETE);
    await refusal(merge(duplicate.record.number, '1516-0000-0000-0'), Code.INCOMPLETE);
    await refusal(
      merge(duplicate.record.number, master.record.number, handler('MPWT-LPB', 'MPWT')),
      Code.CASE_NOT_FOUND,
    );
    const merged = await merge(duplicate.record.number, master.record.number);
    expect([merged.state, merged.mergedInto]).toEqual(['MERGED', master.record.number]);
    // Merged once: it cannot be merged again, nor can a case join a merged one.
    await refusal(merge(duplicate.record.number, master.record.number), Code.NOT_NOW);
    const third = await submit('ສະພານບ້ານໂພນສະຫວ່າງເປ່ເພ');
    await refusal(merge(third.record.number, duplicate.record.number), Code.NOT_NOW);

    const followed = await bed.queries.get(undefined, duplicate.record.number, duplicate.pin);
    expect(followed.master?.number).toBe(master.record.number);
    expect(followed.history.at(-1)).toMatchObject({ step: 'merge', state: 'MERGED' });
    expect((await bed.queries.get(office, master.record.number)).merged).toEqual([duplicate.record.number]);
    const [event] = await bed.uc.sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM feedback.outbox WHERE event_type = $1 AND payload->>'caseId' = $2`,
      [CaseMerged.type, duplicate.record.id],
    );
    expect(event.payload).toMatchObject({
      masterCaseNumber: master.record.number,
      state: 'MERGED',
      previousState: 'RECEIVED',
    });
  });

  it('tells every submitter of a master case its outcome, those merged into it too', async () => {
    const master = await bed.submitting.execute(
      SubmitCase.create({
        kind: 'complaint',
        topic: 'roads',
        description: 'ໄຟສັນຍານຈະລາຈອນສີ່ແຍກບ້ານດົງໂດກເພ',
        identity: 'confidential',
        channel: 'web',
        province: '01',
        caller: citizen(),
      }),
    );
    const duplicate = await bed.submitting.execute(
      SubmitCase.create({
        kind: 'complaint',
        topic: 'roads',
        description: 'ໄຟສັນຍານຈະລາຈອນສີ່ແຍກດົງໂດກ ເພແລ້ວ',
        identity: 'anonymous',
        channel: 'open311',
        province: '01',
        contactEmail: 'somchai@example.la',
      }),
    );
    await bed.merging.merge(office, duplicate.record.number, master.record.number);
    const unit = handler('MPWT-VTE', 'MPWT');
    const by = (caller: typeof office, step: TakeStep['step'], extra: Partial<TakeStep> = {}) =>
      bed.stepping.execute(TakeStep.create({ caller, number: master.record.number, step, ...extra }));
    await by(office, 'triage');
    await by(office, 'assign', { unit: 'MPWT-VTE', ministry: 'MPWT' });
    await by(unit, 'startVerification');
    await by(unit, 'recordFinding', {
      finding: 'FOUNDED',
      actions: [{ description: 'Repair the lights', evidence: 'WO-12', completedAt: '2026-12-01' }],
    });
    await by(unit, 'submitResponse');
    await by(office, 'acceptResponse');
    const rows = await bed.uc.sql<{ payload: { caseNumber: string; notice: string; sealed: string } }>(
      `SELECT payload FROM feedback.outbox WHERE event_type = $1 AND payload->>'caseId' = ANY($2) ORDER BY seq`,
      [SubmitterNoticeRequested.type, [master.record.id, duplicate.record.id]],
    );
    const notices = await Promise.all(
      rows.map(async ({ payload }) => [
        payload.caseNumber,
        payload.notice,
        await bed.uc.unsealer.open<SubmitterNoticeSecret>(payload.sealed),
      ]),
    );
    expect(notices).toEqual([
      [master.record.number, 'received', { personId: master.record.submitterId }],
      [duplicate.record.number, 'received', { email: 'somchai@example.la' }],
      [duplicate.record.number, 'merged', { email: 'somchai@example.la', masterCaseNumber: master.record.number }],
      [master.record.number, 'answered', { personId: master.record.submitterId }],
      [duplicate.record.number, 'answered', { email: 'somchai@example.la', masterCaseNumber: master.record.number }],
    ]);
  });

  it('does not merge into a settled case or one of another topic', async () => {
    const closed = await submit('ຖະໜົນບ້ານນາຊາຍ ມີຂີ້ຕົມຫຼາຍ ຍ່າງບໍ່ໄດ້');
    await bed.stepping.execute(
      TakeStep.create({
        caller: office,
        number: closed.record.number,
        step: 'reject',
        reason: 'Not about a public service',
      }),
    );
    const duplicate = await submit('ຖະໜົນບ້ານນາຊາຍ ມີຂີ້ຕົມ ຍ່າງບໍ່ໄດ້');
    await refusal(bed.merging.merge(office, duplicate.record.number, closed.record.number), Code.NOT_NOW);
    const water = await submit('ນ້ຳປະປາ ບ້ານນາຊາຍ ບໍ່ໄຫຼ', undefined, 'water-supply');
    await refusal(bed.merging.merge(office, duplicate.record.number, water.record.number), Code.NOT_NOW);
  });
});
