import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentCaller, hasRole, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { StatisticsQuery } from '../registration.dto';

/**
 * GovStack's statistics: applications by service, status, office and province, and decisions against the
 * service-level target (decided by the date the workflow block set from working days and holidays). Officers
 * and ministry administrators see their ministry's (and province's) figures; operators see all.
 */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('data')
export class StatisticsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('statistics')
  @RequireRoles(ROLES.registrationOfficer, ROLES.registrationAdmin, ROLES.platformOperator)
  @ApiOperation({ summary: 'Counts by service, status, office and province; processing time against target' })
  async statistics(@Query() query: StatisticsQuery, @CurrentCaller() caller: Caller) {
    const everything = hasRole(caller, ROLES.platformOperator);
    const params = [
      query.from ?? '1970-01-01',
      query.to ?? '9999-12-31',
      everything ? null : (caller.ministry ?? null),
      everything ? null : (caller.province ?? null),
    ];
    const scope = `status <> 'DRAFT' AND submitted_at >= $1::date AND submitted_at < $2::date + 1
      AND ($3::text IS NULL OR ministry = $3) AND ($4::text IS NULL OR province = $4)`;
    const count = (column: string) =>
      this.dataSource.query(
        `SELECT ${column} AS key, count(*)::int AS count FROM registration.applications WHERE ${scope} GROUP BY 1 ORDER BY 2 DESC, 1`,
        params,
      );
    const [byService, byStatus, byOffice, byProvince, processing] = await Promise.all([
      count('service_code'),
      count('status'),
      count(`coalesce(unit, 'unrouted')`),
      count(`coalesce(province, 'unknown')`),
      this.dataSource.query(
        `SELECT service_code AS "serviceCode", count(*)::int AS decided,
                round(avg(extract(epoch FROM decided_at - submitted_at)) / 86400, 2)::float AS "averageDays",
                count(*) FILTER (WHERE expected_by IS NOT NULL AND decided_at <= expected_by)::int AS "withinTarget",
                count(*) FILTER (WHERE expected_by IS NOT NULL AND decided_at > expected_by)::int AS "pastTarget"
           FROM registration.applications WHERE ${scope} AND decided_at IS NOT NULL GROUP BY 1 ORDER BY 1`,
        params,
      ),
    ]);
    const [{ open, overdue }] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status IN ('PENDING', 'SENDBACK'))::int AS open,
              count(*) FILTER (WHERE status IN ('PENDING', 'SENDBACK') AND expected_by < now())::int AS overdue
         FROM registration.applications WHERE ${scope}`,
      params,
    );
    return { from: params[0], to: params[1], open, overdue, byService, byStatus, byOffice, byProvince, processing };
  }
}
