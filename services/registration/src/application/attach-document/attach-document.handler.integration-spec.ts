import { createHash } from 'node:crypto';
import { DocumentUploaded } from '@onedoor/contracts';
import { RegistrationErrorCode as Code } from '../../domain';
import { citizen, PDF, refusal, registrationTestBed, serviceToApplyFor } from '../../../test/use-case-harness';
import { ApplicationQueries } from '../queries/applications.queries';
import { AttachDocument } from './attach-document.command';
import { AttachDocumentHandler } from './attach-document.handler';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

const bed = registrationTestBed(async (uc) => ({
  attach: new AttachDocumentHandler(uc.applications, uc.reads, uc.catalogue, uc.storage),
  queries: new ApplicationQueries(uc.reads, uc.storage),
  ...(await serviceToApplyFor(uc)),
}));

describe('attaching a document', () => {
  it('keeps the bytes, records what they are and tells the other blocks', async () => {
    const person = citizen();
    const { fileId } = await bed.apply(person, { draft: true, data: {} });
    const before = (await bed.uc.outbox()).length;
    const document = await bed.attach.execute(
      AttachDocument.create({ applicationId: fileId, caller: person, type: 'plan', bytes: PDF }),
    );
    expect(document).toMatchObject({ type: 'plan', mediaType: 'application/pdf', sizeBytes: PDF.length });
    expect((await bed.uc.outbox()).slice(before)).toEqual([DocumentUploaded.type]);
    const read = await bed.queries.document(person, document.id);
    expect(read.bytes.equals(PDF)).toBe(true);
    await refusal(bed.queries.document(citizen(), document.id), Code.DOCUMENT_NOT_FOUND);
  });

  it('reads the type from the content and checks it against the service', async () => {
    const person = citizen();
    const { fileId } = await bed.apply(person, { draft: true, data: {} });
    const attempt = (type: string, bytes: Buffer) =>
      bed.attach.execute(AttachDocument.create({ applicationId: fileId, caller: person, type, bytes }));
    await refusal(attempt('plan', PNG), Code.DOCUMENT_TYPE_NOT_ACCEPTED);
    await refusal(attempt('passport', PDF), Code.UNKNOWN_DOCUMENT_TYPE);
    await refusal(attempt('plan', Buffer.concat([PDF, Buffer.alloc(1_000)])), Code.DOCUMENT_TOO_LARGE);
    await refusal(attempt('plan', Buffer.alloc(0)), Code.NO_FILE);
    expect(await bed.uc.sql(`SELECT id FROM registration.documents WHERE application_id = $1`, [fileId])).toEqual([]);
  });

  it('takes none once the application has ended, and none from strangers', async () => {
    const person = citizen();
    const { fileId } = await bed.apply(person);
    await refusal(
      bed.attach.execute(AttachDocument.create({ applicationId: fileId, caller: citizen(), type: 'plan', bytes: PDF })),
      Code.APPLICATION_NOT_FOUND,
    );
    await bed.uc.sql(`UPDATE registration.applications SET status = 'APPROVED' WHERE id = $1`, [fileId]);
    const bytes = Buffer.concat([PDF, Buffer.from('% refused\n')]);
    await refusal(
      bed.attach.execute(AttachDocument.create({ applicationId: fileId, caller: person, type: 'plan', bytes })),
      Code.NOT_EDITABLE,
    );
    // A refused upload leaves no file behind.
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await expect(bed.uc.storage.get(sha256)).rejects.toThrow('no such document');
  });
});
