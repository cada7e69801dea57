import { Injectable } from '@nestjs/common';
import { hasRole, ROLES, type Caller } from '@onedoor/contracts';
import { FeedbackError, FeedbackErrorCode, officeOf, STAGE_DEADLINES } from '../../domain';
import { Reports, type CaseReportRow, type ReportDimension } from '../ports';

/** A case is answered on target within the triage, verification and review stages' working days together. */
export const TARGET_WORKING_DAYS = STAGE_DEADLINES.triage + STAGE_DEADLINES.verification + STAGE_DEADLINES.review;
/** Public statistics show no count from 1 to this, lest a person be recognised in a small group. */
export const SUPPRESS_BELOW = 5;

export type PublicDimension = 'topic' | 'ministry' | 'province' | 'kind';

export interface Period {
  from: string;
  to: string;
}

const DAY = 86_400_000;

/**
 * The period asked, or the last 365 days; never backwards, never over 3 years. Dates are days of Vientiane's
 * calendar, as the reports count them: today is Vientiane's today (from 17:00 UTC, a day ahead of UTC's).
 */
export function periodOf(from: string | undefined, to: string | undefined, today = new Date()): Period {
  const end = to ?? today.toLocaleDateString('en-CA', { timeZone: 'Asia/Vientiane' });
  const start = from ?? new Date(Date.parse(end) - 364 * DAY).toISOString().slice(0, 10);
  const days = (Date.parse(end) - Date.parse(start)) / DAY;
  if (days < 0 || days > 3 * 366) {
    throw new FeedbackError(FeedbackErrorCode.VALIDATION_FAILED, 'from: on or before to, at most 3 years before', [
      { field: 'from', message: 'on or before to, at most 3 years before' },
    ]);
  }
  return { from: start, to: end };
}

/**
 * Reports on the hotline and on service ratings. The Office sees every case; a unit's officers their unit's; a
 * ministry's overseers and administrators its services' ratings. The public statistics are the counts anyone may
 * read, each from 1 to 4 suppressed.
 */
@Injectable()
export class ReportsQueries {
  constructor(private readonly reports: Reports) {}

  async cases(caller: Caller, by: ReportDimension, period: Period): Promise<CaseReportRow[]> {
    if (officeOf(caller)) return this.reports.cases(by, { ...period, targetWorkingDays: TARGET_WORKING_DAYS });
    if (hasRole(caller, ROLES.feedbackHandler) && caller.unit) {
      return this.reports.cases(by, { ...period, unit: caller.unit, targetWorkingDays: TARGET_WORKING_DAYS });
    }
    throw new FeedbackError(FeedbackErrorCode.FORBIDDEN, 'Reports are the Office’s, and a unit’s for its own cases.');
  }

  async ratings(caller: Caller, by: 'service' | 'unit' | 'month', period: Period) {
    if (officeOf(caller)) return this.reports.ratings(by, period);
    const ministryRole = hasRole(caller, ROLES.registrationOverseer) || hasRole(caller, ROLES.registrationAdmin);
    if (ministryRole && caller.ministry) return this.reports.ratings(by, { ...period, ministry: caller.ministry });
    throw new FeedbackError(
      FeedbackErrorCode.FORBIDDEN,
      "Ratings are the Office's, and a ministry's for its services.",
    );
  }

  /** Received, answered and published cases by a public dimension, with small counts suppressed (null). */
  async publicStatistics(by: PublicDimension, period: Period) {
    const rows = await this.reports.cases(by, { ...period, targetWorkingDays: TARGET_WORKING_DAYS });
    const shown = (count: number) => (count > 0 && count < SUPPRESS_BELOW ? null : count);
    return rows.map((row) => ({
      key: row.key,
      received: shown(row.received),
      answered: shown(row.answered),
      published: shown(row.published),
      answeredWithinTarget: shown(row.answeredWithinTarget),
      medianDaysToAnswer: row.answered >= SUPPRESS_BELOW ? row.medianDaysToAnswer : null,
    }));
  }
}
