import { Body, Controller, Delete, Get, HttpStatus, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { ProblemException } from '@onedoor/http';
import { InstanceEngine } from '../instances/instance-engine';
import { Endpoint, EventMapping, Holiday, RoutingRule } from '../workflow.entities';
import { EndpointDto, EventMappingDto, HolidayDto, RouteQuery, RoutingRuleDto } from '../workflow.dto';
import { EndpointCalls } from '../instances/endpoint-calls';

const ID = /^[a-z0-9][a-z0-9-]{1,99}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkId(id: string) {
  if (!ID.test(id)) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      'PLATFORM.VALIDATION_FAILED',
      'id: 2–100 lower-case letters, digits and -',
      [{ field: 'id', message: '2–100 lower-case letters, digits and -' }],
    );
  }
}

const ruleView = (rule: RoutingRule) => ({ ...rule, province: rule.province || null, district: rule.district || null });

/** Data that changes how cases move without a redeployment: routing table, holiday calendar, event mappings. */
@ApiTags('routing, holidays and event mappings')
@ApiBearerAuth()
@Controller()
export class RoutingController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: InstanceEngine,
    private readonly calls: EndpointCalls,
  ) {}

  @Get('endpoints')
  @RequireRoles(ROLES.workflowAdmin, ROLES.platformOperator)
  @ApiOperation({ summary: 'Endpoints processes may call (service tasks with onedoor:call)' })
  endpoints() {
    return this.dataSource.getRepository(Endpoint).find({ order: { name: 'ASC' } });
  }

  @Put('endpoints/:name')
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Register or change an endpoint; processes call it by name' })
  async saveEndpoint(@Param('name') name: string, @Body() body: EndpointDto, @CurrentCaller() caller: Caller) {
    checkId(name);
    const endpoint = { name, url: body.url, auth: body.auth, updatedBy: caller.sub, updatedAt: new Date() };
    await this.dataSource.getRepository(Endpoint).save(endpoint);
    this.calls.forget();
    return endpoint;
  }

  @Delete('endpoints/:name')
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Remove an endpoint (processes that call it stop at that step until it is back)' })
  async deleteEndpoint(@Param('name') name: string) {
    const { affected } = await this.dataSource.getRepository(Endpoint).delete({ name });
    this.calls.forget();
    if (!affected)
      throw new ProblemException(HttpStatus.NOT_FOUND, 'WORKFLOW.ENDPOINT_NOT_FOUND', `No endpoint ${name}.`);
    return { deleted: name };
  }

  @Get('routing-rules')
  @RequireRoles(ROLES.workflowAdmin, ROLES.workflowStarter, ROLES.platformOperator)
  @ApiOperation({ summary: 'The routing table: (category, province, district) → responsible unit' })
  async rules(@Query('category') category?: string) {
    const rules = await this.dataSource.getRepository(RoutingRule).find({
      where: category ? { category } : {},
      order: { category: 'ASC', province: 'ASC', district: 'ASC' },
      take: 1_000,
    });
    return rules.map(ruleView);
  }

  @Put('routing-rules/:id')
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Add or change a routing rule (the next routed case uses it)' })
  async saveRule(@Param('id') id: string, @Body() body: RoutingRuleDto, @CurrentCaller() caller: Caller) {
    checkId(id);
    if (body.district && !body.province) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'PLATFORM.VALIDATION_FAILED',
        'province: a district rule names its province',
        [{ field: 'province', message: 'required with a district' }],
      );
    }
    const rule = {
      id,
      category: body.category,
      province: body.province ?? '',
      district: body.district ?? '',
      unit: body.unit,
      updatedBy: caller.sub,
      updatedAt: new Date(),
    };
    const [clash]: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM workflow.routing_rules WHERE category = $1 AND province = $2 AND district = $3 AND id <> $4`,
      [rule.category, rule.province, rule.district, id],
    );
    if (clash) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'WORKFLOW.RULE_EXISTS',
        `Rule ${clash.id} already routes this category there.`,
      );
    }
    await this.dataSource.getRepository(RoutingRule).save(rule);
    this.engine.forgetRouting();
    return ruleView(rule as RoutingRule);
  }

  @Delete('routing-rules/:id')
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Remove a routing rule' })
  async deleteRule(@Param('id') id: string) {
    const { affected } = await this.dataSource.getRepository(RoutingRule).delete({ id });
    this.engine.forgetRouting();
    if (!affected)
      throw new ProblemException(HttpStatus.NOT_FOUND, 'WORKFLOW.RULE_NOT_FOUND', `No routing rule ${id}.`);
    return { deleted: id };
  }

  @Get('routing/decision')
  @RequireRoles(ROLES.workflowAdmin, ROLES.workflowStarter, ROLES.platformOperator)
  @ApiOperation({ summary: 'Which unit the table routes a case to (the most specific rule wins)' })
  async decide(@Query() query: RouteQuery) {
    const decision = await this.engine.router(this.dataSource.manager)(query.category, query.province, query.district);
    if (!decision) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'WORKFLOW.NO_ROUTE',
        `No routing rule for ${query.category} in ${query.district ?? query.province ?? 'the country'}.`,
      );
    }
    return decision;
  }

  @Get('holidays')
  @ApiOperation({ summary: 'Public holidays: deadlines count working days without them' })
  async holidays(@Query('year') year?: string) {
    const rows: { date: string; name: string }[] = await this.dataSource.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, name FROM workflow.holidays
        WHERE $1::int IS NULL OR extract(year FROM date) = $1::int ORDER BY date`,
      [year && /^\d{4}$/.test(year) ? Number(year) : null],
    );
    return rows;
  }

  @Put('holidays/:date')
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Add or rename a public holiday (YYYY-MM-DD)' })
  async saveHoliday(@Param('date') date: string, @Body() body: HolidayDto) {
    if (
      !DATE.test(date) ||
      Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
      new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
    ) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'PLATFORM.VALIDATION_FAILED',
        'date: a calendar date, YYYY-MM-DD',
        [{ field: 'date', message: 'YYYY-MM-DD' }],
      );
    }
    await this.dataSource.getRepository(Holiday).save({ date, name: body.name });
    this.engine.forgetHolidays();
    return { date, name: body.name };
  }

  @Delete('holidays/:date')
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Remove a public holiday' })
  async deleteHoliday(@Param('date') date: string) {
    if (!DATE.test(date))
      throw new ProblemException(HttpStatus.NOT_FOUND, 'WORKFLOW.HOLIDAY_NOT_FOUND', `No holiday on ${date}.`);
    const { affected } = await this.dataSource.getRepository(Holiday).delete({ date });
    if (!affected)
      throw new ProblemException(HttpStatus.NOT_FOUND, 'WORKFLOW.HOLIDAY_NOT_FOUND', `No holiday on ${date}.`);
    this.engine.forgetHolidays();
    return { deleted: date };
  }

  @Get('event-mappings')
  @RequireRoles(ROLES.workflowAdmin, ROLES.workflowStarter, ROLES.platformOperator)
  @ApiOperation({ summary: 'What other blocks’ events do here: start a process, or deliver a message' })
  mappings() {
    return this.dataSource.getRepository(EventMapping).find({ order: { id: 'ASC' } });
  }

  @Put('event-mappings/:id')
  @RequireRoles(ROLES.workflowAdmin, ROLES.workflowStarter)
  @ApiOperation({ summary: 'Declare what an event does (by the block that owns the event, or an administrator)' })
  async saveMapping(@Param('id') id: string, @Body() body: EventMappingDto, @CurrentCaller() caller: Caller) {
    checkId(id);
    const errors = [
      ...(body.action === 'start' && !body.processKey
        ? [{ field: 'processKey', message: 'required to start a process' }]
        : []),
      ...(body.action === 'message' && !body.messageName
        ? [{ field: 'messageName', message: 'required to deliver a message' }]
        : []),
      ...Object.entries(body.variables ?? {})
        .filter(
          ([name, path]) =>
            !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) ||
            typeof path !== 'string' ||
            !/^[A-Za-z_][A-Za-z0-9_.]{0,199}$/.test(path),
        )
        .map(([name]) => ({
          field: `variables.${name}`,
          message: 'a variable name and a payload path such as address.province',
        })),
    ];
    if (errors.length) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'PLATFORM.VALIDATION_FAILED',
        errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        errors,
      );
    }
    const mapping = {
      id,
      eventType: body.eventType,
      action: body.action,
      processKey: body.action === 'start' ? body.processKey! : null,
      messageName: body.action === 'message' ? body.messageName! : null,
      keyPath: body.keyPath,
      variables: body.variables ?? {},
      when: body.when ?? {},
      declaredBy: caller.sub,
    };
    await this.dataSource.getRepository(EventMapping).save(mapping);
    return mapping;
  }

  @Delete('event-mappings/:id')
  @RequireRoles(ROLES.workflowAdmin, ROLES.workflowStarter)
  @ApiOperation({ summary: 'Remove an event mapping' })
  async deleteMapping(@Param('id') id: string) {
    const { affected } = await this.dataSource.getRepository(EventMapping).delete({ id });
    if (!affected)
      throw new ProblemException(HttpStatus.NOT_FOUND, 'WORKFLOW.MAPPING_NOT_FOUND', `No event mapping ${id}.`);
    return { deleted: id };
  }
}
