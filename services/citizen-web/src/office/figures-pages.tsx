import { formatDate } from '../i18n/format';
import { Field, Layout, type PageContext } from '../pages/layout';
import type { ApplicationStatistics, CaseReportRow } from './desk';
import { ot, type OfficeKey } from './office-messages';

/** A chart that is also a table: one bar per row, its number written beside it (no script; read as a table). */
export function BarChart(props: {
  lang: PageContext['lang'];
  id: string;
  title: string;
  keyLabel: string;
  valueLabel: string;
  rows: { label: string; value: number; more?: (string | number)[] }[];
  moreLabels?: string[];
}) {
  const { lang } = props;
  const widest = Math.max(1, ...props.rows.map((row) => row.value));
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.rows.length === 0 ? (
        <p>{ot(lang, 'noFigures')}</p>
      ) : (
        <table class="bars">
          <caption>{ot(lang, 'chartCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{props.keyLabel}</th>
              <th scope="col">{props.valueLabel}</th>
              {props.moreLabels?.map((label) => (
                <th scope="col">{label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr>
                <th scope="row">{row.label}</th>
                <td>
                  <span
                    class="bar"
                    aria-hidden="true"
                    style={`width:${Math.max(2, Math.round((row.value / widest) * 100))}%`}
                  />
                  <span class="count">{row.value}</span>
                </td>
                {row.more?.map((value) => (
                  <td>{value}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The period's form: from and to (Vientiane days), and the same figures as CSV. */
function PeriodForm(props: {
  lang: PageContext['lang'];
  action: string;
  from?: string;
  to?: string;
  children?: preact.ComponentChildren;
  csv: string;
}) {
  const { lang } = props;
  return (
    <>
      <form method="get" action={props.action} class="filters">
        <fieldset>
          <legend>{ot(lang, 'period')}</legend>
          <Field id="from" label={ot(lang, 'from')}>
            {() => <input id="from" name="from" type="date" value={props.from ?? ''} />}
          </Field>
          <Field id="to" label={ot(lang, 'to')}>
            {() => <input id="to" name="to" type="date" value={props.to ?? ''} />}
          </Field>
        </fieldset>
        {props.children}
        <button type="submit" class="button secondary">
          {ot(lang, 'show')}
        </button>
      </form>
      <p>
        <a href={props.csv} download>
          {ot(lang, 'downloadCsv')}
        </a>
      </p>
    </>
  );
}

const COUNTS: [keyof ApplicationStatistics & `by${string}`, OfficeKey][] = [
  ['byOffice', 'byOffice'],
  ['byService', 'byService'],
  ['byStatus', 'byStatus'],
  ['byProvince', 'byProvince'],
];

/** The one-door figures for the unit's ministry (and province): open, overdue, counts, time against target. */
export function StatisticsPage(props: {
  ctx: PageContext;
  figures: ApplicationStatistics;
  period: { from?: string; to?: string };
  names: (table: string, key: string) => string;
}) {
  const { ctx, figures } = props;
  const { lang } = ctx;
  const query = new URLSearchParams({ ...props.period, format: 'csv' } as Record<string, string>);
  return (
    <Layout ctx={ctx} title={ot(lang, 'statistics')}>
      <PeriodForm
        lang={lang}
        action="/office/statistics"
        from={props.period.from}
        to={props.period.to}
        csv={`/office/statistics?${query}`}
      />
      <dl class="facts big">
        <dt>{ot(lang, 'openApplications')}</dt>
        <dd>{figures.open}</dd>
        <dt>{ot(lang, 'overdueApplications')}</dt>
        <dd>{figures.overdue}</dd>
      </dl>
      {COUNTS.map(([table, title]) => (
        <BarChart
          lang={lang}
          id={table}
          title={ot(lang, title)}
          keyLabel={ot(lang, title)}
          valueLabel={ot(lang, 'count')}
          rows={figures[table].map((row) => ({ label: props.names(table, row.key), value: row.count }))}
        />
      ))}
      <BarChart
        lang={lang}
        id="processing"
        title={ot(lang, 'processing')}
        keyLabel={ot(lang, 'byService')}
        valueLabel={ot(lang, 'decided')}
        moreLabels={[ot(lang, 'averageDays'), ot(lang, 'withinTarget'), ot(lang, 'pastTarget')]}
        rows={figures.processing.map((row) => ({
          label: props.names('byService', row.serviceCode),
          value: row.decided,
          more: [row.averageDays, row.withinTarget, row.pastTarget],
        }))}
      />
      <p class="hint">
        {formatDate(lang, figures.from === '1970-01-01' ? undefined : figures.from)} –{' '}
        {formatDate(lang, figures.to === '9999-12-31' ? undefined : figures.to)}
      </p>
    </Layout>
  );
}

export const REPORT_DIMENSIONS = ['topic', 'ministry', 'province', 'channel', 'unit', 'kind', 'finding'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** The hotline's cases by a dimension: received, answered on time, overdue per unit, as a chart and CSV. */
export function ReportsPage(props: {
  ctx: PageContext;
  by: ReportDimension;
  rows: CaseReportRow[];
  period: { from?: string; to?: string };
  name: (key: string | null) => string;
}) {
  const { ctx } = props;
  const { lang } = ctx;
  const query = new URLSearchParams({ ...props.period, by: props.by, format: 'csv' } as Record<string, string>);
  return (
    <Layout ctx={ctx} title={ot(lang, 'reports')}>
      <PeriodForm
        lang={lang}
        action="/office/reports"
        from={props.period.from}
        to={props.period.to}
        csv={`/office/reports?${query}`}
      >
        <Field id="by" label={ot(lang, 'reportBy')}>
          {() => (
            <select id="by" name="by">
              {REPORT_DIMENSIONS.map((by) => (
                <option value={by} selected={by === props.by}>
                  {ot(lang, `dim_${by}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </PeriodForm>
      <BarChart
        lang={lang}
        id="received"
        title={`${ot(lang, 'receivedCount')} · ${ot(lang, `dim_${props.by}`)}`}
        keyLabel={ot(lang, `dim_${props.by}`)}
        valueLabel={ot(lang, 'receivedCount')}
        moreLabels={[ot(lang, 'answeredCount'), ot(lang, 'answeredOnTime'), ot(lang, 'medianDays')]}
        rows={props.rows.map((row) => ({
          label: props.name(row.key),
          value: row.received,
          more: [row.answered, row.answeredWithinTarget, row.medianDaysToAnswer ?? '–'],
        }))}
      />
      <BarChart
        lang={lang}
        id="overdue"
        title={`${ot(lang, 'overdueCount')} · ${ot(lang, `dim_${props.by}`)}`}
        keyLabel={ot(lang, `dim_${props.by}`)}
        valueLabel={ot(lang, 'overdueCount')}
        rows={props.rows
          .filter((row) => row.overdue > 0)
          .map((row) => ({ label: props.name(row.key), value: row.overdue }))}
      />
    </Layout>
  );
}
