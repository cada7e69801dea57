import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { detectMediaType, type DocumentStorage } from '@onedoor/application';
import type { Caller } from '@onedoor/contracts';
import { FeedbackError, FeedbackErrorCode, handlesCase, isSettled, officeOf } from '../../domain';
import { ATTACHMENT_STORAGE, Attachments, type AttachmentRecord } from '../ports';
import { CaseQueries } from '../queries/cases.queries';

/** An attachment's size limit: a phone's photo or a scanned page. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
/** How many files one case may carry. */
export const MAX_ATTACHMENTS = 10;

export interface Reader {
  caller?: Caller;
  number: string;
  pin?: string;
  clientAddress?: string;
}

/**
 * Files attached to a case (a photo of the broken pipe, a scanned letter, the unit's evidence): by whoever may read
 * the case (its submitter, signed in or with the PIN; the Office; the unit handling it), while it is not settled.
 * The type is read from the content, never from a name; the size and the number per case are limited.
 */
@Injectable()
export class AttachFileHandler {
  constructor(
    private readonly queries: CaseQueries,
    private readonly attachments: Attachments,
    @Inject(ATTACHMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  async attach(reader: Reader, bytes: Buffer): Promise<AttachmentRecord> {
    const { record } = await this.queries.get(reader.caller, reader.number, reader.pin, reader.clientAddress);
    if (isSettled(record.state)) {
      throw new FeedbackError(FeedbackErrorCode.NOT_NOW, `A case that is ${record.state} takes no more files.`);
    }
    if (!bytes.length) {
      throw new FeedbackError(FeedbackErrorCode.VALIDATION_FAILED, "The body is the file's bytes: it is empty.", [
        { field: 'body', message: 'a file' },
      ]);
    }
    if (bytes.length > MAX_ATTACHMENT_BYTES) {
      throw new FeedbackError(
        FeedbackErrorCode.ATTACHMENT_TOO_LARGE,
        `A file is at most ${MAX_ATTACHMENT_BYTES} bytes.`,
      );
    }
    const mediaType = detectMediaType(bytes);
    if (!mediaType) {
      throw new FeedbackError(
        FeedbackErrorCode.UNSUPPORTED_ATTACHMENT,
        'The file is none of PDF, PNG, JPEG, WebP or TIFF (read from its content, not its name).',
      );
    }
    const { key, sha256 } = await this.storage.put(bytes);
    const caller = reader.caller;
    const attachment = {
      id: randomUUID(),
      caseId: record.id,
      mediaType,
      size: bytes.length,
      sha256,
      storageKey: key,
      addedBy: caller && officeOf(caller) ? 'office' : caller && handlesCase(caller, record) ? 'unit' : 'submitter',
    } as const;
    if (!(await this.attachments.add(attachment, MAX_ATTACHMENTS))) {
      throw new FeedbackError(
        FeedbackErrorCode.TOO_MANY_ATTACHMENTS,
        `A case carries at most ${MAX_ATTACHMENTS} files.`,
      );
    }
    return { ...attachment, createdAt: new Date() };
  }

  /** A file's bytes, for whoever may read its case. */
  async download(reader: Reader, id: string): Promise<{ attachment: AttachmentRecord; bytes: Buffer }> {
    const { record } = await this.queries.get(reader.caller, reader.number, reader.pin, reader.clientAddress);
    const attachment = (await this.attachments.of(record.id)).find((a) => a.id === id);
    if (!attachment)
      throw new FeedbackError(FeedbackErrorCode.CASE_NOT_FOUND, `No file ${id} on case ${record.number}.`);
    return { attachment, bytes: await this.storage.get(attachment.storageKey) };
  }
}
