import { Body, Get, HttpCode, HttpStatus, Param, Query, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import type { Response } from 'express';
import { CurrentCaller, Public, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { type IdempotencyClaim, IdempotencyClaimOf, IdempotentReplay, Post, Put, Returns, schema } from '@onedoor/http';
import { GovStackController } from '@onedoor/platform-kit';
import { applicationView, type ApplicationView } from '../application/application.view';
import { ApplicationQueries } from '../application/queries/applications.queries';
import { CatalogueQueries } from '../application/queries/catalogue.queries';
import { SubmitApplication } from '../application/submit-application/submit-application.command';
import { SubmitApplicationHandler } from '../application/submit-application/submit-application.handler';
import { UpdateApplication } from '../application/update-application/update-application.command';
import { UpdateApplicationHandler } from '../application/update-application/update-application.handler';
import { MAX_DOCUMENT_BYTES } from '../application/attach-document/attach-document.handler';
import { UploadDocument } from '../application/upload-document/upload-document.command';
import { UploadDocumentHandler } from '../application/upload-document/upload-document.handler';
import { RegistrationError, RegistrationErrorCode } from '../domain';
import { ApplicationFileSubmit, GovStackApplicationQuery, GovStackServiceQuery } from './govstack.dto';
import { listOrder, listWindow } from './lists';
import {
  APPLICATION_FILE,
  APPLICATION_LIST_ITEM,
  applicationFile,
  applicationListItem,
  EFORM_MODEL,
  eFormModel,
  SERVICE_MODEL,
  serviceModel,
  UPLOAD_RESPONSE,
} from './views';

/** Where a document is read once an application links it (the upload becomes the document, with its id). */
const documentUrl = (id: string) => `/registration/documents/${id}`;

/** The uploads that documentUrls name: links this API answered (absolute or not), ending in the document's id. */
function uploadsLinked(urls: string[] | undefined): string[] {
  return (urls ?? []).map((url, index) => {
    const id = /\/documents\/([0-9a-f-]{36})\/?$/i.exec(url.split(/[?#]/)[0])?.[1];
    if (!id || !isUUID(id)) {
      throw new RegistrationError(
        RegistrationErrorCode.VALIDATION_FAILED,
        'documentUrls: links POST /documents answered',
        [{ field: `documentUrls.${index}`, message: 'a url answered by POST /documents' }],
      );
    }
    return id.toLowerCase();
  });
}

/**
 * The document type an upload is meant as, from additionalMetadata: a type code (`business-plan`), `type=…`, or
 * JSON `{"type": "…"}`; anything else is free text and names no type.
 */
function typeOf(metadata: string | undefined): string | undefined {
  if (!metadata) return undefined;
  const code = /^[a-z][a-z0-9-]{1,99}$/;
  if (code.test(metadata)) return metadata;
  const pair = /^type=([a-z][a-z0-9-]{1,99})$/.exec(metadata)?.[1];
  if (pair) return pair;
  try {
    const parsed = JSON.parse(metadata) as { type?: unknown };
    return typeof parsed?.type === 'string' && code.test(parsed.type) ? parsed.type : undefined;
  } catch {
    return undefined;
  }
}

/** GovStack ids are plain strings: one that cannot be an id of ours names nothing (404), it is not malformed. */
const notFound = (code: RegistrationErrorCode, what: string, id: string) =>
  new RegistrationError(code, `No ${what} ${id}.`);

/**
 * GovStack's registration API: the service catalogue and applicants' and operators' application files, in the
 * document's shapes (arrays, `applicationData`, statusModel), over the same use cases as OneDoor's API.
 */
@GovStackController()
export class GovStackApplicationsController {
  constructor(
    private readonly catalogue: CatalogueQueries,
    private readonly applications: ApplicationQueries,
    private readonly submitting: SubmitApplicationHandler,
    private readonly updating: UpdateApplicationHandler,
    private readonly uploading: UploadDocumentHandler,
  ) {}

  @Public()
  @Get('services')
  @Returns(schema.array(SERVICE_MODEL))
  @ApiOperation({ summary: 'GovStack getServiceList: current services; ?name= part of a name, Lao or English' })
  async services(@Query() query: GovStackServiceQuery) {
    const [items] = await this.catalogue.current({ offset: 0, limit: 1_000 });
    const name = query.name?.toLocaleLowerCase();
    return items
      .filter((s) => !name || `${s.name.en}\n${s.name.lo}`.toLocaleLowerCase().includes(name))
      .map(serviceModel);
  }

  @Public()
  @Get('services/:serviceId')
  @Returns(SERVICE_MODEL)
  @ApiOperation({ summary: 'GovStack getService: a service version by id' })
  async service(@Param('serviceId') serviceId: string) {
    if (!isUUID(serviceId)) throw notFound(RegistrationErrorCode.SERVICE_NOT_FOUND, 'service', serviceId);
    return serviceModel(await this.catalogue.service(serviceId));
  }

  @Public()
  @Get('services/:serviceId/eForms')
  @Returns(schema.array(EFORM_MODEL))
  @ApiOperation({ summary: "GovStack getServiceSchemaByServiceKey: every version's eForm; [] for no service" })
  async eForms(@Param('serviceId') serviceId: string) {
    if (!isUUID(serviceId)) return [];
    const versions = await this.catalogue.versions(serviceId).catch((error: unknown) => {
      if (error instanceof RegistrationError && error.code === RegistrationErrorCode.SERVICE_NOT_FOUND) return [];
      throw error;
    });
    return versions.map((version) => eFormModel(version, false));
  }

  @Public()
  @Get('eForms/:eFormId')
  @Returns(EFORM_MODEL)
  @ApiOperation({ summary: 'GovStack: an eForm, its JSON Schema' })
  async eForm(@Param('eFormId') eFormId: string) {
    if (!isUUID(eFormId)) throw notFound(RegistrationErrorCode.SERVICE_NOT_FOUND, 'eForm', eFormId);
    return eFormModel(await this.catalogue.service(eFormId), true);
  }

  @Post('services/:serviceId/applications', { writesIdempotencyKey: true })
  @Returns(APPLICATION_FILE)
  @HttpCode(HttpStatus.OK)
  @RequireRoles(ROLES.citizen, ROLES.registrationClerk)
  @ApiOperation({ summary: 'GovStack: submit an application file; send an Idempotency-Key to retry safely' })
  async submit(
    @Param('serviceId') serviceId: string,
    @Body() body: ApplicationFileSubmit,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
    @IdempotencyClaimOf() claim?: IdempotencyClaim,
  ) {
    if (!isUUID(serviceId)) throw notFound(RegistrationErrorCode.SERVICE_NOT_FOUND, 'service', serviceId);
    let view: ApplicationView;
    try {
      view = await this.submitting.execute(
        SubmitApplication.create({
          serviceId,
          caller,
          applicantId: body.applicantId,
          applicationName: body.applicationName,
          formData: { data: body.formData?.data ?? {}, eFormId: body.formData?.eFormId },
          uploads: uploadsLinked(body.documentUrls),
          idempotency: claim,
        }),
      );
    } catch (error) {
      // A retry with the same key: the first answer, in this face's shape.
      if (!(error instanceof IdempotentReplay) || error.status !== 200) throw error;
      response.setHeader('Idempotent-Replayed', 'true');
      view = error.body as ApplicationView;
    }
    return this.file(view, uploadsLinked(body.documentUrls).map(documentUrl));
  }

  @Post('documents')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(FilesInterceptor('file', 1, { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 10 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    required: true,
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'array', maxItems: 1, items: { type: 'string', format: 'binary' } } },
    },
  })
  @Returns(UPLOAD_RESPONSE)
  @RequireRoles(ROLES.citizen, ROLES.registrationClerk)
  @ApiOperation({
    summary: 'GovStack uploadFile: one document before its application; ?additionalMetadata= its document type',
    description:
      'The answer’s url goes in documentUrls when submitting: the upload becomes the application’s document, once. PDF, PNG, JPEG, WebP or TIFF, read from the content.',
  })
  async upload(
    @CurrentCaller() caller: Caller,
    @UploadedFiles() files?: { buffer: Buffer }[],
    @Query('additionalMetadata') metadata?: string,
  ) {
    if (!files?.length) {
      // "Bad request, file upload failed", as the document says (OneDoor's own upload answers 415).
      throw new RegistrationError(RegistrationErrorCode.VALIDATION_FAILED, 'file: the document, as a form field', [
        { field: 'file', message: 'one file' },
      ]);
    }
    const upload = await this.uploading.execute(
      UploadDocument.create({ caller, bytes: files[0].buffer, type: typeOf(metadata) }),
    );
    return {
      code: 200,
      type: upload.mediaType,
      message: 'Uploaded: put the url in documentUrls when submitting the application.',
      url: documentUrl(upload.id),
    };
  }

  @Get('applications')
  @Returns(schema.array(APPLICATION_LIST_ITEM))
  @ApiOperation({
    summary: 'GovStack getApplicantFileList: the files the caller may see (their own, or their office’s)',
  })
  async list(@Query() query: GovStackApplicationQuery, @CurrentCaller() caller: Caller) {
    // A filter by an id that cannot exist matches nothing; nor does a window of none.
    if ((query.serviceId && !isUUID(query.serviceId)) || query.maxResult === 0) return [];
    const { items } = await this.applications.list(
      caller,
      { serviceId: query.serviceId, applicantId: query.applicantId },
      listWindow(query),
      listOrder(query, 'DESC'),
    );
    const names = await this.serviceNames(items.map((item) => item.serviceId));
    return items.map((item) => applicationListItem(item, names.get(item.serviceId)));
  }

  @Get('applications/:fileId')
  @Returns(APPLICATION_FILE)
  @ApiOperation({ summary: 'GovStack getApplicationFileById' })
  async get(@Param('fileId') fileId: string, @CurrentCaller() caller: Caller) {
    if (!isUUID(fileId)) throw notFound(RegistrationErrorCode.APPLICATION_NOT_FOUND, 'application', fileId);
    const found = await this.applications.get(caller, fileId);
    return this.file(
      found,
      found.documents.map((d) => `/registration/documents/${d.id}`),
    );
  }

  @Put('applications/:fileId')
  @Returns(APPLICATION_FILE)
  @ApiOperation({
    summary:
      'GovStack updateApplicationFileForm: new form data for a file sent back (or a draft), new uploads linked; resubmitted',
  })
  async update(@Param('fileId') fileId: string, @Body() body: ApplicationFileSubmit, @CurrentCaller() caller: Caller) {
    if (!isUUID(fileId)) throw notFound(RegistrationErrorCode.APPLICATION_NOT_FOUND, 'application', fileId);
    const current = await this.applications.get(caller, fileId);
    if (body.applicantId !== current.applicantId) {
      throw new RegistrationError(RegistrationErrorCode.VALIDATION_FAILED, 'applicantId: the file’s applicant', [
        { field: 'applicantId', message: `the file's applicant, ${current.applicantId}` },
      ]);
    }
    const own = new Set(current.documents.map((d) => d.id));
    const added = uploadsLinked(body.documentUrls).filter((id) => !own.has(id));
    const updated = await this.updating.execute(
      UpdateApplication.create({
        applicationId: fileId,
        caller,
        formData: { data: body.formData?.data ?? current.formData.data },
        submit: true,
        uploads: added,
      }),
    );
    return this.file(applicationView(updated), [...current.documents.map((d) => d.id), ...added].map(documentUrl));
  }

  private async file(view: ApplicationView, documentUrls: string[]) {
    const names = await this.serviceNames([view.serviceId]);
    return applicationFile(view, names.get(view.serviceId), documentUrls);
  }

  /** The services' names in English, by id (a service retired since is still named). */
  private async serviceNames(ids: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const id of new Set(ids)) {
      const service = await this.catalogue.service(id).catch(() => null);
      if (service) names.set(id, service.name.en);
    }
    return names;
  }
}
