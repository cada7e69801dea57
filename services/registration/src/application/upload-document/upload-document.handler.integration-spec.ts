import { DocumentUploaded } from '@onedoor/contracts';
import { RegistrationErrorCode as Code } from '../../domain';
import { citizen, clerk, PDF, refusal, registrationTestBed, serviceToApplyFor } from '../../../test/use-case-harness';
import { ApplicationQueries } from '../queries/applications.queries';
import { SubmitApplication } from '../submit-application/submit-application.command';
import { SubmitApplicationHandler } from '../submit-application/submit-application.handler';
import { UpdateApplication } from '../update-application/update-application.command';
import { UpdateApplicationHandler } from '../update-application/update-application.handler';
import { UploadDocument } from './upload-document.command';
import { UploadDocumentHandler } from './upload-document.handler';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

const bed = registrationTestBed(async (uc) => ({
  upload: new UploadDocumentHandler(uc.applications, uc.storage),
  submit: new SubmitApplicationHandler(uc.applications, uc.catalogue),
  update: new UpdateApplicationHandler(uc.applications),
  queries: new ApplicationQueries(uc.reads, uc.storage),
  ...(await serviceToApplyFor(uc)),
}));

const submitWith = (caller: ReturnType<typeof citizen>, uploads: string[]) =>
  bed.submit.execute(
    SubmitApplication.create({
      serviceId: bed.service.id,
      caller,
      phone: '020 5555 0001',
      formData: { data: { businessName: 'Somphone' } },
      uploads,
    }),
  );

describe('uploading a document before its application (GovStack POST /documents)', () => {
  it("keeps it as the uploader's, then makes it the document of the application that links it, once", async () => {
    const person = citizen();
    const upload = await bed.upload.execute(UploadDocument.create({ caller: person, bytes: PDF, type: 'plan' }));
    expect(upload).toMatchObject({ mediaType: 'application/pdf', sizeBytes: PDF.length, attachedTo: null });
    const before = (await bed.uc.outbox()).length;

    const submitted = await submitWith(person, [upload.id]);
    expect(submitted.status.code).toBe('PENDING');
    const read = await bed.queries.get(person, submitted.fileId);
    expect(read.documents).toEqual([expect.objectContaining({ id: upload.id, type: 'plan', sha256: upload.sha256 })]);
    expect(read.history.map((h) => h.action)).toEqual(expect.arrayContaining(['submitted', 'document-uploaded']));
    expect((await bed.uc.outbox()).slice(before)).toContain(DocumentUploaded.type);
    expect((await bed.queries.document(person, upload.id)).bytes.equals(PDF)).toBe(true);

    // Linked once only: a second application of the same person gets nothing, and nothing is written.
    const applications = await bed.uc.sql(`SELECT count(*)::int AS n FROM registration.applications`);
    await refusal(submitWith(person, [upload.id]), Code.UPLOAD_TAKEN);
    expect(await bed.uc.sql(`SELECT count(*)::int AS n FROM registration.applications`)).toEqual(applications);
  });

  it('links an upload to a draft when it is corrected, once, and submits it with it', async () => {
    const person = citizen();
    const { fileId } = await bed.apply(person, { draft: true, data: {} });
    const upload = await bed.upload.execute(UploadDocument.create({ caller: person, bytes: PDF }));
    const correct = (uploads: string[]) =>
      bed.update.execute(
        UpdateApplication.create({
          applicationId: fileId,
          caller: person,
          formData: { data: { businessName: 'Somphone' } },
          submit: true,
          uploads,
        }),
      );
    const stranger = await bed.upload.execute(UploadDocument.create({ caller: citizen(), bytes: PDF }));
    await refusal(correct([stranger.id]), Code.UNKNOWN_UPLOAD);
    expect((await bed.queries.get(person, fileId)).status.code).toBe('DRAFT');
    const corrected = await correct([upload.id]);
    expect(corrected.status).toBe('PENDING');
    expect((await bed.queries.get(person, fileId)).documents).toEqual([
      expect.objectContaining({ id: upload.id, type: 'plan' }),
    ]);
    await refusal(submitWith(person, [upload.id]), Code.UPLOAD_TAKEN);
  });

  it("refuses another person's upload, an unknown one, and one the service's rules for its type refuse", async () => {
    const person = citizen();
    const other = await bed.upload.execute(UploadDocument.create({ caller: citizen(), bytes: PDF, type: 'plan' }));
    await refusal(submitWith(person, [other.id]), Code.UNKNOWN_UPLOAD);
    await refusal(submitWith(person, ['8a70cd6d-bdb2-41ed-9397-0242ac120004']), Code.UNKNOWN_UPLOAD);
    await refusal(submitWith(person, ['not-an-id']), Code.UNKNOWN_UPLOAD);
    const png = await bed.upload.execute(UploadDocument.create({ caller: person, bytes: PNG, type: 'plan' }));
    await refusal(submitWith(person, [png.id]), Code.DOCUMENT_TYPE_NOT_ACCEPTED);
    const passport = await bed.upload.execute(UploadDocument.create({ caller: person, bytes: PDF, type: 'passport' }));
    await refusal(submitWith(person, [passport.id]), Code.UNKNOWN_DOCUMENT_TYPE);
    const large = await bed.upload.execute(
      UploadDocument.create({ caller: person, bytes: Buffer.concat([PDF, Buffer.alloc(1_000)]) }),
    );
    // No type named: the service's only type, whose limit is 1,000 bytes.
    await refusal(submitWith(person, [large.id]), Code.DOCUMENT_TOO_LARGE);
    expect(
      await bed.uc.sql(
        `SELECT attached_to FROM registration.uploads WHERE attached_to IS NOT NULL AND uploaded_by = $1`,
        [person.sub],
      ),
    ).toEqual([]);
  });

  it('takes only documents in a format a document may be in, from applicants and counters', async () => {
    const person = citizen();
    await refusal(bed.upload.execute(UploadDocument.create({ caller: person, bytes: Buffer.alloc(0) })), Code.NO_FILE);
    await refusal(
      bed.upload.execute(UploadDocument.create({ caller: person, bytes: Buffer.from('<html>hello</html>') })),
      Code.DOCUMENT_TYPE_NOT_ACCEPTED,
    );
    await refusal(
      bed.upload.execute(
        UploadDocument.create({ caller: { sub: 'officer', roles: ['registration.officer'] }, bytes: PDF }),
      ),
      Code.FORBIDDEN,
    );
    await expect(bed.upload.execute(UploadDocument.create({ caller: clerk(), bytes: PDF }))).resolves.toMatchObject({
      uploadedBy: 'clerk-noy',
    });
  });
});
