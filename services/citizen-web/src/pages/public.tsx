import { formatBytes, formatDate, formatDateTime, formatKip } from '../i18n/format';
import { pick, t, type Lang } from '../i18n/messages';
import { STATISTICS_DIMENSIONS, type AnswerFilters, type StatisticsDimension } from '../platform/portal';
import type { Answer, PublicStatistic, Service, Tracking } from '../platform/views';
import { Alert, Choice, Field, Layout, type PageContext } from './layout';
import { applicationStatus } from './status';

export function HomePage({ ctx }: { ctx: PageContext }) {
  const { lang } = ctx;
  const tiles: [string, string, string][] = [
    ['/services', t(lang, 'catalogue'), t(lang, 'homeApply')],
    ['/track', t(lang, 'track'), t(lang, 'homeTrack')],
    ['/complain', t(lang, 'complain'), t(lang, 'homeComplain')],
    ['/answers', t(lang, 'answers'), t(lang, 'homeAnswers')],
  ];
  return (
    <Layout ctx={ctx} title={t(lang, 'appName')}>
      <p class="lead">{t(lang, 'homeIntro')}</p>
      <ul class="tiles">
        {tiles.map(([href, title, text]) => (
          <li>
            <a href={href}>
              <strong>{title}</strong>
              <span>{text}</span>
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function CataloguePage(props: {
  ctx: PageContext;
  services: Service[];
  filters: { q?: string; ministry?: string; topic?: string };
  /** Codes with their names in the citizen's language (the identity block's ministries, registration's topics). */
  choices: { ministries: [string, string][]; topics: [string, string][] };
}) {
  const { ctx, filters, choices } = props;
  const { lang } = ctx;
  const named = (list: [string, string][], code: string) => list.find(([c]) => c === code)?.[1] ?? code;
  return (
    <Layout ctx={ctx} title={t(lang, 'catalogue')}>
      <form method="get" action="/services" class="filters" role="search">
        <Field id="q" label={t(lang, 'searchWords')}>
          {(describedBy) => (
            <input id="q" name="q" type="search" value={filters.q ?? ''} aria-describedby={describedBy} />
          )}
        </Field>
        <Choice
          id="topic"
          label={t(lang, 'lifeEvent')}
          all={t(lang, 'allTopics')}
          options={choices.topics}
          selected={filters.topic}
        />
        <Choice
          id="ministry"
          label={t(lang, 'ministry')}
          all={t(lang, 'allMinistries')}
          options={choices.ministries}
          selected={filters.ministry}
        />
        <button type="submit">{t(lang, 'search')}</button>
      </form>
      {props.services.length === 0 ? (
        <p>{t(lang, 'noServices')}</p>
      ) : (
        <ul class="cards">
          {props.services.map((service) => (
            <li>
              <h2>
                <a href={`/services/${service.code}`}>{pick(lang, service.names)}</a>
              </h2>
              <p>{pick(lang, service.descriptions)}</p>
              <p class="meta">
                {named(choices.ministries, service.ministry)} · {t(lang, 'workingDays', { n: service.slaWorkingDays })}{' '}
                · {service.fee.amount ? formatKip(lang, service.fee.amount) : t(lang, 'free')}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function ServicePage({
  ctx,
  service,
  ministry,
  topics,
}: {
  ctx: PageContext;
  service: Service;
  /** The ministry's name and the topics' in the citizen's language. */
  ministry: string;
  topics: string[];
}) {
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={pick(lang, service.names)}>
      <p class="lead">{pick(lang, service.descriptions)}</p>
      <dl class="facts">
        <dt>{t(lang, 'ministry')}</dt>
        <dd>{ministry}</dd>
        {topics.length > 0 && (
          <>
            <dt>{t(lang, 'lifeEvent')}</dt>
            <dd>{topics.join(', ')}</dd>
          </>
        )}
        <dt>{t(lang, 'fee')}</dt>
        <dd>{service.fee.amount ? formatKip(lang, service.fee.amount) : t(lang, 'free')}</dd>
        <dt>{t(lang, 'expectedTime')}</dt>
        <dd>{t(lang, 'workingDays', { n: service.slaWorkingDays })}</dd>
      </dl>
      <h2>{t(lang, 'documentsNeeded')}</h2>
      <ul>
        {service.documents.map((document) => (
          <li>
            {pick(lang, document.name)} ({t(lang, document.required ? 'required' : 'optional')}).{' '}
            <span class="hint">
              {t(lang, 'fileTypes', {
                types: document.mediaTypes.map((type) => type.split('/')[1].toUpperCase()).join(', '),
                size: formatBytes(lang, document.maxBytes),
              })}
            </span>
          </li>
        ))}
      </ul>
      {service.eligibility.length > 0 && (
        <>
          <h2>{t(lang, 'eligibility')}</h2>
          <ul>
            {service.eligibility.map((rule) => (
              <li>{pick(lang, rule)}</li>
            ))}
          </ul>
        </>
      )}
      {service.isExecutable && (
        <p>
          <a class="button" href={`/services/${service.code}/apply`}>
            {t(lang, ctx.signedIn ? 'applyNow' : 'signInToApply')}
          </a>
        </p>
      )}
    </Layout>
  );
}

export function TrackPage(props: {
  ctx: PageContext;
  code?: string;
  phone?: string;
  result?: Tracking;
  notFound?: boolean;
}) {
  const { ctx, result } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={t(lang, 'track')}>
      <p>{t(lang, 'trackIntro')}</p>
      {props.notFound && <Alert>{t(lang, 'notFoundTracking')}</Alert>}
      <form method="get" action="/track" class="stack">
        <Field id="code" label={t(lang, 'trackingCode')}>
          {(describedBy) => (
            <input
              id="code"
              name="code"
              required
              autocomplete="off"
              value={props.code ?? ''}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field id="phone" label={t(lang, 'phoneLast4')}>
          {(describedBy) => (
            <input
              id="phone"
              name="phone"
              required
              inputMode="numeric"
              pattern="[0-9]{4}"
              maxLength={4}
              autocomplete="off"
              value={props.phone ?? ''}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <button type="submit">{t(lang, 'show')}</button>
      </form>
      {result && (
        <section aria-labelledby="result">
          <h2 id="result">
            {pick(lang, result.service)} · {result.trackingCode}
          </h2>
          <dl class="facts">
            <dt>{t(lang, 'status')}</dt>
            <dd>
              <span class={`badge ${result.status.toLowerCase()}`}>{applicationStatus(lang, result.status)}</span>
            </dd>
            {result.reason && (
              <>
                <dt>{t(lang, 'sentBackReason')}</dt>
                <dd>{result.reason}</dd>
              </>
            )}
            {result.office && (
              <>
                <dt>{t(lang, 'office')}</dt>
                <dd>{result.office}</dd>
              </>
            )}
            {result.submittedAt && (
              <>
                <dt>{t(lang, 'submittedOn')}</dt>
                <dd>{formatDate(lang, result.submittedAt)}</dd>
              </>
            )}
            {result.expectedBy && !result.decidedAt && (
              <>
                <dt>{t(lang, 'expectedBy')}</dt>
                <dd>{formatDate(lang, result.expectedBy)}</dd>
              </>
            )}
            {result.decidedAt && (
              <>
                <dt>{t(lang, 'decidedOn')}</dt>
                <dd>{formatDate(lang, result.decidedAt)}</dd>
              </>
            )}
          </dl>
          <History
            lang={lang}
            items={result.history.map((h) => ({ at: h.at, text: applicationStatus(lang, h.status), detail: h.office }))}
          />
        </section>
      )}
    </Layout>
  );
}

/** A history, newest last, as an ordered list (read in order by screen readers). */
export function History(props: { lang: Lang; items: { at: string; text: string; detail?: string }[] }) {
  if (!props.items.length) return null;
  return (
    <>
      <h2>{t(props.lang, 'history')}</h2>
      <ol class="history">
        {props.items.map((item) => (
          <li>
            <time dateTime={item.at}>{formatDateTime(props.lang, item.at)}</time> <span>{item.text}</span>
            {item.detail && <span class="hint"> · {item.detail}</span>}
          </li>
        ))}
      </ol>
    </>
  );
}

/**
 * The hotline's public statistics as a bar chart that is also a table: each row's counts in words, the bars drawn
 * by the stylesheet (no script), counts from 1 to 4 shown as "1-4" without a bar (suppressed by the feedback block).
 */
export function StatisticsChart(props: {
  ctx: PageContext;
  by: StatisticsDimension;
  rows: PublicStatistic[];
  names: [string, string][];
  /** The address of the same page by another dimension. */
  link: (by: StatisticsDimension) => string;
}) {
  const { lang } = props.ctx;
  const widest = Math.max(1, ...props.rows.map((row) => row.received ?? 0));
  const count = (value: number | null) => (value === null ? t(lang, 'fewerThanFive') : String(value));
  const name = (key: string | null) =>
    key === null ? t(lang, 'notGiven') : (props.names.find(([code]) => code === key)?.[1] ?? key);
  const rows = [...props.rows].sort((a, b) => (b.received ?? 2.5) - (a.received ?? 2.5));
  return (
    <section aria-labelledby="in-numbers" class="in-numbers">
      <h2 id="in-numbers">{t(lang, 'inNumbers')}</h2>
      <nav aria-label={t(lang, 'inNumbersBy')} class="tabs">
        {STATISTICS_DIMENSIONS.map((by) =>
          by === props.by ? (
            <strong aria-current="page">{t(lang, by)}</strong>
          ) : (
            <a href={props.link(by)}>{t(lang, by)}</a>
          ),
        )}
      </nav>
      {rows.length === 0 ? (
        <p>{t(lang, 'noCasesYet')}</p>
      ) : (
        <table class="bars">
          <caption>{t(lang, 'inNumbersCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, props.by)}</th>
              <th scope="col">{t(lang, 'received')}</th>
              <th scope="col">{t(lang, 'answeredCount')}</th>
              <th scope="col">{t(lang, 'publishedCount')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                <th scope="row">{name(row.key)}</th>
                <td>
                  {row.received !== null && (
                    <span
                      class="bar"
                      aria-hidden="true"
                      style={`width:${Math.max(2, Math.round((row.received / widest) * 100))}%`}
                    />
                  )}
                  <span class="count">{count(row.received)}</span>
                </td>
                <td>{count(row.answered)}</td>
                <td>{count(row.published)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function AnswersPage(props: {
  ctx: PageContext;
  filters: AnswerFilters;
  /** The public statistics over the filters' period, by the dimension chosen; absent when the block did not answer. */
  statistics?: { by: StatisticsDimension; rows: PublicStatistic[] };
  choices: { topics: [string, string][]; ministries: [string, string][]; provinces: [string, string][] };
  items: Answer[];
  total: number;
  page: number;
  pageSize: number;
}) {
  const { ctx, filters, choices } = props;
  const { lang } = ctx;
  const link = (page: number) =>
    `/answers?${new URLSearchParams({
      ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value)),
      page: String(page),
    })}`;
  const name = (list: [string, string][], code?: string) => (code && list.find(([c]) => c === code)?.[1]) ?? code;
  return (
    <Layout ctx={ctx} title={t(lang, 'answers')}>
      <p>{t(lang, 'answersIntro')}</p>
      <form method="get" action="/answers" role="search" class="filters">
        <Field id="q" label={t(lang, 'searchWords')}>
          {(describedBy) => (
            <input id="q" name="q" type="search" value={filters.q ?? ''} aria-describedby={describedBy} />
          )}
        </Field>
        {(
          [
            ['topic', 'allTopics', choices.topics],
            ['ministry', 'allMinistries', choices.ministries],
            ['province', 'allProvinces', choices.provinces],
          ] as const
        ).map(([id, all, options]) => (
          <Choice id={id} label={t(lang, id)} all={t(lang, all)} options={options} selected={filters[id]} />
        ))}
        <div class="dates">
          {(
            [
              ['from', 'publishedFrom'],
              ['to', 'publishedTo'],
            ] as const
          ).map(([id, label]) => (
            <Field id={id} label={t(lang, label)}>
              {(describedBy) => (
                <input id={id} name={id} type="date" value={filters[id] ?? ''} aria-describedby={describedBy} />
              )}
            </Field>
          ))}
        </div>
        <button type="submit">{t(lang, 'search')}</button>
      </form>
      <p role="status">{t(lang, 'results', { n: props.total })}</p>
      {props.items.length === 0 ? (
        <p>{t(lang, 'noAnswers')}</p>
      ) : (
        <ul class="cards">
          {props.items.map((answer) => (
            <li>
              <article>
                <h2>{(lang === 'en' && answer.questionEn) || answer.questionLo}</h2>
                <p>{(lang === 'en' && answer.answerEn) || answer.answerLo}</p>
                <p class="meta">
                  {[
                    answer.caseNumber,
                    name(choices.topics, answer.topic),
                    name(choices.ministries, answer.ministry),
                    name(choices.provinces, answer.province),
                  ]
                    .filter(Boolean)
                    .join(' · ')}{' '}
                  · {t(lang, 'publishedOn')}{' '}
                  <time dateTime={answer.publishedAt}>{formatDate(lang, answer.publishedAt)}</time>
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}
      <nav class="pager" aria-label={t(lang, 'pageOf', { page: props.page })}>
        {props.page > 1 && <a href={link(props.page - 1)}>{t(lang, 'previous')}</a>}
        {props.page * props.pageSize < props.total && <a href={link(props.page + 1)}>{t(lang, 'next')}</a>}
      </nav>
      {props.statistics && (
        <StatisticsChart
          ctx={ctx}
          by={props.statistics.by}
          rows={props.statistics.rows}
          names={
            props.statistics.by === 'topic'
              ? choices.topics
              : props.statistics.by === 'ministry'
                ? choices.ministries
                : choices.provinces
          }
          link={(by) =>
            `/answers?${new URLSearchParams({
              ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value)),
              by,
            })}#in-numbers`
          }
        />
      )}
    </Layout>
  );
}

export function ErrorPage(props: { ctx: PageContext; title: string; detail?: string }) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      {props.detail && <p>{props.detail}</p>}
      <p>
        <a href="/">{t(props.ctx.lang, 'backHome')}</a>
      </p>
    </Layout>
  );
}
