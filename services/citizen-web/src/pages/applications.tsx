import { formatBytes, formatDate, formatKip } from '../i18n/format';
import { pick, t, type MessageKey } from '../i18n/messages';
import { fieldTitle, orderedFields } from '../forms/layout';
import type { Application, Service } from '../platform/views';
import { Alert, Field, Layout, type PageContext } from './layout';
import { History } from './public';
import { applicationStatus } from './status';

export function ApplicationsPage(props: { ctx: PageContext; items: Application[]; services: Map<string, Service> }) {
  const { ctx } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={t(lang, 'myApplications')}>
      {props.items.length === 0 ? (
        <p>
          {t(lang, 'noApplications')}. <a href="/services">{t(lang, 'homeApply')}</a>
        </p>
      ) : (
        <ul class="cards">
          {props.items.map((application) => (
            <li>
              <h2>
                <a href={`/applications/${application.fileId}`}>
                  {pick(lang, props.services.get(application.serviceCode)?.names) || application.serviceCode}
                </a>
              </h2>
              <p class="meta">
                {t(lang, 'trackingCode')}: {application.trackingCode} ·{' '}
                <span class={`badge ${application.status.code.toLowerCase()}`}>
                  {applicationStatus(lang, application.status.code)}
                </span>{' '}
                · {formatDate(lang, application.updated)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

const EDITABLE = ['DRAFT', 'SENDBACK'];

export function ApplicationPage(props: {
  ctx: PageContext;
  application: Application;
  service?: Service;
  /** The eForm's schema and its layout in the citizen's language (labels, order). */
  schema: Record<string, unknown>;
  layout: Record<string, unknown>;
  notice?: MessageKey;
  error?: string;
  rated?: boolean;
  submitKey: string;
}) {
  const { ctx, application, service } = props;
  const { lang } = ctx;
  const status = application.status.code;
  const editable = EDITABLE.includes(status);
  const attached = new Set((application.documents ?? []).map((d) => d.type));
  const missing = (service?.documents ?? []).filter((d) => d.required && !attached.has(d.type));
  const csrf = <input type="hidden" name="csrf" value={ctx.csrf} />;
  return (
    <Layout ctx={ctx} title={pick(lang, service?.names) || application.serviceCode}>
      {props.notice && <Alert kind="success">{t(lang, props.notice, { code: application.trackingCode })}</Alert>}
      {props.error && <Alert>{props.error}</Alert>}
      <dl class="facts">
        <dt>{t(lang, 'trackingCode')}</dt>
        <dd>{application.trackingCode}</dd>
        <dt>{t(lang, 'status')}</dt>
        <dd>
          <span class={`badge ${status.toLowerCase()}`} data-testid="status">
            {applicationStatus(lang, status)}
          </span>
        </dd>
        {application.office && (
          <>
            <dt>{t(lang, 'office')}</dt>
            <dd>{application.office}</dd>
          </>
        )}
        {application.registered && (
          <>
            <dt>{t(lang, 'submittedOn')}</dt>
            <dd>{formatDate(lang, application.registered)}</dd>
          </>
        )}
        {application.expectedBy && !application.decidedAt && (
          <>
            <dt>{t(lang, 'expectedBy')}</dt>
            <dd>{formatDate(lang, application.expectedBy)}</dd>
          </>
        )}
        {application.fee.due > 0 && (
          <>
            <dt>{t(lang, 'fee')}</dt>
            <dd>{formatKip(lang, application.fee.due)}</dd>
          </>
        )}
      </dl>
      {status === 'SENDBACK' && application.status.reason && (
        <Alert kind="info">
          <h2>{t(lang, 'sentBackReason')}</h2>
          <p data-testid="sendback-reason">{application.status.reason}</p>
        </Alert>
      )}

      <h2>{t(lang, 'fieldData')}</h2>
      <dl class="facts">
        {orderedFields(props.layout, application.formData.data).map((field) => {
          const value = application.formData.data[field];
          return (
            <>
              <dt>{fieldTitle(props.layout, props.schema, field)}</dt>
              <dd>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</dd>
            </>
          );
        })}
      </dl>
      {editable && (
        <p>
          <a class="button secondary" href={`/applications/${application.fileId}/edit`}>
            {t(lang, status === 'SENDBACK' ? 'correctAndResubmit' : 'continue')}
          </a>
        </p>
      )}

      <h2>{t(lang, 'documents')}</h2>
      <ul>
        {(service?.documents ?? []).map((document) => {
          const uploaded = (application.documents ?? []).filter((d) => d.type === document.type);
          return (
            <li>
              {pick(lang, document.name)} ({t(lang, document.required ? 'required' : 'optional')}):{' '}
              {uploaded.length
                ? uploaded.map((d) => `${t(lang, 'attached')} (${formatBytes(lang, d.sizeBytes)})`).join(', ')
                : '-'}
            </li>
          );
        })}
      </ul>
      {editable && service && service.documents.length > 0 && (
        <form
          method="post"
          action={`/applications/${application.fileId}/documents`}
          enctype="multipart/form-data"
          class="stack"
        >
          {csrf}
          <Field id="type" label={t(lang, 'documents')}>
            {() => (
              <select id="type" name="type">
                {service.documents.map((document) => (
                  <option value={document.type}>{pick(lang, document.name)}</option>
                ))}
              </select>
            )}
          </Field>
          <Field id="file" label={t(lang, 'takePhotoOrFile')}>
            {() => (
              <input
                id="file"
                name="file"
                type="file"
                required
                accept={[...new Set(service.documents.flatMap((d) => d.mediaTypes))].join(',')}
              />
            )}
          </Field>
          <button type="submit" class="secondary">
            {t(lang, 'attach')}
          </button>
        </form>
      )}
      {editable && (
        <form method="post" action={`/applications/${application.fileId}/submit`} class="stack">
          {csrf}
          <input type="hidden" name="key" value={props.submitKey} />
          {missing.length > 0 && (
            <p class="hint">
              {t(lang, 'missingDocuments', { documents: missing.map((d) => pick(lang, d.name)).join(', ') })}
            </p>
          )}
          <button type="submit">{t(lang, status === 'SENDBACK' ? 'resubmit' : 'submitApplication')}</button>
        </form>
      )}

      {status === 'APPROVED' && (
        <section aria-labelledby="certificate">
          <h2 id="certificate">{t(lang, 'certificate')}</h2>
          <p>{t(lang, 'certificateIntro')}</p>
          <p>
            <a class="button" href={`/applications/${application.fileId}/certificate`} download>
              {t(lang, 'downloadCertificate')}
            </a>
          </p>
        </section>
      )}
      {(status === 'APPROVED' || status === 'REJECTED') &&
        (props.rated ? (
          <Alert kind="success">{t(lang, 'thanksRating')}</Alert>
        ) : (
          <form method="post" action={`/applications/${application.fileId}/rating`} class="stack">
            {csrf}
            <fieldset>
              <legend>{t(lang, 'rateService')}</legend>
              {[5, 4, 3, 2, 1].map((score) => (
                <label class="choice">
                  <input type="radio" name="score" value={score} required id={score === 5 ? 'score' : undefined} />{' '}
                  {t(lang, 'scoreLabel', { n: score })}
                </label>
              ))}
            </fieldset>
            <Field id="comment" label={t(lang, 'comment')}>
              {() => <textarea id="comment" name="comment" maxLength={1000} rows={3} />}
            </Field>
            <button type="submit">{t(lang, 'sendRating')}</button>
          </form>
        ))}
      <History
        lang={lang}
        items={(application.history ?? [])
          .filter((h) => h.action !== 'message-sent')
          .map((h) => ({ at: h.at, text: applicationStatus(lang, h.status), detail: h.office }))}
      />
    </Layout>
  );
}

/** The eForm's page: the island draws the form from `config`; without scripts, the page says where else to apply. */
export function ApplyPage(props: { ctx: PageContext; service: Service; config: object; validatorUrl: string }) {
  const { ctx, service } = props;
  const { lang } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t(lang, 'applyTitle', { service: pick(lang, service.names) })}
      scripts={[props.validatorUrl, ctx.asset('eform.js')]}
    >
      {ctx.signedIn && <p class="hint">{t(lang, 'prefilledNote')}</p>}
      <div id="eform" data-config={JSON.stringify(props.config)}>
        <noscript>
          <Alert kind="info">{t(lang, 'applyNeedsScript')}</Alert>
        </noscript>
      </div>
    </Layout>
  );
}
