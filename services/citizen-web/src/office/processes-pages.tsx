import { formatDate } from '../i18n/format';
import { pick } from '../i18n/messages';
import { Field, Layout, type PageContext } from '../pages/layout';
import type { Organisation } from '../platform/views';
import type { ProcessSummary, RoutingRule } from './desk';
import { ot } from './office-messages';
import { Said, StepForm, type Outcome } from './office-pages';

/**
 * A ministry's workflow administrator: its processes (BPMN, each key's latest version) and the routing table rows
 * that send applications to its units, with a form to publish a process and one to add or change a rule.
 */
export function ProcessesPage(props: {
  ctx: PageContext;
  processes: ProcessSummary[];
  rules: RoutingRule[];
  units: Organisation[];
  provinces: { code: string; nameLo: string; nameEn: string }[];
  submitKey: string;
  outcome?: Outcome;
  bpmn?: string;
}) {
  const { ctx } = props;
  const { lang } = ctx;
  const unitName = (code: string) => {
    const unit = props.units.find((item) => item.code === code);
    return unit ? pick(lang, { lo: unit.nameLo, en: unit.nameEn }) : code;
  };
  return (
    <Layout ctx={ctx} title={ot(lang, 'processes')}>
      <Said lang={lang} outcome={props.outcome} />
      <section aria-labelledby="process-list">
        <h2 id="process-list">{ot(lang, 'processList')}</h2>
        {props.processes.length === 0 ? (
          <p>{ot(lang, 'noProcesses')}</p>
        ) : (
          <ul class="cards">
            {props.processes.map((process) => (
              <li>
                <h3>{process.processDefinition.name ?? process.key}</h3>
                <p class="meta">
                  {process.key} · {ot(lang, 'version', { n: process.version })} · {formatDate(lang, process.createdAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
        <StepForm ctx={ctx} action="/office/processes" submitKey={`${props.submitKey}-process`}>
          <Field id="bpmn" label={ot(lang, 'bpmn')} hint={ot(lang, 'bpmnHint')}>
            {(describedBy) => (
              <textarea
                id="bpmn"
                name="bpmn"
                rows={8}
                class="code"
                spellcheck={false}
                required
                aria-describedby={describedBy}
              >
                {props.bpmn ?? ''}
              </textarea>
            )}
          </Field>
          <button type="submit" class="button">
            {ot(lang, 'publishProcess')}
          </button>
        </StepForm>
      </section>
      <section aria-labelledby="routing">
        <h2 id="routing">{ot(lang, 'routingTable')}</h2>
        <p class="hint">{ot(lang, 'routingHint')}</p>
        {props.rules.length === 0 ? (
          <p>{ot(lang, 'noRules')}</p>
        ) : (
          <ul class="cards">
            {props.rules.map((rule) => (
              <li>
                <h3>{rule.id}</h3>
                <p class="meta">
                  {ot(lang, 'category')}: {rule.category} · {ot(lang, 'province')}:{' '}
                  {rule.province ?? ot(lang, 'anyPlace')} · {ot(lang, 'district')}:{' '}
                  {rule.district ?? ot(lang, 'anyPlace')} → {unitName(rule.unit)}
                </p>
                <StepForm
                  ctx={ctx}
                  action="/office/routing-rules/delete"
                  submitKey={`${props.submitKey}-delete-${rule.id}`}
                >
                  <input type="hidden" name="id" value={rule.id} />
                  <button type="submit" class="button secondary">
                    {ot(lang, 'deleteRule', { id: rule.id })}
                  </button>
                </StepForm>
              </li>
            ))}
          </ul>
        )}
        <StepForm ctx={ctx} action="/office/routing-rules" submitKey={`${props.submitKey}-rule`}>
          <Field id="rule-id" label={ot(lang, 'ruleId')}>
            {() => (
              <input id="rule-id" name="id" required pattern="[A-Za-z0-9][A-Za-z0-9_.-]{0,99}" autoComplete="off" />
            )}
          </Field>
          <Field id="rule-category" label={ot(lang, 'category')}>
            {() => <input id="rule-category" name="category" required autoComplete="off" />}
          </Field>
          <Field id="rule-province" label={ot(lang, 'province')}>
            {() => (
              <select id="rule-province" name="province">
                <option value="">{ot(lang, 'anyPlace')}</option>
                {props.provinces.map((province) => (
                  <option value={province.code}>{lang === 'en' ? province.nameEn : province.nameLo}</option>
                ))}
              </select>
            )}
          </Field>
          <Field id="rule-district" label={ot(lang, 'district')}>
            {() => <input id="rule-district" name="district" inputMode="numeric" pattern="\d{4}" maxLength={4} />}
          </Field>
          <Field id="rule-unit" label={ot(lang, 'unit')}>
            {() => (
              <select id="rule-unit" name="unit" required>
                {props.units.map((unit) => (
                  <option value={unit.code}>{pick(lang, { lo: unit.nameLo, en: unit.nameEn })}</option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" class="button">
            {ot(lang, 'saveRule')}
          </button>
        </StepForm>
      </section>
    </Layout>
  );
}
