import { DocumentUploaded, type Caller } from '@onedoor/contracts';
import {
  acceptedDocument,
  RegistrationError,
  RegistrationErrorCode,
  type ApplicationRecord,
  type ServiceVersion,
} from '../domain';
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
    // The uploader's type, or the service's only one.
    const only = service.documents.length === 1 ? service.documents[0].type : undefined;
    const { type } = acceptedDocument(service, upload.type ?? only, upload.sizeBytes, upload.mediaType, at);
    return { upload, type };
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
