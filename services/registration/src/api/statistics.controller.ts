import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { Returns } from '@onedoor/http';
import { StatisticsQuery } from '../application/queries/statistics.query';
import { StatisticsQueryDto } from './registration.dto';
import { STATISTICS } from './schemas';

/**
 * GovStack's statistics: applications by service, status, office and province, and decisions against the
 * service-level target (decided by the date the workflow block set from working days and holidays).
 */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('data')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsQuery) {}

  @Get('statistics')
  @Returns(STATISTICS)
  @RequireRoles(ROLES.registrationOfficer, ROLES.registrationAdmin, ROLES.platformOperator)
  @ApiOperation({ summary: 'Counts by service, status, office and province; processing time against target' })
  get(@Query() query: StatisticsQueryDto, @CurrentCaller() caller: Caller) {
    return this.statistics.execute(caller, query);
  }
}
