import { Injectable } from '@nestjs/common';
import { ApplicationResubmitted, WorkflowMessageRequested } from '@onedoor/contracts';
import {
  assertDocumentsPresent,
  assertFormAcceptable,
  isCorrectable,
  RegistrationError,
  RegistrationErrorCode,
  type ApplicationRecord,
} from '../../domain';
import { lockForChange } from '../application.access';
import { documentsUploaded, linkUploads } from '../linked-uploads';
import { applicationEvent, Outgoing } from '../outgoing';
import { startProcess } from '../submit-application/submit-application.handler';
import { UpdateApplication } from './update-application.command';
import { ApplicationStore } from '../ports';

/** The message the process waiting for a corrected application receives. */
export const RESUBMITTED_MESSAGE = 'registration.application-resubmitted';

/** Corrects a draft or an application sent back, and submits it when asked (its process starts or continues). */
@Injectable()
export class UpdateApplicationHandler {
  constructor(private readonly applications: ApplicationStore) {}

  execute({
    applicationId: id,
    caller,
    formData,
    submit,
    uploads = [],
  }: UpdateApplication): Promise<ApplicationRecord> {
    return this.applications.transaction(async (tx) => {
      const application = await lockForChange(tx, id, caller, {
        what: 'corrects an application',
        allowed: isCorrectable,
        refused: [
          RegistrationErrorCode.NOT_EDITABLE,
          (status) => `An application that is ${status} cannot be changed.`,
        ],
      });
      const service = await tx.catalogue.find(application.serviceId, true);
      if (!service) throw new RegistrationError(RegistrationErrorCode.SERVICE_NOT_FOUND, `No service ${id}.`);
      const data = { ...application.formData, ...formData.data };
      const submitting = submit === true;
      // Uploads made before become its documents, under the same lock: linked once only.
      const linked = uploads.length ? linkUploads(uploads, await tx.lockUploads(uploads), caller, service) : [];
      if (submitting) {
        assertFormAcceptable(service, data, await tx.knownPerson(application.applicantId));
        assertDocumentsPresent(service, [...(await tx.documentTypes(application.id)), ...linked.map((l) => l.type)]);
      }
      for (const { upload, type } of linked) {
        await tx.addDocument({
          id: upload.id,
          applicationId: id,
          type,
          mediaType: upload.mediaType,
          sizeBytes: upload.sizeBytes,
          sha256: upload.sha256,
          storageKey: upload.storageKey,
          uploadedBy: upload.uploadedBy,
        });
        await tx.attachUpload(upload.id, id);
        await tx.history(application, 'document-uploaded', caller.sub, type);
      }
      const previous = application.status;
      application.formData = data;
      application.revision += 1;
      application.updatedAt = new Date();
      const outgoing = documentsUploaded(new Outgoing(), application, linked);
      if (submitting) {
        application.status = 'PENDING';
        // The correction asked for is made: the reason belonged to the send-back.
        application.statusReason = null;
        if (previous === 'DRAFT') {
          application.submittedAt = new Date();
          startProcess(outgoing, application, service);
        } else {
          outgoing.add(ApplicationResubmitted, applicationEvent(application));
          outgoing.add(WorkflowMessageRequested, {
            name: RESUBMITTED_MESSAGE,
            correlationKey: application.id,
            requestedBy: 'registration',
          });
        }
      }
      await tx.update(id, {
        formData: data,
        status: application.status,
        revision: application.revision,
        submittedAt: application.submittedAt,
        statusReason: application.statusReason,
        updatedAt: application.updatedAt,
      });
      const action = submitting ? (previous === 'DRAFT' ? 'submitted' : 'resubmitted') : 'corrected';
      await tx.history(application, action, caller.sub);
      await tx.publish(outgoing);
      return application;
    });
  }
}
