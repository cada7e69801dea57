import { formatDate } from '../i18n/format';
import { t, type MessageKey } from '../i18n/messages';
import type { AdminArea, Case, Summary, Topic } from '../platform/views';
import { Alert, Field, Layout, type PageContext } from './layout';
import { History } from './public';
import { ANSWERED_STATES, caseStatus, findingText } from './status';
import { CASE_KINDS, type ComplaintForm } from '../api/complaint-form';

export type { ComplaintForm };

export const KIND_LABEL: Record<(typeof CASE_KINDS)[number], MessageKey> = {
  complaint: 'kindComplaint',
  suggestion: 'kindSuggestion',
  comment: 'kindComment',
  question: 'kindQuestion',
  compliment: 'kindCompliment',
};

export function ComplainPage(props: {
  ctx: PageContext;
  topics: Topic[];
  provinces: AdminArea[];
  form: ComplaintForm;
  errors: Record<string, string>;
  /** The submission's Idempotency-Key: the same form sent twice is one case. */
  submissionKey: string;
}) {
  const { ctx, form, errors } = props;
  const { lang } = ctx;
  const identities = ctx.signedIn ? ['anonymous', 'confidential', 'identified'] : ['anonymous'];
  return (
    <Layout ctx={ctx} title={t(lang, 'complain')}>
      <p>{t(lang, 'complainIntro')}</p>
      {Object.keys(errors).length > 0 && (
        <Alert id="errors">
          <p>{t(lang, 'fixErrors')}</p>
          <ul>
            {Object.entries(errors).map(([field, message]) => (
              <li>
                <a href={`#${field}`}>{message}</a>
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <form method="post" action="/complain" class="stack">
        {ctx.csrf && <input type="hidden" name="csrf" value={ctx.csrf} />}
        <input type="hidden" name="key" value={props.submissionKey} />
        <fieldset>
          <legend>{t(lang, 'kind')}</legend>
          {CASE_KINDS.map((kind, i) => (
            <label class="choice">
              <input
                type="radio"
                name="kind"
                id={i === 0 ? 'kind' : undefined}
                value={kind}
                checked={(form.kind ?? 'complaint') === kind}
              />{' '}
              {t(lang, KIND_LABEL[kind])}
            </label>
          ))}
        </fieldset>
        <Field id="topic" label={t(lang, 'topic')} error={errors.topic}>
          {(describedBy, invalid) => (
            <select id="topic" name="topic" required aria-describedby={describedBy} aria-invalid={invalid || undefined}>
              {props.topics.map((topic) => (
                <option value={topic.code} selected={topic.code === form.topic}>
                  {lang === 'en' ? topic.nameEn : topic.nameLo}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="description"
          label={t(lang, 'description')}
          hint={t(lang, 'descriptionHint')}
          error={errors.description}
        >
          {(describedBy, invalid) => (
            <textarea
              id="description"
              name="description"
              required
              minLength={10}
              maxLength={5000}
              rows={6}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            >
              {form.description ?? ''}
            </textarea>
          )}
        </Field>
        <Field id="province" label={t(lang, 'province')} error={errors.province}>
          {(describedBy) => (
            <select id="province" name="province" aria-describedby={describedBy}>
              <option value="" />
              {props.provinces.map((province) => (
                <option value={province.code} selected={province.code === form.province}>
                  {lang === 'en' ? province.nameEn : province.nameLo}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="district" label={t(lang, 'district')} error={errors.district}>
          {(describedBy, invalid) => (
            <input
              id="district"
              name="district"
              inputMode="numeric"
              pattern="[0-9]{4}"
              maxLength={4}
              value={form.district ?? ''}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )}
        </Field>
        <fieldset>
          <legend>{t(lang, 'whoAreYou')}</legend>
          {identities.map((identity, i) => (
            <label class="choice">
              <input
                type="radio"
                name="identity"
                id={i === 0 ? 'identity' : undefined}
                value={identity}
                checked={(form.identity ?? 'anonymous') === identity}
              />{' '}
              {t(lang, identity as MessageKey)}
            </label>
          ))}
        </fieldset>
        <Field
          id="contactPhone"
          label={t(lang, 'contactPhone')}
          hint={t(lang, 'contactPhoneHint')}
          error={errors.contactPhone}
        >
          {(describedBy, invalid) => (
            <input
              id="contactPhone"
              name="contactPhone"
              type="tel"
              autocomplete="tel"
              value={form.contactPhone ?? ''}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )}
        </Field>
        <button type="submit">{t(lang, 'send')}</button>
      </form>
    </Layout>
  );
}

export function CaseReceivedPage(props: { ctx: PageContext; number: string; pin?: string }) {
  const { lang } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t(lang, 'caseReceived')}>
      <dl class="facts big">
        <dt>{t(lang, 'caseNumber')}</dt>
        <dd data-testid="case-number">{props.number}</dd>
        {props.pin && (
          <>
            <dt>{t(lang, 'pin')}</dt>
            <dd data-testid="case-pin">{props.pin}</dd>
          </>
        )}
      </dl>
      {props.pin && <Alert kind="info">{t(lang, 'keepPin')}</Alert>}
      <p>
        <a
          href={
            props.pin
              ? `/cases?number=${encodeURIComponent(props.number)}`
              : `/cases/${encodeURIComponent(props.number)}`
          }
        >
          {t(lang, 'followCase')}
        </a>
      </p>
    </Layout>
  );
}

function AnswerText({ lang, answer }: { lang: PageContext['lang']; answer: Summary }) {
  return (
    <section aria-labelledby="answer" class="answer">
      <h2 id="answer">{t(lang, 'answer')}</h2>
      <p>{(lang === 'en' && answer.answerEn) || answer.answerLo}</p>
    </section>
  );
}

/** The cases the signed-in citizen submitted as themself: each opens without a PIN. */
function MyCases(props: { ctx: PageContext; cases: Case[]; topics: Topic[] }) {
  const { lang } = props.ctx;
  const topicName = (code: string) => {
    const topic = props.topics.find((candidate) => candidate.code === code);
    return topic ? (lang === 'en' ? topic.nameEn : topic.nameLo) : code;
  };
  return (
    <section aria-labelledby="my-cases">
      <h2 id="my-cases">{t(lang, 'myCases')}</h2>
      {props.cases.length === 0 ? (
        <p>{t(lang, 'noCases')}</p>
      ) : (
        <ul class="cards">
          {props.cases.map((item) => (
            <li>
              <h3>
                <a href={`/cases/${encodeURIComponent(item.caseNumber)}`}>{item.caseNumber}</a>
              </h3>
              <p class="meta">
                {t(lang, KIND_LABEL[item.kind as keyof typeof KIND_LABEL] ?? 'kindComment')} · {topicName(item.topic)} ·{' '}
                <span class="badge">{caseStatus(lang, item.state)}</span> · {formatDate(lang, item.receivedAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function FollowCasePage(props: {
  ctx: PageContext;
  number?: string;
  /** The PIN that opened the case; without it, the case is the signed-in citizen's own. */
  pin?: string;
  found?: Case;
  notFound?: boolean;
  done?: MessageKey;
  error?: string;
  /** Signed in: the citizen's own cases, listed above the form for an anonymous one. */
  mine?: { cases: Case[]; topics: Topic[] };
}) {
  const { ctx, found } = props;
  const { lang } = ctx;
  const answer = found?.answer ?? found?.mergedInto?.answer;
  const hidden = (
    <>
      <input type="hidden" name="number" value={props.number} />
      {props.pin ? (
        <input type="hidden" name="pin" value={props.pin} />
      ) : (
        <input type="hidden" name="csrf" value={ctx.csrf} />
      )}
    </>
  );
  return (
    <Layout ctx={ctx} title={t(lang, 'followCase')}>
      {props.done && <Alert kind="success">{t(lang, props.done)}</Alert>}
      {props.error && <Alert>{props.error}</Alert>}
      {!found && props.mine && <MyCases ctx={ctx} cases={props.mine.cases} topics={props.mine.topics} />}
      {!found && (
        <>
          {props.mine && <h2>{t(lang, 'anonymousCase')}</h2>}
          <p>{t(lang, 'followIntro')}</p>
          {props.notFound && <Alert>{t(lang, 'notFoundCase')}</Alert>}
          <form method="post" action="/cases" class="stack">
            <Field id="number" label={t(lang, 'caseNumber')}>
              {(describedBy) => (
                <input
                  id="number"
                  name="number"
                  required
                  autocomplete="off"
                  value={props.number ?? ''}
                  aria-describedby={describedBy}
                />
              )}
            </Field>
            <Field id="pin" label={t(lang, 'pin')}>
              {(describedBy) => (
                <input
                  id="pin"
                  name="pin"
                  required
                  inputMode="numeric"
                  pattern="[0-9]{6}"
                  maxLength={6}
                  autocomplete="off"
                  aria-describedby={describedBy}
                />
              )}
            </Field>
            <button type="submit">{t(lang, 'show')}</button>
          </form>
        </>
      )}
      {found && (
        <section aria-labelledby="case">
          <h2 id="case">{found.caseNumber}</h2>
          <dl class="facts">
            <dt>{t(lang, 'status')}</dt>
            <dd>
              <span class="badge">{caseStatus(lang, found.state)}</span>
            </dd>
            <dt>{t(lang, 'submittedOn')}</dt>
            <dd>{formatDate(lang, found.receivedAt)}</dd>
            {found.mergedInto && (
              <>
                <dt>{t(lang, 'status')}</dt>
                <dd>{t(lang, 'mergedInto', { number: found.mergedInto.caseNumber })}</dd>
              </>
            )}
            {found.finding && (
              <>
                <dt>{t(lang, 'finding')}</dt>
                <dd>{findingText(lang, found.finding)}</dd>
              </>
            )}
          </dl>
          <p class="quote">{found.description}</p>
          {answer && <AnswerText lang={lang} answer={answer} />}
          {found.actions && found.actions.length > 0 && (
            <>
              <h2>{t(lang, 'actionsTaken')}</h2>
              <ul>
                {found.actions.map((action) => (
                  <li>{action.description}</li>
                ))}
              </ul>
            </>
          )}
          {found.state === 'AWAITING_INFORMATION' && (
            <form method="post" action="/cases/information" class="stack">
              {hidden}
              <Field
                id="information"
                label={t(lang, 'informationAsked')}
                hint={lastReason(found, 'requestInformation')}
              >
                {(describedBy) => (
                  <textarea
                    id="information"
                    name="reason"
                    required
                    maxLength={2000}
                    rows={4}
                    aria-describedby={describedBy}
                  />
                )}
              </Field>
              <button type="submit">{t(lang, 'addInformation')}</button>
            </form>
          )}
          {ANSWERED_STATES.includes(found.state) && (
            <form method="post" action="/cases/appeal" class="stack">
              {hidden}
              <Field id="appeal" label={t(lang, 'reason')} hint={t(lang, 'appealIntro')}>
                {(describedBy) => (
                  <textarea
                    id="appeal"
                    name="reason"
                    required
                    maxLength={2000}
                    rows={3}
                    aria-describedby={describedBy}
                  />
                )}
              </Field>
              <button type="submit" class="secondary">
                {t(lang, 'appeal')}
              </button>
            </form>
          )}
          <History
            lang={lang}
            items={(found.history ?? [])
              .filter((h) => h.block === 'feedback')
              .map((h) => ({ at: h.at, text: caseStatus(lang, h.state), detail: h.reason }))}
          />
        </section>
      )}
    </Layout>
  );
}

const lastReason = (found: Case, step: string) =>
  [...(found.history ?? [])].reverse().find((h) => h.step === step)?.reason;
