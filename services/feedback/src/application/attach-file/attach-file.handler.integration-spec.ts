import { FeedbackErrorCode as Code } from '../../domain';
import { feedbackTestBed, handler, office, refusal } from '../../../test/use-case-harness';
import { CaseQueries } from '../queries/cases.queries';
import { SubmitCase } from '../submit-case/submit-case.command';
import { SubmitCaseHandler } from '../submit-case/submit-case.handler';
import { TakeStep } from '../take-step/take-step.command';
import { TakeStepHandler } from '../take-step/take-step.handler';
import { AttachFileHandler, MAX_ATTACHMENTS } from './attach-file.handler';

const bed = feedbackTestBed((uc) => {
  const queries = new CaseQueries(uc.cases, uc.pinAttempts, uc.attachments, uc.config);
  return {
    submitting: new SubmitCaseHandler(uc.cases, uc.reference, uc.submissionCounts, uc.config, uc.sealer),
    stepping: new TakeStepHandler(uc.cases, uc.pinAttempts, uc.reference, uc.sealer, uc.config),
    queries,
    files: new AttachFileHandler(queries, uc.attachments, uc.attachmentStorage),
  };
});

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 7)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF');
const submit = () =>
  bed.submitting.execute(
    SubmitCase.create({
      kind: 'complaint',
      topic: 'water-supply',
      description: 'ທໍ່ນ້ຳແຕກ ຢູ່ໜ້າໂຮງຮຽນບ້ານໂພນໄຊ',
      identity: 'anonymous',
      channel: 'web',
      province: '01',
    }),
  );

describe("a case's attachments", () => {
  it('takes a photo from the anonymous submitter (PIN) and evidence from the unit; each reads them back', async () => {
    const { record, pin } = await submit();
    const photo = await bed.files.attach({ number: record.number, pin }, PNG);
    expect(photo).toMatchObject({ mediaType: 'image/png', size: PNG.length, addedBy: 'submitter' });
    await bed.stepping.execute(TakeStep.create({ caller: office, number: record.number, step: 'triage' }));
    await bed.stepping.execute(
      TakeStep.create({ caller: office, number: record.number, step: 'assign', unit: 'MPWT-VTE', ministry: 'MPWT' }),
    );
    const unit = handler('MPWT-VTE', 'MPWT');
    expect((await bed.files.attach({ caller: unit, number: record.number }, PDF)).addedBy).toBe('unit');
    const { attachments } = await bed.queries.get(undefined, record.number, pin);
    expect(attachments.map((a) => [a.mediaType, a.addedBy])).toEqual([
      ['image/png', 'submitter'],
      ['application/pdf', 'unit'],
    ]);
    const { bytes } = await bed.files.download({ caller: unit, number: record.number }, photo.id);
    expect(bytes.equals(PNG)).toBe(true);
    // Another unit, a wrong PIN: as if there were no case.
    await refusal(
      bed.files.download({ caller: handler('MPWT-LPB', 'MPWT'), number: record.number }, photo.id),
      Code.CASE_NOT_FOUND,
    );
    await refusal(
      bed.files.attach({ number: record.number, pin: pin === '000000' ? '000001' : '000000' }, PNG),
      Code.CASE_NOT_FOUND,
    );
  });

  it('refuses a disguised file, an empty one, too many, and files on a settled case; nothing written', async () => {
    const { record, pin } = await submit();
    const reader = { number: record.number, pin };
    for (const disguised of [
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00 not a picture', 'latin1'),
      Buffer.from('<html><script>alert(1)</script></html>'),
    ]) {
      await refusal(bed.files.attach(reader, disguised), Code.UNSUPPORTED_ATTACHMENT);
    }
    await refusal(bed.files.attach(reader, Buffer.alloc(0)), Code.VALIDATION_FAILED);
    for (let i = 0; i < MAX_ATTACHMENTS; i++) await bed.files.attach(reader, PNG);
    await refusal(bed.files.attach(reader, PDF), Code.TOO_MANY_ATTACHMENTS);
    expect((await bed.queries.get(undefined, record.number, pin)).attachments).toHaveLength(MAX_ATTACHMENTS);
    const other = await submit();
    await bed.stepping.execute(
      TakeStep.create({ caller: office, number: other.record.number, step: 'reject', reason: 'Not a public service' }),
    );
    await refusal(bed.files.attach({ number: other.record.number, pin: other.pin }, PNG), Code.NOT_NOW);
  });
});
