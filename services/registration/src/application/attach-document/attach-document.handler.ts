import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DocumentUploaded } from '@onedoor/contracts';
import { detectMediaType } from '@onedoor/application';
import { acceptedDocument, canRead, RegistrationError, RegistrationErrorCode, takesDocuments } from '../../domain';
import { assertOwner, lockForChange } from '../application.access';
import { applicationEvent, Outgoing } from '../outgoing';
import { ApplicationReads, ApplicationStore, Catalogue, DOCUMENT_STORAGE, type DocumentStorage } from '../ports';
import { AttachDocument } from './attach-document.command';

/** The largest document any service may ask for (a service sets its own, smaller, limit per type). */
export const MAX_DOCUMENT_BYTES = 20_000_000;

export interface AttachedDocument {
  id: string;
  type: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Attaches a document to an application: the type is read from the content (PDF, PNG, JPEG, WebP, TIFF), never
 * from a name; the size is checked against the service; the SHA-256 is recorded, with history and an event.
 */
@Injectable()
export class AttachDocumentHandler {
  constructor(
    private readonly applications: ApplicationStore,
    private readonly reads: ApplicationReads,
    private readonly catalogue: Catalogue,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  async execute({ applicationId: id, caller, type, bytes }: AttachDocument): Promise<AttachedDocument> {
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) {
      throw new RegistrationError(
        RegistrationErrorCode.NO_FILE,
        "Send the file's bytes as the request body (not JSON or a form).",
      );
    }
    const found = await this.reads.application(id);
    if (!found || !canRead(caller, found.application)) {
      throw new RegistrationError(RegistrationErrorCode.APPLICATION_NOT_FOUND, `No application ${id}.`);
    }
    const service = await this.catalogue.cached(found.application.serviceId);
    const { mediaType } = acceptedDocument(service ?? { documents: [] }, type, bytes.length, detectMediaType(bytes));
    // Refused before the bytes are stored, so a refused upload leaves no file: the owner, and a status that takes
    // documents (checked again under the lock below, where a change in between is caught).
    assertOwner(caller, found.application, 'attaches documents');
    if (!takesDocuments(found.application.status)) {
      throw new RegistrationError(
        RegistrationErrorCode.NOT_EDITABLE,
        `An application that is ${found.application.status} takes no documents.`,
      );
    }
    // Content-addressed, so storing before the transaction is harmless if the transaction fails.
    const stored = await this.storage.put(bytes);
    return this.applications.transaction(async (tx) => {
      const application = await lockForChange(tx, id, caller, {
        what: 'attaches documents',
        allowed: takesDocuments,
        refused: [
          RegistrationErrorCode.NOT_EDITABLE,
          (status) => `An application that is ${status} takes no documents.`,
        ],
      });
      const document = { id: randomUUID(), type, mediaType, sizeBytes: bytes.length, sha256: stored.sha256 };
      await tx.addDocument({ ...document, applicationId: id, storageKey: stored.key, uploadedBy: caller.sub });
      await tx.history(application, 'document-uploaded', caller.sub, type);
      await tx.publish(
        new Outgoing().add(DocumentUploaded, {
          ...applicationEvent(application),
          documentId: document.id,
          documentType: type,
          mediaType,
          sizeBytes: bytes.length,
          sha256: stored.sha256,
        }),
      );
      return document;
    });
  }
}
