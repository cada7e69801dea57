import type { ComponentChildren } from 'preact';
import { formatDate, formatDateTime } from '../i18n/format';
import { pick, t, type Lang } from '../i18n/messages';
import { fieldTitle, localisedLayout, orderedFields } from '../forms/layout';
import { Alert, Field, Layout, type PageContext } from '../pages/layout';
import { KIND_LABEL } from '../pages/hotline';
import { History } from '../pages/public';
import { applicationStatus, caseStatus, findingText } from '../pages/status';
import type { Application, EForm, Organisation, Topic } from '../platform/views';
import type {
  CaseStep,
  Duplicate,
  EarlierCase,
  OfficeCase,
  OfficeTask,
  PersonalDataFound,
  PublicSummary,
  WorkflowTask,
} from './desk';
import { BarChart } from './figures-pages';
import { hasOfficeText, officeMenu, ot, type OfficeKey } from './office-messages';

/** What a workspace page says after a step: done, or the block's refusal in words. */
export interface Outcome {
  notice?: OfficeKey;
  error?: string;
}

export function Said(props: { lang: Lang; outcome?: Outcome }) {
  const { lang, outcome } = props;
  if (outcome?.error) return <Alert>{ot(lang, 'refused', { detail: outcome.error })}</Alert>;
  if (outcome?.notice) return <Alert kind="success">{ot(lang, outcome.notice)}</Alert>;
  return null;
}

/** A signed-in form of the workspace: its session's token and a key that makes a second press the same step. */
export function StepForm(props: { ctx: PageContext; action: string; submitKey: string; children: ComponentChildren }) {
  return (
    <form method="post" action={props.action}>
      <input type="hidden" name="csrf" value={props.ctx.csrf} />
      <input type="hidden" name="key" value={props.submitKey} />
      {props.children}
    </form>
  );
}

/** A workspace text by a key made from a value (a channel, a step), else `otherwise`. */
const said = (lang: Lang, key: string, otherwise: string) => (hasOfficeText(key) ? ot(lang, key) : otherwise);

const isOverdue = (dueAt?: string) => !!dueAt && new Date(dueAt).getTime() < Date.now();

export function OfficeHome(props: { ctx: PageContext; unit?: string; ministry?: string }) {
  const { ctx } = props;
  const { lang } = ctx;
  // The same places as the menu: what the officer's roles open, and nothing else.
  const links = officeMenu(lang, ctx.roles ?? [], '/office').items.filter(([href]) => href !== '/office');
  return (
    <Layout ctx={ctx} title={ot(lang, 'home')}>
      <p class="lead">{ot(lang, 'signedInAs', { unit: props.unit ?? '', ministry: props.ministry ?? '' })}</p>
      {links.length ? (
        <ul class="tiles">
          {links.map(([href, label]) => (
            <li>
              <a href={href}>
                <strong>{label}</strong>
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{ot(lang, 'nothingForRoles')}</p>
      )}
    </Layout>
  );
}

/** Who holds a task, as an officer reads it: no one, you, or another officer (the end of their account's id). */
export const holderName = (lang: Lang, assignee: string | undefined, subject: string) =>
  !assignee
    ? ot(lang, 'nobody')
    : assignee === subject
      ? ot(lang, 'you')
      : ot(lang, 'officer', { id: assignee.slice(-6) });

export function TasksPage(props: {
  ctx: PageContext;
  tasks: OfficeTask[];
  subject: string;
  outcome?: Outcome;
  /** A supervisor's view: the unit's open tasks by who holds them. */
  load?: { holder?: string; open: number; overdue: number }[];
}) {
  const { ctx, tasks } = props;
  const { lang } = ctx;
  const overdue = tasks.filter((task) => isOverdue(task.dueAt)).length;
  return (
    <Layout ctx={ctx} title={ot(lang, 'tasks')}>
      <Said lang={lang} outcome={props.outcome} />
      <p>{ot(lang, 'tasksCount', { n: tasks.length, overdue })}</p>
      {props.load && (
        <BarChart
          lang={lang}
          id="load"
          title={ot(lang, 'load')}
          keyLabel={ot(lang, 'holder')}
          valueLabel={ot(lang, 'openTasks')}
          moreLabels={[ot(lang, 'overdue')]}
          rows={props.load.map((row) => ({
            label: holderName(lang, row.holder, props.subject),
            value: row.open,
            more: [row.overdue],
          }))}
        />
      )}
      {tasks.length === 0 ? (
        <p>{ot(lang, 'queueEmpty')}</p>
      ) : (
        <ul class="cards">
          {tasks.map((task) => (
            <li>
              <h2>
                <a href={`/office/tasks/${task.taskId}`}>
                  {task.serviceName} · {task.trackingCode}
                </a>
              </h2>
              <p class="meta">
                {ot(lang, 'step')}: {task.name ?? ''} · {ot(lang, 'due')}:{' '}
                <time dateTime={task.dueAt}>{formatDate(lang, task.dueAt)}</time>
                {isOverdue(task.dueAt) && <span class="badge rejected"> {ot(lang, 'overdue')}</span>} ·{' '}
                {ot(lang, 'heldBy')}: {holderName(lang, task.assigneeId, props.subject)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

const OUTCOME_KEYS: Record<string, OfficeKey> = {
  approve: 'outcome_approve',
  sendback: 'outcome_sendback',
  reject: 'outcome_reject',
  forward: 'outcome_forward',
};

/** An application as its officer reads it: the eForm's data read-only, the documents, the history, the decision. */
export function TaskPage(props: {
  ctx: PageContext;
  task: OfficeTask;
  flow: WorkflowTask;
  application: Application;
  eForm?: EForm;
  subject: string;
  submitKey: string;
  outcome?: Outcome;
  /** A supervisor's: the officers holding the unit's tasks, to give this one to. */
  holders?: string[];
}) {
  const { ctx, task, flow, application } = props;
  const { lang } = ctx;
  const schema = (props.eForm?.schema ?? {}) as Record<string, unknown>;
  const layout = localisedLayout(props.eForm?.layout as Record<string, unknown> | undefined, schema, lang);
  const data = application.formData?.data ?? {};
  const mine = flow.assignee === props.subject;
  const open = flow.state === 'open' || flow.state === 'claimed';
  return (
    <Layout ctx={ctx} title={`${task.serviceName} · ${task.trackingCode}`}>
      <Said lang={lang} outcome={props.outcome} />
      <dl class="facts">
        <dt>{ot(lang, 'state')}</dt>
        <dd>
          <span class={`badge ${application.status.code.toLowerCase()}`}>
            {applicationStatus(lang, application.status.code)}
          </span>
        </dd>
        <dt>{ot(lang, 'step')}</dt>
        <dd>{task.name}</dd>
        <dt>{ot(lang, 'due')}</dt>
        <dd>
          <time dateTime={task.dueAt}>{formatDate(lang, task.dueAt)}</time>
          {isOverdue(task.dueAt) && <span class="badge rejected"> {ot(lang, 'overdue')}</span>}
        </dd>
        <dt>{ot(lang, 'heldBy')}</dt>
        <dd>{holderName(lang, flow.assignee, props.subject)}</dd>
      </dl>
      <h2>{ot(lang, 'formData')}</h2>
      <dl class="facts">
        {orderedFields(layout, data).map((field) => (
          <>
            <dt>{fieldTitle(layout, schema, field)}</dt>
            <dd>{shown(data[field])}</dd>
          </>
        ))}
      </dl>
      <h2>{ot(lang, 'documents')}</h2>
      {application.documents?.length ? (
        <ul>
          {application.documents.map((document) => (
            <li>
              <a href={`/office/documents/${document.id}`} target="_blank" rel="noopener">
                {ot(lang, 'preview', { name: document.type })}
              </a>{' '}
              <span class="hint">({document.mediaType})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{ot(lang, 'noDocuments')}</p>
      )}
      <History
        lang={lang}
        items={(application.history ?? []).map((entry) => ({
          at: entry.at,
          text: applicationStatus(lang, entry.status),
          detail: [entry.office, entry.note].filter(Boolean).join(' · ') || undefined,
        }))}
      />
      {open && (
        <section aria-labelledby="decide">
          <h2 id="decide">{ot(lang, 'decide')}</h2>
          {!mine ? (
            <StepForm ctx={ctx} action={`/office/tasks/${task.taskId}/claim`} submitKey={props.submitKey}>
              <p>{ot(lang, 'claimFirst')}</p>
              <button type="submit" class="button">
                {ot(lang, 'claim')}
              </button>
            </StepForm>
          ) : (
            <StepForm ctx={ctx} action={`/office/tasks/${task.taskId}/decide`} submitKey={props.submitKey}>
              <fieldset>
                <legend>{ot(lang, 'outcome')}</legend>
                {flow.outcomes.map((outcome, index) => (
                  <label class="choice">
                    <input type="radio" name="outcome" value={outcome} required checked={index === 0} />{' '}
                    {OUTCOME_KEYS[outcome] ? ot(lang, OUTCOME_KEYS[outcome]) : outcome}
                  </label>
                ))}
              </fieldset>
              <Field id="comment" label={ot(lang, 'comment')} hint={ot(lang, 'commentHint')}>
                {(describedBy) => (
                  <textarea id="comment" name="comment" rows={3} maxLength={1000} aria-describedby={describedBy} />
                )}
              </Field>
              <button type="submit" class="button">
                {ot(lang, 'submit')}
              </button>
            </StepForm>
          )}
        </section>
      )}
      {open && props.holders && (
        <section aria-labelledby="reassign">
          <h2 id="reassign">{ot(lang, 'reassign')}</h2>
          <StepForm
            ctx={ctx}
            action={`/office/tasks/${task.taskId}/reassign`}
            submitKey={`${props.submitKey}-reassign`}
          >
            <Field id="assignee" label={ot(lang, 'reassignTo')}>
              {() => (
                <select id="assignee" name="assignee">
                  <option value="">{ot(lang, 'backToQueue')}</option>
                  {props.holders!.map((holder) => (
                    <option value={holder} selected={holder === flow.assignee}>
                      {holderName(lang, holder, props.subject)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="unit" label={ot(lang, 'reassignUnit')}>
              {() => <input id="unit" name="unit" maxLength={32} pattern="[A-Z][A-Z0-9-]{1,31}" autoComplete="off" />}
            </Field>
            <Field id="reassign-comment" label={ot(lang, 'comment')}>
              {() => <textarea id="reassign-comment" name="comment" rows={2} maxLength={500} />}
            </Field>
            <button type="submit" class="button secondary">
              {ot(lang, 'reassign')}
            </button>
          </StepForm>
        </section>
      )}
    </Layout>
  );
}

const shown = (value: unknown): string =>
  value === undefined || value === null
    ? ''
    : typeof value === 'object'
      ? Array.isArray(value)
        ? value.map(shown).join(', ')
        : Object.entries(value as Record<string, unknown>)
            .map(([key, inner]) => `${key}: ${shown(inner)}`)
            .join('; ')
      : String(value);

export const CASE_FILTERS = [
  'RECEIVED',
  'TRIAGED',
  'ASSIGNED',
  'VERIFYING',
  'AWAITING_INFORMATION',
  'FINDING_RECORDED',
  'RESPONSE_SUBMITTED',
  'RESPONDED',
  'PUBLISHED',
] as const;

export function CasesPage(props: {
  ctx: PageContext;
  cases: OfficeCase[];
  total: number;
  state?: string;
  topics: Topic[];
  outcome?: Outcome;
}) {
  const { ctx } = props;
  const { lang } = ctx;
  const topicName = (code: string) => {
    const topic = props.topics.find((item) => item.code === code);
    return topic ? (lang === 'en' ? topic.nameEn : topic.nameLo) : code;
  };
  return (
    <Layout ctx={ctx} title={ot(lang, 'cases')}>
      <Said lang={lang} outcome={props.outcome} />
      <form method="get" action="/office/cases" class="filters">
        <Field id="state" label={ot(lang, 'filterState')}>
          {() => (
            <select id="state" name="state">
              <option value="">{ot(lang, 'allStates')}</option>
              {CASE_FILTERS.map((state) => (
                <option value={state} selected={state === props.state}>
                  {caseStatus(lang, state)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" class="button secondary">
          {ot(lang, 'show')}
        </button>
      </form>
      {props.cases.length === 0 ? (
        <p>{ot(lang, 'casesEmpty')}</p>
      ) : (
        <ul class="cards">
          {props.cases.map((item) => (
            <li>
              <h2>
                <a href={`/office/cases/${encodeURIComponent(item.caseNumber)}`}>{item.caseNumber}</a>
              </h2>
              <p class="meta">
                {topicName(item.topic)} · <span class="badge">{caseStatus(lang, item.state)}</span> ·{' '}
                {formatDate(lang, item.receivedAt)}
                {item.unit && ` · ${item.unit}`}
              </p>
              <p>{item.description.slice(0, 160)}</p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** The steps the workspace offers on a case in its state, to the officer's role (the block checks both again). */
export function stepsFor(state: string, roles: string[]): CaseStep[] {
  const office = roles.includes('feedback.office');
  const unit = roles.includes('feedback.handler');
  const steps: CaseStep[] = [];
  if (office && state === 'RECEIVED') steps.push('triage', 'reject');
  if (office && state === 'TRIAGED') steps.push('assign', 'reject');
  if (unit && state === 'ASSIGNED') steps.push('startVerification', 'handBack');
  if (unit && state === 'VERIFYING') steps.push('recordFinding', 'requestInformation', 'handBack');
  if (unit && state === 'FINDING_RECORDED') steps.push('submitResponse');
  if (office && state === 'RESPONSE_SUBMITTED') steps.push('acceptResponse', 'returnResponse');
  if (office && state === 'RESPONDED') steps.push('publish', 'withholdPublication');
  return steps;
}

const NEEDS_REASON: CaseStep[] = ['reject', 'handBack', 'returnResponse', 'withholdPublication'];

/** A hotline case as an officer handles it: its facts and timeline, likely duplicates, and the steps now open. */
export function CasePage(props: {
  ctx: PageContext;
  found: OfficeCase;
  topics: Topic[];
  duplicates?: Duplicate[];
  units: Organisation[];
  ministries: Organisation[];
  summary?: PublicSummary;
  personalData?: PersonalDataFound[];
  submitKey: string;
  outcome?: Outcome;
}) {
  const { ctx, found } = props;
  const { lang } = ctx;
  const steps = stepsFor(found.state, ctx.roles ?? []);
  const topic = props.topics.find((item) => item.code === found.topic);
  const action = `/office/cases/${encodeURIComponent(found.caseNumber)}/step`;
  return (
    <Layout ctx={ctx} title={found.caseNumber}>
      <Said lang={lang} outcome={props.outcome} />
      <dl class="facts">
        <dt>{ot(lang, 'state')}</dt>
        <dd>
          <span class="badge">{caseStatus(lang, found.state)}</span>
        </dd>
        <dt>{ot(lang, 'topic')}</dt>
        <dd>{topic ? (lang === 'en' ? topic.nameEn : topic.nameLo) : found.topic}</dd>
        <dt>{ot(lang, 'kind')}</dt>
        <dd>{t(lang, KIND_LABEL[found.kind as keyof typeof KIND_LABEL] ?? 'kindComment')}</dd>
        <dt>{ot(lang, 'channel')}</dt>
        <dd>{found.channel ? said(lang, `channel_${found.channel}`, found.channel) : ''}</dd>
        <dt>{ot(lang, 'received')}</dt>
        <dd>{formatDateTime(lang, found.receivedAt)}</dd>
        {found.unit && (
          <>
            <dt>{ot(lang, 'routedTo')}</dt>
            <dd>{found.unit}</dd>
          </>
        )}
        {found.finding && (
          <>
            <dt>{ot(lang, 'finding')}</dt>
            <dd>{findingText(lang, found.finding)}</dd>
          </>
        )}
      </dl>
      <h2>{ot(lang, 'description')}</h2>
      <blockquote class="quote">{found.description}</blockquote>
      {found.actions?.length ? (
        <>
          <h2>{ot(lang, 'actionsDone')}</h2>
          <ul>
            {found.actions.map((done) => (
              <li>
                {done.description}
                {done.evidence && ` · ${ot(lang, 'evidence')}: ${done.evidence}`}
                {done.completedAt && ` · ${formatDate(lang, done.completedAt)}`}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {props.duplicates && (
        <section aria-labelledby="duplicates">
          <h2 id="duplicates">{ot(lang, 'duplicates')}</h2>
          {props.duplicates.length === 0 ? (
            <p>{ot(lang, 'noDuplicates')}</p>
          ) : (
            <div class="side-by-side">
              <article aria-label={ot(lang, 'thisCase')}>
                <h3>{ot(lang, 'thisCase')}</h3>
                <p>{found.description}</p>
              </article>
              {props.duplicates.map((other) => (
                <article aria-label={other.caseNumber}>
                  <h3>
                    <a href={`/office/cases/${encodeURIComponent(other.caseNumber)}`}>{other.caseNumber}</a>
                  </h3>
                  <p class="meta">
                    {ot(lang, 'similarity', { percent: Math.round(other.similarity * 100) })} ·{' '}
                    {caseStatus(lang, other.state)} · {formatDate(lang, other.receivedAt)}
                  </p>
                  <p>{other.description}</p>
                  <StepForm ctx={ctx} action={action} submitKey={`${props.submitKey}-merge-${other.caseNumber}`}>
                    <input type="hidden" name="step" value="merge" />
                    <input type="hidden" name="into" value={other.caseNumber} />
                    <button type="submit" class="button secondary">
                      {ot(lang, 'mergeInto', { number: other.caseNumber })}
                    </button>
                  </StepForm>
                </article>
              ))}
            </div>
          )}
        </section>
      )}
      {steps.map((step) => (
        <section aria-labelledby={`step-${step}`} class="step">
          <h2 id={`step-${step}`}>{ot(lang, `step_${step}`)}</h2>
          {step === 'publish' ? (
            <PublishForm {...props} action={action} />
          ) : (
            <StepForm ctx={ctx} action={action} submitKey={`${props.submitKey}-${step}`}>
              <input type="hidden" name="step" value={step} />
              <StepFields step={step} lang={lang} found={found} units={props.units} ministries={props.ministries} />
              <button type="submit" class="button">
                {ot(lang, `step_${step}`)}
              </button>
            </StepForm>
          )}
        </section>
      ))}
      <History
        lang={lang}
        items={(found.history ?? []).map((entry) => ({
          at: entry.at,
          text: `${said(lang, `step_${entry.step}`, said(lang, `hist_${entry.step}`, entry.step))} · ${caseStatus(lang, entry.state)}`,
          detail: entry.reason,
        }))}
      />
    </Layout>
  );
}

function StepFields(props: {
  step: CaseStep;
  lang: Lang;
  found: OfficeCase;
  units: Organisation[];
  ministries: Organisation[];
}) {
  const { step, lang } = props;
  const id = (name: string) => `${step}-${name}`;
  if (NEEDS_REASON.includes(step))
    return (
      <Field id={id('reason')} label={ot(lang, 'comment')}>
        {() => <textarea id={id('reason')} name="reason" rows={2} required maxLength={2000} />}
      </Field>
    );
  if (step === 'requestInformation')
    return (
      <Field id={id('reason')} label={ot(lang, 'question')}>
        {() => <textarea id={id('reason')} name="reason" rows={2} required maxLength={2000} />}
      </Field>
    );
  if (step === 'assign') {
    const byMinistry = props.ministries.map((ministry) => ({
      ministry,
      units: props.units.filter((unit) => unit.parentCode === ministry.code),
    }));
    return (
      <Field id={id('unit')} label={ot(lang, 'unit')}>
        {() => (
          <select id={id('unit')} name="unit" required>
            <option value="">{ot(lang, 'chooseUnit')}</option>
            {byMinistry
              .filter((group) => group.units.length)
              .map((group) => (
                <optgroup label={pick(lang, { lo: group.ministry.nameLo, en: group.ministry.nameEn })}>
                  {group.units.map((unit) => (
                    <option value={`${group.ministry.code}/${unit.code}`}>
                      {pick(lang, { lo: unit.nameLo, en: unit.nameEn })}
                    </option>
                  ))}
                </optgroup>
              ))}
          </select>
        )}
      </Field>
    );
  }
  if (step === 'recordFinding')
    return (
      <>
        <fieldset>
          <legend>{ot(lang, 'finding')}</legend>
          {(['FOUNDED', 'PARTLY_FOUNDED', 'UNFOUNDED'] as const).map((finding, index) => (
            <label class="choice">
              <input type="radio" name="finding" value={finding} required checked={index === 0} />{' '}
              {findingText(lang, finding)}
            </label>
          ))}
        </fieldset>
        <Field id={id('explanation')} label={ot(lang, 'explanation')}>
          {() => <textarea id={id('explanation')} name="explanation" rows={2} maxLength={2000} />}
        </Field>
        <Field id={id('action')} label={ot(lang, 'action')}>
          {() => <textarea id={id('action')} name="action" rows={2} maxLength={2000} />}
        </Field>
        <Field id={id('evidence')} label={ot(lang, 'evidence')}>
          {() => <input id={id('evidence')} name="evidence" maxLength={500} />}
        </Field>
        <Field id={id('completedAt')} label={ot(lang, 'completedOn')}>
          {() => <input id={id('completedAt')} name="completedAt" type="date" />}
        </Field>
      </>
    );
  return null;
}

const SUMMARY_FIELDS = ['questionLo', 'answerLo', 'questionEn', 'answerEn'] as const;

/** A text with the personal data found in it marked (`<mark>`), for the reviewer to take out. */
function Marked(props: { text: string; found: PersonalDataFound[]; lang: Lang }) {
  const parts: ComponentChildren[] = [];
  let at = 0;
  for (const match of [...props.found].sort((a, b) => a.start - b.start)) {
    if (match.start < at) continue;
    parts.push(props.text.slice(at, match.start));
    parts.push(
      <mark title={ot(props.lang, `personal_${match.kind}`)}>
        {props.text.slice(match.start, match.end)}
        <span class="visually-hidden"> ({ot(props.lang, `personal_${match.kind}`)})</span>
      </mark>,
    );
    at = match.end;
  }
  parts.push(props.text.slice(at));
  return <p class="quote">{parts}</p>;
}

function PublishForm(props: {
  ctx: PageContext;
  found: OfficeCase;
  summary?: PublicSummary;
  personalData?: PersonalDataFound[];
  submitKey: string;
  action: string;
}) {
  const { ctx, found } = props;
  const { lang } = ctx;
  const summary = props.summary ?? { questionLo: found.description, answerLo: '' };
  const checked = props.personalData !== undefined;
  const personal = props.personalData ?? [];
  return (
    <>
      <p class="hint">{ot(lang, 'summaryHint')}</p>
      {checked &&
        (personal.length ? (
          <Alert>{ot(lang, 'personalFound', { n: personal.length })}</Alert>
        ) : (
          <Alert kind="success">{ot(lang, 'personalNone')}</Alert>
        ))}
      {checked &&
        SUMMARY_FIELDS.filter((field) => personal.some((match) => match.field === `summary.${field}`)).map((field) => (
          <>
            <h3>{ot(lang, field)}</h3>
            <Marked
              text={summary[field] ?? ''}
              found={personal.filter((match) => match.field === `summary.${field}`)}
              lang={lang}
            />
          </>
        ))}
      <StepForm
        ctx={ctx}
        action={`/office/cases/${encodeURIComponent(found.caseNumber)}/summary`}
        submitKey={props.submitKey}
      >
        {SUMMARY_FIELDS.map((field) => (
          <Field id={`summary-${field}`} label={ot(lang, field)}>
            {() => (
              <textarea
                id={`summary-${field}`}
                name={field}
                rows={3}
                maxLength={4000}
                required={field === 'questionLo' || field === 'answerLo'}
                lang={field.endsWith('En') ? 'en' : 'lo'}
              >
                {summary[field] ?? ''}
              </textarea>
            )}
          </Field>
        ))}
        <button type="submit" name="then" value="check" class="button secondary">
          {ot(lang, 'checkSummary')}
        </button>{' '}
        <button type="submit" name="then" value="publish" class="button">
          {ot(lang, 'step_publish')}
        </button>
      </StepForm>
    </>
  );
}

export function CallsPage(props: {
  ctx: PageContext;
  topics: Topic[];
  provinces: { code: string; nameLo: string; nameEn: string }[];
  phone?: string;
  earlier?: EarlierCase[];
  recorded?: { number: string; pin?: string };
  submitKey: string;
  outcome?: Outcome;
}) {
  const { ctx } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={ot(lang, 'calls')}>
      <Said lang={lang} outcome={props.outcome} />
      {props.recorded && (
        <div class="alert success" role="status" tabIndex={-1} id="read-back">
          <p>
            <strong>
              {props.recorded.pin
                ? ot(lang, 'readBack', { number: props.recorded.number, pin: props.recorded.pin })
                : ot(lang, 'readBackNoPin', { number: props.recorded.number })}
            </strong>
          </p>
        </div>
      )}
      <p class="hint">{ot(lang, 'shortcuts')}</p>
      <form method="get" action="/office/calls" class="filters">
        <Field id="phone-lookup" label={ot(lang, 'callerPhone')}>
          {() => (
            <input
              id="phone-lookup"
              name="phone"
              type="tel"
              inputMode="tel"
              autoComplete="off"
              value={props.phone ?? ''}
            />
          )}
        </Field>
        <button type="submit" class="button secondary">
          {ot(lang, 'findEarlier')}
        </button>
      </form>
      {props.earlier && (
        <section aria-labelledby="earlier">
          <h2 id="earlier">{ot(lang, 'earlierCases')}</h2>
          {props.earlier.length === 0 ? (
            <p>{ot(lang, 'noEarlier')}</p>
          ) : (
            <ul>
              {props.earlier.map((item) => (
                <li>
                  {item.caseNumber} · {item.status} · {formatDate(lang, item.receivedAt)}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <StepForm ctx={ctx} action="/office/calls" submitKey={props.submitKey}>
        <Field id="callerPhone" label={ot(lang, 'callerPhone')}>
          {() => (
            <input
              id="callerPhone"
              name="callerPhone"
              type="tel"
              inputMode="tel"
              required
              autoFocus
              autoComplete="off"
              value={props.phone ?? ''}
            />
          )}
        </Field>
        <Field id="topic" label={ot(lang, 'topic')}>
          {() => (
            <select id="topic" name="topic" required>
              {props.topics.map((topic) => (
                <option value={topic.code}>{lang === 'en' ? topic.nameEn : topic.nameLo}</option>
              ))}
            </select>
          )}
        </Field>
        <fieldset>
          <legend>{ot(lang, 'kind')}</legend>
          {(['complaint', 'suggestion', 'comment', 'question'] as const).map((kind, index) => (
            <label class="choice">
              <input type="radio" name="kind" value={kind} checked={index === 0} /> {t(lang, KIND_LABEL[kind])}
            </label>
          ))}
        </fieldset>
        <Field id="description" label={ot(lang, 'description')}>
          {() => <textarea id="description" name="description" rows={4} required maxLength={5000} />}
        </Field>
        <Field id="province" label={ot(lang, 'province')}>
          {() => (
            <select id="province" name="province">
              <option value="">—</option>
              {props.provinces.map((province) => (
                <option value={province.code}>{lang === 'en' ? province.nameEn : province.nameLo}</option>
              ))}
            </select>
          )}
        </Field>
        <Field id="district" label={ot(lang, 'district')}>
          {() => <input id="district" name="district" inputMode="numeric" pattern="\d{4}" maxLength={4} />}
        </Field>
        <Field id="village" label={ot(lang, 'village')}>
          {() => <input id="village" name="village" inputMode="numeric" pattern="\d{7}" maxLength={7} />}
        </Field>
        <fieldset>
          <legend>{ot(lang, 'language')}</legend>
          <label class="choice">
            <input type="radio" name="language" value="lo" checked /> ລາວ
          </label>
          <label class="choice">
            <input type="radio" name="language" value="en" /> English
          </label>
        </fieldset>
        <label class="choice">
          <input type="checkbox" name="consent" value="yes" /> {ot(lang, 'consent')}
        </label>
        <button type="submit" class="button">
          {ot(lang, 'recordCall')}
        </button>
      </StepForm>
    </Layout>
  );
}
