import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Reports, type CaseReportRow, type RatingReportRow, type ReportDimension } from '../application/ports';

/** The column of each dimension: a fixed list, never the caller's text. */
const COLUMNS: Record<ReportDimension, string> = {
  kind: 'c.kind',
  topic: 'c.topic',
  ministry: 'c.ministry',
  province: 'c.province',
  channel: 'c.channel',
  finding: 'c.finding',
  unit: 'c.unit',
};
const RATING_KEYS = {
  service: 'd.service_code',
  unit: 'd.unit',
  month: `to_char(r.rated_at AT TIME ZONE 'Asia/Vientiane', 'YYYY-MM')`,
} as const;
const SETTLED = `('RESPONDED','PUBLISHED','NOT_PUBLISHED','CLOSED','REJECTED','MERGED')`;
/** Weekdays from the day after `a` to `b` (the holiday calendar is the workflow block's; weekends only here). */
const weekdays = (a: string, b: string) =>
  `(SELECT count(*) FROM generate_series((${a})::date + 1, (${b})::date, interval '1 day') d WHERE extract(isodow FROM d) < 6)`;

/** Reports as SQL aggregates over `feedback.cases`, its history and the ratings, in Vientiane's calendar days. */
@Injectable()
export class ReportsRepository extends Reports {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async cases(
    by: ReportDimension,
    filter: { from: string; to: string; unit?: string; targetWorkingDays: number },
  ): Promise<CaseReportRow[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `WITH picked AS (
         SELECT * FROM feedback.cases c
          WHERE c.created_at >= ($1::date)::timestamp AT TIME ZONE 'Asia/Vientiane'
            AND c.created_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Vientiane'
            AND ($3::text IS NULL OR c.unit = $3)
       ), steps AS (
         SELECT h.case_id, bool_or(h.step = 'reopen') AS reopened, bool_or(h.step = 'appeal') AS appealed,
                min(h.at) FILTER (WHERE h.step = 'acceptResponse') AS answered_at
           FROM feedback.case_history h JOIN picked p ON p.id = h.case_id GROUP BY h.case_id
       )
       SELECT ${COLUMNS[by]} AS key,
              count(*)::int AS received,
              count(*) FILTER (WHERE c.state NOT IN ${SETTLED})::int AS open,
              count(s.answered_at)::int AS answered,
              count(*) FILTER (WHERE c.published_at IS NOT NULL)::int AS published,
              count(*) FILTER (WHERE c.state = 'REJECTED')::int AS rejected,
              count(*) FILTER (WHERE c.state = 'MERGED')::int AS merged,
              count(*) FILTER (WHERE s.reopened)::int AS reopened,
              count(*) FILTER (WHERE s.appealed)::int AS appealed,
              count(*) FILTER (WHERE s.answered_at IS NOT NULL
                AND ${weekdays('c.created_at', 's.answered_at')} <= $4)::int AS "answeredWithinTarget",
              count(*) FILTER (WHERE c.state NOT IN ${SETTLED}
                AND ${weekdays('c.created_at', 'now()')} > $4)::int AS overdue,
              round((percentile_cont(0.5) WITHIN GROUP (
                ORDER BY extract(epoch FROM s.answered_at - c.created_at) / 86400))::numeric, 1)::float AS "medianDaysToAnswer"
         FROM picked c LEFT JOIN steps s ON s.case_id = c.id
        GROUP BY 1 ORDER BY received DESC, key NULLS LAST
        LIMIT 1000`,
      [filter.from, filter.to, filter.unit ?? null, filter.targetWorkingDays],
    );
    return rows as unknown as CaseReportRow[];
  }

  async ratings(
    by: 'service' | 'unit' | 'month',
    filter: { from: string; to: string; ministry?: string },
  ): Promise<RatingReportRow[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${RATING_KEYS[by]} AS key, count(*)::int AS ratings,
              round(avg(r.score)::numeric, 2)::float AS average,
              count(*) FILTER (WHERE r.score >= 4)::int AS satisfied
         FROM feedback.ratings r JOIN feedback.decided_applications d ON d.application_id = r.application_id
        WHERE r.rated_at >= ($1::date)::timestamp AT TIME ZONE 'Asia/Vientiane'
          AND r.rated_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Vientiane'
          AND ($3::text IS NULL OR d.ministry = $3)
        GROUP BY 1 ORDER BY ratings DESC, key NULLS LAST
        LIMIT 1000`,
      [filter.from, filter.to, filter.ministry ?? null],
    );
    return rows as unknown as RatingReportRow[];
  }
}
