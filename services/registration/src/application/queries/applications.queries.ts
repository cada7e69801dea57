import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@onedoor/contracts';
import { applicationVisibility, canRead, RegistrationError, RegistrationErrorCode } from '../../domain';
import { applicationView } from '../application.view';
import {
  ApplicationReads,
  DOCUMENT_STORAGE,
  type ApplicationFilter,
  type DocumentStorage,
  type ListOrder,
} from '../ports';

/**
 * Reading applications: lists and reads by id both follow domain/application.ts (canRead and its list form,
 * applicationVisibility), so what a caller may list and what they may open never differ. What a caller may not
 * read does not exist for them (APPLICATION_NOT_FOUND, never "forbidden").
 */
@Injectable()
export class ApplicationQueries {
  constructor(
    private readonly reads: ApplicationReads,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  async list(caller: Caller, filter: ApplicationFilter, page: { offset: number; limit: number }, order?: ListOrder) {
    const [items, total] = await this.reads.list(applicationVisibility(caller), filter, page, order);
    return { items: items.map(applicationView), total };
  }

  /** An application with its documents, history and tasks. */
  async get(caller: Caller, id: string) {
    const found = await this.reads.application(id);
    if (!found || !canRead(caller, found.application, found.routedUnits)) {
      throw new RegistrationError(RegistrationErrorCode.APPLICATION_NOT_FOUND, `No application ${id}.`);
    }
    const { history, documents, tasks } = await this.reads.details(id);
    return {
      ...applicationView(found.application),
      documents: documents.map((d) => ({
        id: d.id,
        type: d.type,
        mediaType: d.mediaType,
        sizeBytes: d.sizeBytes,
        sha256: d.sha256,
        uploadedAt: d.uploadedAt,
      })),
      history: history.map((h) => ({
        at: h.at,
        action: h.action,
        status: h.status,
        office: h.unit ?? undefined,
        actor: h.actor,
        note: h.note ?? undefined,
      })),
      tasks: tasks.map((t) => ({
        taskId: t.id,
        name: t.name,
        office: t.unit,
        state: t.state,
        outcome: t.outcome ?? undefined,
        dueAt: t.dueAt ?? undefined,
      })),
    };
  }

  /** A document's description and bytes, for whoever may read its application. */
  async document(caller: Caller, id: string) {
    const document = await this.reads.document(id);
    const found = document ? await this.reads.application(document.applicationId) : null;
    if (!document || !found || !canRead(caller, found.application, found.routedUnits)) {
      throw new RegistrationError(RegistrationErrorCode.DOCUMENT_NOT_FOUND, `No document ${id}.`);
    }
    return {
      id: document.id,
      type: document.type,
      mediaType: document.mediaType,
      sha256: document.sha256,
      bytes: await this.storage.get(document.storageKey),
    };
  }
}
