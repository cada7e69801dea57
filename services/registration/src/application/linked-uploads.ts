import { DocumentUploaded, type Caller } from '@onedoor/contracts';
import { RegistrationError, RegistrationErrorCode, type ApplicationRecord, type ServiceVersion } from '../domain';
import { applicationEvent, type Outgoing } from './outgoing';
import type { UploadRecord } from './ports';

/** An upload an application takes as its document, as one of its service's document types. */
export interface LinkedUpload {
  upload: UploadRecord;
  type: string;
}

/**
 * The uploads (`found`, those of `ids` that exist) an application links, each as a document type of its service
 * (the one its uploader named, or the service's only type) and within that type's size and formats: the caller's
 * own, not linked before, each once. Refusals name the upload's place in `field`.
 */
export function linkUploads(
  ids: string[],
  found: UploadRecord[],
  caller: Caller,
  service: ServiceVersion,
  field = 'uploads',
): LinkedUpload[] {
  return ids.map((id, index) => {
    const at = `${field}.${index}`;
    const upload = found.find((u) => u.id === id && u.uploadedBy === caller.sub);
    if (!upload) {
      throw new RegistrationError(RegistrationErrorCode.UNKNOWN_UPLOAD, `You uploaded no document ${id}.`, [
        { field: at, message: 'a document you uploaded' },
      ]);
    }
    if (upload.attachedTo || ids.indexOf(id) !== index) {
      throw new RegistrationError(RegistrationErrorCode.UPLOAD_TAKEN, `Document ${id} is already linked.`, [
        { field: at, message: 'linked once only' },
      ]);
    }
    const types = service.documents.map((d) => d.type);
    const type = upload.type ?? (types.length === 1 ? types[0] : undefined);
    const spec = service.documents.find((d) => d.type === type);
    if (!spec) {
      throw new RegistrationError(
        RegistrationErrorCode.UNKNOWN_DOCUMENT_TYPE,
        `The service takes ${types.join(', ') || 'no documents'}: name the type when uploading.`,
        [{ field: at, message: `one of ${types.join(', ')}` }],
      );
    }
    if (upload.sizeBytes > spec.maxBytes) {
      throw new RegistrationError(
        RegistrationErrorCode.DOCUMENT_TOO_LARGE,
        `A ${spec.type} is at most ${spec.maxBytes} bytes.`,
        [{ field: at, message: `at most ${spec.maxBytes} bytes` }],
      );
    }
    if (!spec.mediaTypes.includes(upload.mediaType)) {
      throw new RegistrationError(
        RegistrationErrorCode.DOCUMENT_TYPE_NOT_ACCEPTED,
        `A ${spec.type} must be ${spec.mediaTypes.join(' or ')}; the upload is ${upload.mediaType}.`,
        [{ field: at, message: spec.mediaTypes.join(' or ') }],
      );
    }
    return { upload, type: spec.type };
  });
}

/** The events of linked uploads: each is a document uploaded to the application. */
export function documentsUploaded(outgoing: Outgoing, application: ApplicationRecord, linked: LinkedUpload[]) {
  for (const { upload, type } of linked) {
    outgoing.add(DocumentUploaded, {
      ...applicationEvent(application),
      documentId: upload.id,
      documentType: type,
      mediaType: upload.mediaType,
      sizeBytes: upload.sizeBytes,
      sha256: upload.sha256,
    });
  }
  return outgoing;
}
