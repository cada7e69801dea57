import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { detectMediaType } from '@onedoor/application';
import { hasRole, ROLES } from '@onedoor/contracts';
import { RegistrationError, RegistrationErrorCode } from '../../domain';
import { MAX_DOCUMENT_BYTES } from '../attach-document/attach-document.handler';
import { ApplicationStore, DOCUMENT_STORAGE, type DocumentStorage, type UploadRecord } from '../ports';
import { UploadDocument } from './upload-document.command';

/** The formats a document may be in, whatever its service (each service narrows them per type). */
const FORMATS = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'image/tiff'];

/**
 * Keeps a document uploaded before its application (GovStack's POST /documents): its format is read from the
 * content and must be one a document may be in; at most MAX_DOCUMENT_BYTES. It is its uploader's alone until an
 * application they submit links it (SubmitApplication `uploads`), where the service's own rules for its type apply.
 */
@Injectable()
export class UploadDocumentHandler {
  constructor(
    private readonly applications: ApplicationStore,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  async execute({ caller, bytes, type }: UploadDocument): Promise<UploadRecord> {
    if (!hasRole(caller, ROLES.citizen) && !hasRole(caller, ROLES.registrationClerk)) {
      throw new RegistrationError(RegistrationErrorCode.FORBIDDEN, 'Applicants and counter clerks upload documents.');
    }
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) {
      throw new RegistrationError(RegistrationErrorCode.NO_FILE, 'Send one file, in the form field `file`.');
    }
    if (bytes.length > MAX_DOCUMENT_BYTES) {
      throw new RegistrationError(
        RegistrationErrorCode.DOCUMENT_TOO_LARGE,
        `A document is at most ${MAX_DOCUMENT_BYTES} bytes.`,
      );
    }
    const mediaType = detectMediaType(bytes);
    if (!mediaType || !FORMATS.includes(mediaType)) {
      throw new RegistrationError(
        RegistrationErrorCode.DOCUMENT_TYPE_NOT_ACCEPTED,
        `A document is a PDF, PNG, JPEG, WebP or TIFF file; this content is ${mediaType ?? 'none of them'}.`,
      );
    }
    // Content-addressed: storing first is harmless if the row is not written.
    const stored = await this.storage.put(bytes);
    const upload: UploadRecord = {
      id: randomUUID(),
      mediaType,
      sizeBytes: bytes.length,
      sha256: stored.sha256,
      storageKey: stored.key,
      type: type ?? null,
      uploadedBy: caller.sub,
      attachedTo: null,
    };
    await this.applications.addUpload(upload);
    return upload;
  }
}
