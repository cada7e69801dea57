import { Body, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { Delete, Put, Returns, schema } from '@onedoor/http';
import { SaveEndpoint } from '../application/keep-endpoints/keep-endpoints.command';
import { KeepEndpointsHandler } from '../application/keep-endpoints/keep-endpoints.handler';
import { SaveEventMapping } from '../application/keep-event-mappings/keep-event-mappings.command';
import { KeepEventMappingsHandler } from '../application/keep-event-mappings/keep-event-mappings.handler';
import { KeepHolidaysHandler } from '../application/keep-holidays/keep-holidays.handler';
import { SaveRoutingRule } from '../application/keep-routing-table/keep-routing-table.command';
import { KeepRoutingTableHandler } from '../application/keep-routing-table/keep-routing-table.handler';
import { RoutingQueries } from '../application/queries/routing.queries';
import { ruleView } from './views';
import { EndpointDto, EventMappingDto, HolidayDto, RouteQuery, RoutingRuleDto } from './workflow.dto';
import { DECISION, DELETED, ENDPOINT, HOLIDAY, MAPPING, RULE } from './schemas';

/** Data that changes how cases move without a redeployment: routing table, holiday calendar, event mappings. */
@ApiTags('routing, holidays and event mappings')
@ApiBearerAuth()
@Controller()
export class RoutingController {
  constructor(
    private readonly queries: RoutingQueries,
    private readonly endpointsKept: KeepEndpointsHandler,
    private readonly rulesKept: KeepRoutingTableHandler,
    private readonly holidaysKept: KeepHolidaysHandler,
    private readonly mappingsKept: KeepEventMappingsHandler,
  ) {}

  @Get('endpoints')
  @Returns(schema.array(ENDPOINT))
  @RequireRoles(ROLES.workflowAdmin, ROLES.platformOperator)
  @ApiOperation({ summary: 'Endpoints processes may call (service tasks with onedoor:call)' })
  endpoints() {
    return this.queries.endpoints();
  }

  @Put('endpoints/:name')
  @Returns(ENDPOINT)
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Register or change an endpoint; processes call it by name' })
  saveEndpoint(@Param('name') name: string, @Body() body: EndpointDto, @CurrentCaller() caller: Caller) {
    return this.endpointsKept.save(SaveEndpoint.create({ name, url: body.url, auth: body.auth, caller }));
  }

  @Delete('endpoints/:name')
  @Returns(DELETED)
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Remove an endpoint (processes that call it stop at that step until it is back)' })
  async deleteEndpoint(@Param('name') name: string, @CurrentCaller() caller: Caller) {
    await this.endpointsKept.delete(name, caller);
    return { deleted: name };
  }

  @Get('routing-rules')
  @Returns(schema.array(RULE))
  @RequireRoles(ROLES.workflowAdmin, ROLES.workflowStarter, ROLES.platformOperator)
  @ApiOperation({ summary: 'The routing table: (category, province, district) → responsible unit' })
  async rules(@Query('category') category?: string) {
    return (await this.queries.rules(category)).map(ruleView);
  }

  @Get('routing-rules/:id')
  @Returns(RULE)
  @RequireRoles(ROLES.workflowAdmin, ROLES.workflowStarter, ROLES.platformOperator)
  @ApiOperation({ summary: 'One routing rule' })
  async rule(@Param('id') id: string) {
    return ruleView(await this.queries.rule(id));
  }

  @Put('routing-rules/:id')
  @Returns(RULE)
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Add or change a routing rule (the next routed case uses it)' })
  async saveRule(@Param('id') id: string, @Body() body: RoutingRuleDto, @CurrentCaller() caller: Caller) {
    const command = SaveRoutingRule.create({
      id,
      category: body.category,
      province: body.province,
      district: body.district,
      unit: body.unit,
      caller,
    });
    return ruleView(await this.rulesKept.save(command));
  }

  @Delete('routing-rules/:id')
  @Returns(DELETED)
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Remove a routing rule' })
  async deleteRule(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    await this.rulesKept.delete(id, caller);
    return { deleted: id };
  }

  @Get('routing/decision')
  @Returns(DECISION)
  @RequireRoles(ROLES.workflowAdmin, ROLES.workflowStarter, ROLES.platformOperator)
  @ApiOperation({ summary: 'Which unit the table routes a case to (the most specific rule wins)' })
  decide(@Query() query: RouteQuery) {
    return this.queries.decide(query.category, query.province, query.district);
  }

  @Get('holidays')
  @Returns(schema.array(HOLIDAY))
  @ApiOperation({ summary: 'Public holidays: deadlines count working days without them' })
  holidays(@Query('year') year?: string) {
    return this.queries.holidays(year);
  }

  @Get('holidays/:date')
  @Returns(HOLIDAY)
  @ApiOperation({ summary: 'One public holiday (YYYY-MM-DD)' })
  holiday(@Param('date') date: string) {
    return this.queries.holiday(date);
  }

  @Put('holidays/:date')
  @Returns(HOLIDAY)
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Add or rename a public holiday (YYYY-MM-DD)' })
  saveHoliday(@Param('date') date: string, @Body() body: HolidayDto, @CurrentCaller() caller: Caller) {
    return this.holidaysKept.save(date, body.name, caller);
  }

  @Delete('holidays/:date')
  @Returns(DELETED)
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Remove a public holiday' })
  async deleteHoliday(@Param('date') date: string, @CurrentCaller() caller: Caller) {
    await this.holidaysKept.delete(date, caller);
    return { deleted: date };
  }

  @Get('event-mappings')
  @Returns(schema.array(MAPPING))
  @RequireRoles(ROLES.workflowAdmin, ROLES.workflowStarter, ROLES.platformOperator)
  @ApiOperation({ summary: 'What other blocks’ events do here: start a process, or deliver a message' })
  mappings() {
    return this.queries.mappings();
  }

  @Put('event-mappings/:id')
  @Returns(MAPPING)
  @RequireRoles(ROLES.workflowAdmin, ROLES.workflowStarter)
  @ApiOperation({ summary: 'Declare what an event does (by the block that owns the event, or an administrator)' })
  saveMapping(@Param('id') id: string, @Body() body: EventMappingDto, @CurrentCaller() caller: Caller) {
    return this.mappingsKept.save(SaveEventMapping.create({ id, ...body, caller }));
  }

  @Delete('event-mappings/:id')
  @Returns(DELETED)
  @RequireRoles(ROLES.workflowAdmin, ROLES.workflowStarter)
  @ApiOperation({ summary: 'Remove an event mapping' })
  async deleteMapping(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    await this.mappingsKept.delete(id, caller);
    return { deleted: id };
  }
}
