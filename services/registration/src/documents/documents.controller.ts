import { randomUUID } from 'node:crypto';
import { Controller, Get, HttpCode, HttpStatus, Inject, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { CurrentCaller, type Caller } from '@onedoor/auth';
import { DocumentUploaded } from '@onedoor/contracts';
import { ProblemException, uuidParam, Post } from '@onedoor/http';
import { applicationEvent, ApplicationsService, canRead, Outgoing } from '../applications/applications.service';
import { CatalogueService } from '../catalogue/catalogue.service';
import { Application, ApplicationDocument } from '../registration.entities';
import { detectMediaType } from './content-type';
import { DOCUMENT_STORAGE, type DocumentStorage } from './document-storage';

const applicationId = uuidParam('REGISTRATION', 'application');
const documentId = uuidParam('REGISTRATION', 'document');
export const MAX_DOCUMENT_BYTES = 20_000_000;

@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
    private readonly catalogue: CatalogueService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  @Post('applications/:id/documents')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: "Attach a document: the file's bytes as the body, `?type=` one of the service's document types",
    description:
      'The type is read from the content (PDF, PNG, JPEG, WebP, TIFF), never from a name; size is checked against the service; the SHA-256 is recorded.',
  })
  async upload(
    @Param('id', applicationId) id: string,
    @Query('type') type: string,
    @Req() request: Request,
    @CurrentCaller() caller: Caller,
  ) {
    const bytes = request.body;
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) {
      throw new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'REGISTRATION.NO_FILE',
        "Send the file's bytes as the request body (not JSON or a form).",
      );
    }
    const application = await this.dataSource.getRepository(Application).findOneBy({ id });
    if (!application || !canRead(caller, application)) {
      throw new ProblemException(HttpStatus.NOT_FOUND, 'REGISTRATION.APPLICATION_NOT_FOUND', `No application ${id}.`);
    }
    const service = await this.catalogue.cached(application.serviceId);
    const spec = service.documents.find((d) => d.type === type);
    if (!spec) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'REGISTRATION.UNKNOWN_DOCUMENT_TYPE',
        `The service takes ${service.documents.map((d) => d.type).join(', ') || 'no documents'}.`,
        [{ field: 'type', message: `one of ${service.documents.map((d) => d.type).join(', ')}` }],
      );
    }
    if (bytes.length > spec.maxBytes) {
      throw new ProblemException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'REGISTRATION.DOCUMENT_TOO_LARGE',
        `A ${type} is at most ${spec.maxBytes} bytes.`,
      );
    }
    const mediaType = detectMediaType(bytes);
    if (!mediaType || !spec.mediaTypes.includes(mediaType)) {
      throw new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'REGISTRATION.DOCUMENT_TYPE_NOT_ACCEPTED',
        `A ${type} must be ${spec.mediaTypes.join(' or ')}; the content is ${mediaType ?? 'none of the accepted formats'}.`,
      );
    }
    // Content-addressed, so storing before the transaction is harmless if the transaction fails.
    const stored = await this.storage.put(bytes);
    const document = await this.dataSource.transaction(async (manager) => {
      const locked = await this.applications.locked(manager, id, caller);
      if (locked.applicantId !== caller.sub && locked.createdBy !== caller.sub) {
        throw new ProblemException(
          HttpStatus.FORBIDDEN,
          'REGISTRATION.NOT_YOURS',
          'Only the applicant or the counter that took it attaches documents.',
        );
      }
      if (!['DRAFT', 'PENDING', 'SENDBACK'].includes(locked.status)) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'REGISTRATION.NOT_EDITABLE',
          `An application that is ${locked.status} takes no documents.`,
        );
      }
      const row = manager.create(ApplicationDocument, {
        id: randomUUID(),
        applicationId: id,
        type,
        mediaType,
        sizeBytes: bytes.length,
        sha256: stored.sha256,
        storageKey: stored.key,
        uploadedBy: caller.sub,
      });
      await manager.save(row);
      await this.applications.history(manager, locked, 'document-uploaded', caller.sub, type);
      await this.applications.flush(
        manager,
        new Outgoing().add(DocumentUploaded, {
          ...applicationEvent(locked),
          documentId: row.id,
          documentType: type,
          mediaType,
          sizeBytes: bytes.length,
          sha256: stored.sha256,
        }),
      );
      return row;
    });
    return {
      id: document.id,
      type,
      mediaType,
      sizeBytes: document.sizeBytes,
      sha256: document.sha256,
      url: `/registration/documents/${document.id}`,
    };
  }

  @Get('documents/:documentId')
  @ApiOperation({ summary: "A document's bytes, for whoever may read its application" })
  async download(
    @Param('documentId', documentId) id: string,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const document = await this.dataSource.getRepository(ApplicationDocument).findOneBy({ id });
    const application = document
      ? await this.dataSource.getRepository(Application).findOneBy({ id: document.applicationId })
      : null;
    const routed = application ? await this.applications.routedUnits(this.dataSource.manager, application.id) : [];
    if (!document || !application || !canRead(caller, application, routed)) {
      throw new ProblemException(HttpStatus.NOT_FOUND, 'REGISTRATION.DOCUMENT_NOT_FOUND', `No document ${id}.`);
    }
    response.setHeader('content-type', document.mediaType);
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('content-disposition', `attachment; filename="${document.type}-${document.id}"`);
    response.setHeader('digest', `sha-256=${Buffer.from(document.sha256, 'hex').toString('base64')}`);
    return new StreamableFile(await this.storage.get(document.storageKey));
  }
}
