import { pick } from '../i18n/messages';
import { Field, Layout, type PageContext } from '../pages/layout';
import type { Service, ServiceTopic } from '../platform/views';
import type { ServiceDefinition } from './desk';
import { ot } from './office-messages';
import { Said, StepForm, type Outcome } from './office-pages';

/** The ministry's services in the catalogue (current versions), to edit, and a new one. */
export function ServicesPage(props: { ctx: PageContext; services: Service[]; outcome?: Outcome }) {
  const { ctx } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={ot(lang, 'services')}>
      <Said lang={lang} outcome={props.outcome} />
      <p>
        <a class="button" href="/office/services/new">
          {ot(lang, 'newService')}
        </a>
      </p>
      {props.services.length === 0 ? (
        <p>{ot(lang, 'noServices')}</p>
      ) : (
        <ul class="cards">
          {props.services.map((service) => (
            <li>
              <h2>
                <a href={`/office/services/${encodeURIComponent(service.code)}`}>{pick(lang, service.names)}</a>
              </h2>
              <p class="meta">
                {service.code} · {ot(lang, 'version', { n: service.version ?? '' })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** What the editor's form holds: the definition's simple fields as typed, its structured parts as JSON text. */
export interface ServiceForm {
  code: string;
  nameLo: string;
  nameEn: string;
  descriptionLo: string;
  descriptionEn: string;
  unit: string;
  topics: string[];
  fee: string;
  slaWorkingDays: string;
  processKey: string;
  alertEmail: string;
  schema: string;
  layout: string;
  documents: string;
  prefill: string;
  eligibility: string;
}

const json = (value: unknown) => JSON.stringify(value ?? {}, null, 2);

/** A definition as the editor shows it. */
export function formOf(definition: ServiceDefinition): ServiceForm {
  return {
    code: definition.code,
    nameLo: definition.name.lo,
    nameEn: definition.name.en,
    descriptionLo: definition.description.lo,
    descriptionEn: definition.description.en,
    unit: definition.unit,
    topics: definition.topics ?? [],
    fee: String(definition.fee ?? 0),
    slaWorkingDays: String(definition.slaWorkingDays),
    processKey: definition.processKey,
    alertEmail: definition.alertEmail ?? '',
    schema: json(definition.eForm.schema),
    layout: json(definition.eForm.layout ?? {}),
    documents: JSON.stringify(definition.documents ?? [], null, 2),
    prefill: json(definition.prefill ?? {}),
    eligibility: JSON.stringify(definition.eligibility ?? [], null, 2),
  };
}

export const EMPTY_SERVICE: ServiceForm = {
  code: '',
  nameLo: '',
  nameEn: '',
  descriptionLo: '',
  descriptionEn: '',
  unit: '',
  topics: [],
  fee: '0',
  slaWorkingDays: '15',
  processKey: '',
  alertEmail: '',
  schema: json({ type: 'object', required: [], properties: {} }),
  layout: '{}',
  documents: '[]',
  prefill: '{}',
  eligibility: '[]',
};

/**
 * A service's definition to publish as a new version (or a new service): names and descriptions in Lao and
 * English, its unit, life events, fee, target, process; the eForm's JSON Schema and layout with a live preview of
 * the citizen's form beside them; documents, prefill and eligibility rules as JSON.
 */
export function ServiceEditor(props: {
  ctx: PageContext;
  form: ServiceForm;
  existing?: string;
  topics: ServiceTopic[];
  submitKey: string;
  outcome?: Outcome;
  errors?: Record<string, string>;
}) {
  const { ctx, form } = props;
  const { lang } = ctx;
  const errors = props.errors ?? {};
  const text = (name: keyof ServiceForm, label: string, options: { required?: boolean; pattern?: string } = {}) => (
    <Field id={name} label={label} error={errors[name]}>
      {(describedBy, invalid) => (
        <input
          id={name}
          name={name}
          value={form[name] as string}
          required={options.required}
          pattern={options.pattern}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          autoComplete="off"
        />
      )}
    </Field>
  );
  const area = (name: keyof ServiceForm, label: string, rows: number) => (
    <Field id={name} label={label} error={errors[name]}>
      {(describedBy, invalid) => (
        <textarea
          id={name}
          name={name}
          rows={rows}
          spellcheck={false}
          class="code"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
        >
          {form[name] as string}
        </textarea>
      )}
    </Field>
  );
  const title = props.existing ? ot(lang, 'editService', { name: form.nameLo || form.code }) : ot(lang, 'newService');
  return (
    <Layout ctx={ctx} title={title} scripts={[ctx.asset('eform-preview.js')]}>
      <Said lang={lang} outcome={props.outcome} />
      <StepForm
        ctx={ctx}
        action={props.existing ? `/office/services/${encodeURIComponent(props.existing)}` : '/office/services'}
        submitKey={props.submitKey}
      >
        {props.existing ? (
          <input type="hidden" name="code" value={form.code} />
        ) : (
          text('code', ot(lang, 'code'), { required: true, pattern: '[a-z][a-z0-9-]{1,49}' })
        )}
        {text('nameLo', ot(lang, 'nameLo'), { required: true })}
        {text('nameEn', ot(lang, 'nameEn'), { required: true })}
        {text('descriptionLo', ot(lang, 'descriptionLo'), { required: true })}
        {text('descriptionEn', ot(lang, 'descriptionEn'), { required: true })}
        {text('unit', ot(lang, 'serviceUnit'), { required: true })}
        <fieldset>
          <legend>{ot(lang, 'serviceTopics')}</legend>
          {props.topics.map((topic) => (
            <label class="choice">
              <input type="checkbox" name="topics" value={topic.code} checked={form.topics.includes(topic.code)} />{' '}
              {pick(lang, topic.name)}
            </label>
          ))}
        </fieldset>
        {text('fee', ot(lang, 'fee'), { pattern: '\\d{1,9}' })}
        {text('slaWorkingDays', ot(lang, 'slaDays'), { required: true, pattern: '\\d{1,3}' })}
        {text('processKey', ot(lang, 'processKey'), { required: true })}
        {text('alertEmail', ot(lang, 'alertEmail'))}
        <div class="editor">
          <div>
            {area('schema', ot(lang, 'schema'), 16)}
            {area('layout', ot(lang, 'layout'), 12)}
          </div>
          <section aria-labelledby="preview-title" class="preview">
            <h2 id="preview-title">{ot(lang, 'formPreview')}</h2>
            <p id="eform-preview-status" class="hint" role="status" aria-live="polite" />
            <div id="eform-preview" data-not-json={ot(lang, 'notJson')}>
              <noscript>{ot(lang, 'previewNeedsScript')}</noscript>
            </div>
          </section>
        </div>
        {area('documents', ot(lang, 'documentsJson'), 8)}
        {area('prefill', ot(lang, 'prefillJson'), 4)}
        {area('eligibility', ot(lang, 'eligibilityJson'), 4)}
        <button type="submit" class="button">
          {props.existing ? ot(lang, 'publishVersion') : ot(lang, 'publishService')}
        </button>
      </StepForm>
    </Layout>
  );
}
