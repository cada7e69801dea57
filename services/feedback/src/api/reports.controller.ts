import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '@onedoor/application';
import { CurrentCaller, Public, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { Returns, schema as s } from '@onedoor/http';
import { REPORT_DIMENSIONS, type ReportDimension } from '../application/ports';
import { periodOf, ReportsQueries, type PublicDimension } from '../application/reports/reports.queries';

class PeriodQuery {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'From this day (Vientiane); the last 365 days by default',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'To this day, included' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv: a spreadsheet (UTF-8)' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

class CasesReportQuery extends PeriodQuery {
  @ApiPropertyOptional({ enum: REPORT_DIMENSIONS, default: 'topic' })
  @IsOptional()
  @IsIn(REPORT_DIMENSIONS)
  by?: ReportDimension;
}

class RatingsReportQuery extends PeriodQuery {
  @ApiPropertyOptional({ enum: ['service', 'unit', 'month'], default: 'service' })
  @IsOptional()
  @IsIn(['service', 'unit', 'month'])
  by?: 'service' | 'unit' | 'month';
}

class StatisticsQuery extends PeriodQuery {
  @ApiPropertyOptional({ enum: ['topic', 'ministry', 'province', 'kind'], default: 'topic' })
  @IsOptional()
  @IsIn(['topic', 'ministry', 'province', 'kind'])
  by?: PublicDimension;
}

const count = s.nullable(s.integer);
const CASE_ROW = s.object({
  key: s.nullable(s.string()),
  received: s.integer,
  open: s.integer,
  answered: s.integer,
  published: s.integer,
  rejected: s.integer,
  merged: s.integer,
  reopened: s.integer,
  appealed: s.integer,
  answeredWithinTarget: s.integer,
  overdue: s.integer,
  medianDaysToAnswer: s.nullable(s.number),
});
const RATING_ROW = s.object({
  key: s.nullable(s.string()),
  ratings: s.integer,
  average: s.nullable(s.number),
  satisfied: s.integer,
});
const PUBLIC_ROW = s.object({
  key: s.nullable(s.string()),
  received: count,
  answered: count,
  published: count,
  answeredWithinTarget: count,
  medianDaysToAnswer: s.nullable(s.number),
});

/** JSON as is; CSV with a header row and a byte-order mark (spreadsheets read Lao as UTF-8). */
function answer(response: Response, format: 'json' | 'csv' | undefined, name: string, rows: object[]) {
  if (format !== 'csv') return rows;
  response.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  const columns = rows.length ? Object.keys(rows[0]) : ['key'];
  return `\uFEFF${stringify(rows as Record<string, unknown>[], { header: true, columns })}`;
}

/** The hotline's reports and the public statistics, as JSON or CSV. */
@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsQueries) {}

  @Get('reports/cases')
  @ApiBearerAuth()
  @RequireRoles(ROLES.feedbackOffice, ROLES.feedbackHandler)
  @ApiOperation({
    summary:
      'Cases by kind, topic, ministry, province, channel, finding or unit: received, open, answered (on target), published, rejected, merged, reopened, appealed, overdue, median days to answer',
  })
  @Returns(s.array(CASE_ROW))
  async cases(
    @Query() query: CasesReportQuery,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const rows = await this.reports.cases(caller, query.by ?? 'topic', periodOf(query.from, query.to));
    return answer(response, query.format, `hotline-cases-by-${query.by ?? 'topic'}`, rows);
  }

  @Get('reports/ratings')
  @ApiBearerAuth()
  @RequireRoles(ROLES.feedbackOffice, ROLES.registrationOverseer, ROLES.registrationAdmin)
  @ApiOperation({
    summary: "Service ratings by service, centre (unit) or month: count, average, satisfied (4–5); a ministry's own",
  })
  @Returns(s.array(RATING_ROW))
  async ratings(
    @Query() query: RatingsReportQuery,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const rows = await this.reports.ratings(caller, query.by ?? 'service', periodOf(query.from, query.to));
    return answer(response, query.format, `service-ratings-by-${query.by ?? 'service'}`, rows);
  }

  @Public()
  @Get('statistics')
  @ApiOperation({
    summary:
      "The hotline's public statistics, for the government's website: by topic, ministry, province or kind; counts from 1 to 4 are suppressed (null)",
  })
  @Returns(s.array(PUBLIC_ROW))
  async statistics(@Query() query: StatisticsQuery, @Res({ passthrough: true }) response: Response) {
    const rows = await this.reports.publicStatistics(query.by ?? 'topic', periodOf(query.from, query.to));
    return answer(response, query.format, `hotline-statistics-by-${query.by ?? 'topic'}`, rows);
  }
}
