import { CaseClosed, CasePublished } from '@onedoor/contracts';
import { FeedbackErrorCode as Code } from '../../domain';
import { feedbackTestBed, handler, office, refusal } from '../../../test/use-case-harness';
import { CaseQueries } from '../queries/cases.queries';
import { SubmitCase } from '../submit-case/submit-case.command';
import { SubmitCaseHandler } from '../submit-case/submit-case.handler';
import { TakeStep } from '../take-step/take-step.command';
import { TakeStepHandler } from '../take-step/take-step.handler';
import { PublishAnswer } from './publish-answer.command';
import { PublishAnswerHandler } from './publish-answer.handler';

const bed = feedbackTestBed((uc) => ({
  submitting: new SubmitCaseHandler(uc.cases, uc.reference, uc.submissionCounts, uc.config, uc.sealer),
  stepping: new TakeStepHandler(uc.cases, uc.pinAttempts, uc.reference, uc.sealer, uc.config),
  publishing: new PublishAnswerHandler(uc.cases),
  queries: new CaseQueries(uc.cases, uc.pinAttempts, uc.attachments, uc.config),
}));

const unit = handler('MPWT-VTE', 'MPWT');

/** A case answered by the unit (unfounded) and accepted by the Office: ready for publication. */
async function answeredCase(description = 'ບໍ່ມີນ້ຳປະປາ 3 ມື້ແລ້ວ ຢູ່ບ້ານໂພນໄຊ') {
  return (await answered(description)).number;
}

async function answered(description: string) {
  const { record, pin } = await bed.submitting.execute(
    SubmitCase.create({
      kind: 'complaint',
      topic: 'water-supply',
      description,
      identity: 'anonymous',
      channel: 'web',
      province: '01',
    }),
  );
  const step = (caller: typeof office, step: TakeStep['step'], extra: Partial<TakeStep> = {}) =>
    bed.stepping.execute(TakeStep.create({ caller, number: record.number, step, ...extra }));
  await step(office, 'triage');
  await step(office, 'assign', { unit: 'MPWT-VTE', ministry: 'MPWT' });
  await step(unit, 'startVerification');
  await step(unit, 'recordFinding', { finding: 'UNFOUNDED', explanation: 'The supply was cut for planned works' });
  await step(unit, 'submitResponse');
  await step(office, 'acceptResponse');
  return { number: record.number, pin: pin! };
}

const publication = (
  caller: typeof office,
  number: string,
  step: PublishAnswer['step'],
  extra: Partial<PublishAnswer> = {},
) => bed.publishing.execute(PublishAnswer.create({ caller, number, step, ...extra }));

describe("publishing a case's answer", () => {
  it('the unit drafts a summary, personal data in it is found and blocks publication until the Office redacts it', async () => {
    const number = await answeredCase();
    const drafted = await publication(unit, number, 'draftSummary', {
      summary: {
        questionLo: 'ທ່ານ ສົມພອນ ວົງສາ ຖາມວ່າ ເປັນຫຍັງບໍ່ມີນ້ຳປະປາ 3 ມື້ ຢູ່ບ້ານໂພນໄຊ (ໂທ 020 5551 2345)',
        answerLo: 'ການສະໜອງນ້ຳຖືກຢຸດໄວ້ ເພື່ອສ້ອມແປງທໍ່ຕາມແຜນ; ນ້ຳມາແລ້ວ ວັນທີ 3/12/2026',
      },
    });
    expect(drafted.personalData.map((m) => [m.field, m.kind])).toEqual([
      ['summary.questionLo', 'name'],
      ['summary.questionLo', 'phone'],
    ]);
    const blocked = await refusal(publication(office, number, 'publish'), Code.PERSONAL_DATA);
    expect(blocked.errors).toEqual([
      expect.objectContaining({ field: 'summary.questionLo', message: 'name: ທ່ານ ສົມພອນ ວົງສາ' }),
      expect.objectContaining({ field: 'summary.questionLo', message: 'phone: 020 5551 2345' }),
    ]);
    await refusal(publication(unit, number, 'publish'), Code.FORBIDDEN);
    const approved = {
      questionLo: 'ເປັນຫຍັງບໍ່ມີນ້ຳປະປາ 3 ມື້ ຢູ່ບ້ານໂພນໄຊ?',
      answerLo: 'ການສະໜອງນ້ຳຖືກຢຸດໄວ້ ເພື່ອສ້ອມແປງທໍ່ຕາມແຜນ; ນ້ຳມາແລ້ວ ວັນທີ 3/12/2026',
      questionEn: 'Why was there no tap water for 3 days in Ban Phonxay?',
      answerEn: 'The supply was cut for planned pipe works; water is back since 3 December 2026.',
    };
    const { record } = await publication(office, number, 'publish', { summary: approved });
    expect([record.state, record.publishedSummary]).toEqual(['PUBLISHED', approved]);
    // The draft is kept as the unit wrote it.
    expect(record.summary?.questionLo).toContain('ສົມພອນ');
    await publication(office, number, 'close');
    const types = await bed.uc.outbox();
    expect(types).toEqual(expect.arrayContaining([CasePublished.type, CaseClosed.type]));

    const [found, total] = await bed.queries.answers({ q: 'ໂພນໄຊ' }, { offset: 0, limit: 10 });
    expect(total).toBeGreaterThanOrEqual(1);
    expect(found.map((c) => c.number)).toContain(number);
    expect(
      (
        await bed.queries.answers(
          { q: 'planned pipe', topic: 'water-supply', province: '01' },
          { offset: 0, limit: 10 },
        )
      )[0].map((c) => c.number),
    ).toContain(number);
    expect((await bed.queries.answers({ q: 'ສົມພອນ' }, { offset: 0, limit: 10 }))[1]).toBe(0);
    expect(
      (await bed.queries.answers({ ministry: 'MOH' }, { offset: 0, limit: 10 }))[0].map((c) => c.number),
    ).not.toContain(number);
  });

  it('its submitter reopens it (not fixed: back to the same unit) or appeals (the Office decides), within 30 days', async () => {
    const { number, pin } = await answered('ນ້ຳປະປາບໍ່ມາ ຢູ່ບ້ານສີເມືອງ');
    await publication(office, number, 'withholdPublication', { reason: 'One street only' });
    await publication(office, number, 'close');
    const asSubmitter = (step: TakeStep['step'], extra: Partial<TakeStep> = {}) =>
      bed.stepping.execute(TakeStep.create({ number, step, pin, ...extra }));
    await refusal(asSubmitter('reopen'), Code.INCOMPLETE);
    await refusal(
      bed.stepping.execute(TakeStep.create({ number, step: 'reopen', pin: '999999', reason: 'x' })),
      Code.CASE_NOT_FOUND,
    );
    const reopened = await asSubmitter('reopen', { reason: 'The water is cut again' });
    expect([reopened.state, reopened.unit]).toEqual(['ASSIGNED', 'MPWT-VTE']);

    const { number: second, pin: secondPin } = await answered('ນ້ຳປະປາບໍ່ມາ ຢູ່ບ້ານດົງປ່າລານ');
    const appeal = (extra: Partial<TakeStep> = {}) =>
      bed.stepping.execute(
        TakeStep.create({
          number: second,
          step: 'appeal',
          pin: secondPin,
          reason: 'The works were not planned',
          ...extra,
        }),
      );
    expect((await appeal()).state).toBe('UNDER_APPEAL');
    const decided = await bed.stepping.execute(
      TakeStep.create({ caller: office, number: second, step: 'sendBackOnAppeal', reason: 'Check the works plan' }),
    );
    expect(decided.state).toBe('VERIFYING');

    // Past the window: 31 days after the answer.
    const { number: late, pin: latePin } = await answered('ນ້ຳປະປາບໍ່ມາ ຢູ່ບ້ານໜອງບອນ');
    await bed.uc.sql(`UPDATE feedback.cases SET responded_at = now() - interval '31 days' WHERE number = $1`, [late]);
    await refusal(
      bed.stepping.execute(TakeStep.create({ number: late, step: 'reopen', pin: latePin, reason: 'Still cut' })),
      Code.WINDOW_CLOSED,
    );
    const types = await bed.uc.outbox();
    expect(types).toEqual(
      expect.arrayContaining([
        'la.gov.onedoor.feedback.case.reopened.v1',
        'la.gov.onedoor.feedback.case.appealed.v1',
        'la.gov.onedoor.feedback.case.appeal-decided.v1',
      ]),
    );
  });

  it('a case may be kept from publication with a reason; only published ones are found', async () => {
    const number = await answeredCase('ບໍ່ມີນ້ຳປະປາ ຢູ່ເຮືອນຂອງຂ້ອຍຜູ້ດຽວ');
    await refusal(publication(office, number, 'withholdPublication'), Code.INCOMPLETE);
    const { record } = await publication(office, number, 'withholdPublication', { reason: 'Concerns one household' });
    expect(record.state).toBe('NOT_PUBLISHED');
    expect((await bed.queries.answers({ q: 'ເຮືອນຂອງຂ້ອຍ' }, { offset: 0, limit: 10 }))[1]).toBe(0);
    await refusal(
      publication(handler('MOH-VTE', 'MOH'), number, 'draftSummary', {
        summary: { questionLo: 'xxxxx', answerLo: 'yyyyy' },
      }),
      Code.CASE_NOT_FOUND,
    );
  });

  it('a search counts the answers that match up to 200 past its page, and says when there are more', async () => {
    // 250 published answers with one word, as the Office would have published them, the newest the 250th.
    await bed.uc.dataSource.query(
      `INSERT INTO feedback.cases (id, number, kind, topic, description, state, channel, identity, province, ministry,
         published_summary, answer_words, published_at, revision, created_at, updated_at)
       SELECT gen_random_uuid(), '1516-CNT' || lpad(n::text, 5, '0'), 'complaint', 'roads', 'seeded', 'PUBLISHED',
              'web', 'anonymous', '06', 'MPWT', jsonb_build_object('questionLo', 'ຂົວຫັກ ' || n, 'answerLo', 'ສ້ອມແລ້ວ'),
              'ຂົວຫັກ ' || n || ' ສ້ອມແລ້ວ', now() - make_interval(mins => 250 - n), 0, now(), now()
         FROM generate_series(1, 250) AS n`,
    );
    const [first, total, more] = await bed.queries.answers({ q: 'ຂົວຫັກ' }, { offset: 0, limit: 20 });
    expect(first.map((a) => a.number)).toEqual(
      Array.from({ length: 20 }, (_, i) => `1516-CNT${String(250 - i).padStart(5, '0')}`),
    );
    expect([total, more]).toEqual([220, true]);
    expect((await bed.queries.answers({ q: 'ຂົວຫັກ' }, { offset: 40, limit: 20 })).slice(1)).toEqual([250, false]);
    const [last, lastTotal] = await bed.queries.answers({ q: 'ຂົວຫັກ', province: '06' }, { offset: 240, limit: 20 });
    expect([last.length, lastTotal]).toEqual([10, 250]);
    const [beyond, beyondTotal] = await bed.queries.answers({ q: 'ຂົວຫັກ' }, { offset: 300, limit: 20 });
    expect([beyond, beyondTotal]).toEqual([[], 250]);
    expect((await bed.queries.answers({ q: 'ຂົວຫັກ', topic: 'water-supply' }, { offset: 0, limit: 20 }))[1]).toBe(0);
  });
});
