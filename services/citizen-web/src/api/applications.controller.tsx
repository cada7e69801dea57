import { randomUUID } from 'node:crypto';
import {
  Controller,
  Get,
  Header,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { FormValidators } from '../forms/form-validators';
import { fieldTitle, localisedLayout, orderedFields } from '../forms/layout';
import { pick, t, type MessageKey } from '../i18n/messages';
import { ApplicationPage, ApplicationsPage, ApplyPage } from '../pages/applications';
import { CertificateDocument } from '../pages/certificate';
import { html } from '../pages/layout';
import { ErrorPage } from '../pages/public';
import { refusal } from '../platform/blocks.client';
import { Portal } from '../platform/portal';
import type { Application, Service } from '../platform/views';
import { checkCsrf, requireSession } from './csrf';
import { seeOther, sendPage } from './reply';
import { inputText } from './input';
import { CurrentWeb, FormBody, type Web } from './web-context';

const NOTICES: MessageKey[] = ['draftSaved', 'submitted', 'resubmitted', 'attached', 'thanksRating'];
const MAX_UPLOAD_BYTES = 20_000_000;
/** The texts the eForm's script shows, given to it in the citizen's language. */
const EFORM_MESSAGES: MessageKey[] = [
  'continue',
  'signInToApply',
  'saving',
  'draftSaved',
  'draftKeptOffline',
  'fixErrors',
  'formRequired',
  'formMinLength',
  'formMaxLength',
  'formPattern',
  'formMinimum',
  'formMaximum',
  'formEnum',
  'formType',
  'formNotAField',
];
const isKey = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f-]{36}$/.test(value);

/** The signed-in citizen's applications: apply with the eForm, attach, submit, follow, correct, download, rate. */
@Controller()
export class ApplicationsController {
  constructor(
    private readonly portal: Portal,
    private readonly validators: FormValidators,
  ) {}

  @Get('applications')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async list(@CurrentWeb() web: Web) {
    const session = requireSession(web);
    const [mine, services] = await Promise.all([this.portal.applications(session.accessToken), this.portal.services()]);
    return html(
      <ApplicationsPage ctx={web.page} items={mine.items} services={new Map(services.map((s) => [s.code, s]))} />,
    );
  }

  @Get('applications/:id')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async show(@CurrentWeb() web: Web, @Param('id') id: string, @Query('notice') notice?: unknown) {
    const session = requireSession(web);
    const application = await this.mine(session.accessToken, id);
    return this.page(web, application, {
      notice: NOTICES.includes(notice as MessageKey) ? (notice as MessageKey) : undefined,
    });
  }

  @Get('services/:code/apply')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async apply(@CurrentWeb() web: Web, @Param('code') code: string, @Res({ passthrough: true }) response: Response) {
    const service = await this.portal.service(code);
    if (!service || !service.isExecutable) throw new NotFoundException();
    // Signed out: the form itself, to read and fill before signing in (kept on the device until then).
    if (!web.session) return this.form(web, service, { formData: {} });
    const prefill = await this.portal.prefill(web.session.accessToken, code);
    if (!prefill.eligible) {
      response.status(403);
      return html(
        <ErrorPage
          ctx={web.page}
          title={pick(web.lang, service.names)}
          detail={prefill.reasons.map((r) => pick(web.lang, r)).join(' ')}
        />,
      );
    }
    return this.form(web, service, { formData: prefill.data });
  }

  @Get('applications/:id/edit')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async edit(@CurrentWeb() web: Web, @Param('id') id: string, @Res() response: Response) {
    const session = requireSession(web);
    const application = await this.mine(session.accessToken, id);
    if (!['DRAFT', 'SENDBACK'].includes(application.status.code)) return seeOther(response, `/applications/${id}`);
    const service = await this.portal.service(application.serviceCode);
    if (!service) throw new NotFoundException();
    const page = await this.form(web, service, {
      formData: application.formData.data,
      applicationId: id,
      eFormId: application.formData.eFormId,
    });
    sendPage(response, 200, page);
  }

  /** The eForm's validators, compiled for the browser (cached a day: an eForm version never changes). */
  @Get('forms/:eFormId/validators.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=86400, immutable')
  async formValidators(@Param('eFormId') eFormId: string) {
    const form = await this.portal.eForm(eFormId);
    if (!form) throw new NotFoundException();
    return this.validators.script(eFormId, form.schema);
  }

  /** The eForm's save (from the browser's script): a draft made or changed; the field problems in the answer. */
  @Post('eform/save')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  async save(
    @CurrentWeb() web: Web,
    @FormBody() body: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (!web.session) {
      response.status(401);
      return { signIn: `/signin?return=${encodeURIComponent(String(body.returnTo ?? '/applications'))}` };
    }
    checkCsrf(web, body);
    const data = body.data;
    if (typeof data !== 'object' || data === null || Array.isArray(data) || !isKey(body.key)) {
      response.status(400);
      return { errors: [{ field: '(form)', message: t(web.lang, 'badRequest') }] };
    }
    try {
      const saved = await this.portal.saveDraft(web.session.accessToken, {
        serviceCode: String(body.serviceCode ?? ''),
        applicationId: isKey(body.applicationId) ? body.applicationId : undefined,
        data: data as Record<string, unknown>,
        key: body.key,
        lang: web.lang,
      });
      return { applicationId: saved.fileId, next: `/applications/${saved.fileId}?notice=draftSaved` };
    } catch (caught) {
      const error = refusal(caught);
      response.status(error.status === 404 ? 404 : 422);
      return { errors: error.errors.length ? error.errors : [{ field: '(form)', message: error.detail }] };
    }
  }

  @Post('applications/:id/documents')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }))
  async attach(
    @CurrentWeb() web: Web,
    @Param('id') id: string,
    @FormBody() body: Record<string, unknown>,
    @UploadedFile() file: { buffer: Buffer; size: number; mimetype: string } | undefined,
    @Res() response: Response,
  ) {
    const { session, application } = await this.posted(web, body, id);
    if (!file || !file.size) return this.failed(web, response, application, t(web.lang, 'errorFile'));
    try {
      await this.portal.attach(session.accessToken, id, String(body.type ?? ''), {
        data: file.buffer,
        mediaType: file.mimetype || 'application/octet-stream',
      });
    } catch (caught) {
      const error = refusal(caught);
      return this.failed(web, response, application, error.detail);
    }
    seeOther(response, `/applications/${id}?notice=attached`);
  }

  @Post('applications/:id/submit')
  async submit(
    @CurrentWeb() web: Web,
    @Param('id') id: string,
    @FormBody() body: Record<string, unknown>,
    @Res() response: Response,
  ) {
    const { session, application } = await this.posted(web, body, id);
    const resubmitting = application.status.code === 'SENDBACK';
    try {
      await this.portal.submit(session.accessToken, id, isKey(body.key) ? body.key : randomUUID(), web.lang);
    } catch (caught) {
      const error = refusal(caught);
      return this.failed(
        web,
        response,
        application,
        [error.detail, ...error.errors.map((e) => `${e.field}: ${e.message}`)].join(' '),
      );
    }
    seeOther(response, `/applications/${id}?notice=${resubmitting ? 'resubmitted' : 'submitted'}`);
  }

  /** The certificate as a file the citizen keeps and prints: the decision, and the signed credential anyone checks. */
  @Get('applications/:id/certificate')
  @Header('cache-control', 'no-store')
  async certificate(@CurrentWeb() web: Web, @Param('id') id: string, @Res({ passthrough: true }) response: Response) {
    const session = requireSession(web);
    const application = await this.mine(session.accessToken, id);
    const [{ credential }, service, form] = await Promise.all([
      this.portal.certificate(session.accessToken, id),
      this.portal.service(application.serviceCode),
      this.portal.eForm(application.formData.eFormId),
    ]);
    const layout = form ? localisedLayout(form.layout, form.schema, web.lang) : {};
    response.setHeader('content-type', 'text/html; charset=utf-8');
    // A tracking code's check character may be a symbol (`*`, `$`) a file name cannot hold on every phone.
    const name = `certificate-${application.trackingCode.replace(/[^A-Za-z0-9-]/g, '').replace(/-+$/, '')}.html`;
    response.setHeader('content-disposition', `attachment; filename="${name}"`);
    return html(
      <CertificateDocument
        lang={web.lang}
        application={application}
        service={service}
        credential={credential}
        fields={orderedFields(layout, application.formData.data).map((field) => [
          fieldTitle(layout, form?.schema ?? {}, field),
          application.formData.data[field],
        ])}
      />,
    );
  }

  @Post('applications/:id/rating')
  async rate(
    @CurrentWeb() web: Web,
    @Param('id') id: string,
    @FormBody() body: Record<string, unknown>,
    @Res() response: Response,
  ) {
    const { session, application } = await this.posted(web, body, id);
    const score = Number(body.score);
    if (!Number.isInteger(score) || score < 1 || score > 5) {
      return this.failed(web, response, application, t(web.lang, 'errorScore'));
    }
    const comment = inputText(body.comment, 1_000);
    try {
      await this.portal.rate(session.accessToken, { applicationId: id, score, comment, key: randomUUID() });
    } catch (caught) {
      const error = refusal(caught);
      if (error.status !== 409) return this.failed(web, response, application, error.detail);
    }
    seeOther(response, `/applications/${id}?notice=thanksRating`);
  }

  /** A signed-in form about the citizen's own application: the session, the form's token, the application. */
  private async posted(web: Web, body: Record<string, unknown>, id: string) {
    const session = requireSession(web, `/applications/${id}`);
    checkCsrf(web, body);
    return { session, application: await this.mine(session.accessToken, id) };
  }

  private async mine(token: string, id: string): Promise<Application> {
    const application = await this.portal.application(token, id);
    if (!application) throw new NotFoundException();
    return application;
  }

  private async page(web: Web, application: Application, shown: { notice?: MessageKey; error?: string }) {
    const service = await this.portal.service(application.serviceCode);
    const form = await this.portal.eForm(application.formData.eFormId);
    const layout = form ? localisedLayout(form.layout, form.schema, web.lang) : {};
    const rated = (application.history ?? []).some((h) => h.action === 'rated');
    return html(
      <ApplicationPage
        ctx={web.page}
        application={application}
        service={service}
        schema={form?.schema ?? {}}
        layout={layout}
        rated={rated}
        submitKey={randomUUID()}
        {...shown}
      />,
    );
  }

  private async failed(web: Web, response: Response, application: Application, error: string) {
    sendPage(response, 422, await this.page(web, application, { error }));
  }

  private async form(
    web: Web,
    service: Service,
    input: { formData: Record<string, unknown>; applicationId?: string; eFormId?: string },
  ) {
    const eFormId = input.eFormId ?? service.eFormId;
    const form = await this.portal.eForm(eFormId);
    if (!form) throw new NotFoundException();
    const config = {
      lang: web.lang,
      csrf: web.session?.csrf ?? '',
      signIn: web.session ? undefined : `/signin?return=${encodeURIComponent(web.page.path)}`,
      serviceCode: service.code,
      applicationId: input.applicationId,
      schema: form.schema,
      layout: localisedLayout(form.layout, form.schema, web.lang),
      formData: input.formData,
      key: randomUUID(),
      saveUrl: '/eform/save',
      returnTo: web.page.path,
      messages: Object.fromEntries(EFORM_MESSAGES.map((key) => [key, t(web.lang, key)])),
    };
    return html(
      <ApplyPage ctx={web.page} service={service} config={config} validatorUrl={`/forms/${eFormId}/validators.js`} />,
    );
  }
}
