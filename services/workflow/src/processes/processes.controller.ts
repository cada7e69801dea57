import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { PageQuery, ProblemException, Post } from '@onedoor/http';
import { InstanceEngine } from '../instances/instance-engine';
import { instanceView } from '../instances/instances.controller';
import { StepJournal } from '../instances/step-journal';
import { ProcessDefinition } from '../workflow.entities';
import { ProcessDefinitionDto, StartProcessDto } from '../workflow.dto';
import { ProcessesService, processView } from './processes.service';

const MAX_VARIABLES_BYTES = 64_000;

/** Process start variables: an object, or GovStack's [{code, value}] list; at most 64 kB of JSON. */
export function startVariables(body: StartProcessDto): Record<string, unknown> {
  const variables: Record<string, unknown> = { ...(body.variables ?? {}) };
  for (const { code, value } of body.InstanceValues ?? []) variables[code] = value;
  if (JSON.stringify(variables).length > MAX_VARIABLES_BYTES) {
    throw new ProblemException(
      HttpStatus.PAYLOAD_TOO_LARGE,
      'WORKFLOW.VARIABLES_TOO_LARGE',
      'Variables are limited to 64 kB of JSON.',
    );
  }
  return variables;
}

@ApiTags('processes')
@ApiBearerAuth()
@Controller('processes')
export class ProcessesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly processes: ProcessesService,
    private readonly engine: InstanceEngine,
  ) {}

  @Get()
  @RequireRoles(ROLES.workflowAdmin, ROLES.workflowStarter, ROLES.platformOperator)
  @ApiOperation({
    summary: 'Process definitions (GovStack getProcessList): the latest version of each, or every version with ?all',
  })
  async list(
    @Query() query: PageQuery,
    @Query('all') all: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const qb = this.dataSource.getRepository(ProcessDefinition).createQueryBuilder('d').where('d.deleted_at IS NULL');
    if (all !== 'true') {
      qb.andWhere(
        'd.version = (SELECT max(v.version) FROM workflow.definitions v WHERE v.key = d.key AND v.deleted_at IS NULL)',
      );
    }
    const [items, total] = await qb
      .orderBy('d.key')
      .addOrderBy('d.version', 'DESC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    response.setHeader('X-Total-Count', String(total));
    return items.map(processView);
  }

  @Post()
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Add a process (GovStack addProcess): a BPMN 2.0 document, checked before it is saved' })
  async add(@Body() body: ProcessDefinitionDto, @CurrentCaller() caller: Caller) {
    return processView(await this.processes.save(body, caller.sub));
  }

  @Get(':processId')
  @RequireRoles(ROLES.workflowAdmin, ROLES.workflowStarter, ROLES.platformOperator)
  @ApiOperation({
    summary: 'A process definition by id (that version) or key (latest version); ?bpmn=true adds the document',
  })
  async get(@Param('processId') processId: string, @Query('bpmn') withBpmn?: string) {
    const definition = await this.processes.find(this.dataSource.manager, processId, true);
    return { ...processView(definition), ...(withBpmn === 'true' && { bpmn: definition.bpmn }) };
  }

  @Put(':processId')
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Update a process (GovStack updateProcess): adds a version; running instances keep theirs' })
  async update(
    @Param('processId') processId: string,
    @Body() body: ProcessDefinitionDto,
    @CurrentCaller() caller: Caller,
  ) {
    const current = await this.processes.find(this.dataSource.manager, processId);
    return processView(await this.processes.save(body, caller.sub, current.key));
  }

  @Delete(':processId')
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Delete a process (GovStack deleteProcess): no new instances; running ones finish' })
  async delete(@Param('processId') processId: string) {
    await this.processes.delete(processId);
    return { deleted: processId };
  }

  @Post(':processId/start')
  @HttpCode(HttpStatus.CREATED)
  @RequireRoles(ROLES.workflowStarter, ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Start an instance (GovStack start); with Idempotency-Key, a retry starts nothing new' })
  async start(
    @Param('processId') processId: string,
    @Body() body: StartProcessDto,
    @CurrentCaller() caller: Caller,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    const variables = startVariables(body);
    const instance = await this.dataSource.transaction(async (manager) => {
      const definition = await this.processes.find(manager, processId);
      const journal = new StepJournal();
      const started = await this.engine.start(
        manager,
        definition,
        {
          startKey: idempotencyKey ? `api:${caller.sub}:${idempotencyKey}` : `api:${crypto.randomUUID()}`,
          businessKey: body.businessKey,
          variables,
          startedBy: body.processStartedBy || caller.sub,
        },
        journal,
      );
      await journal.flush(manager, this.engine.publisher);
      return started.instance;
    });
    const view = instanceView(instance);
    return { id: view.id, processRef: view.processRef, suspended: false, ended: view.ended, state: view.state };
  }
}
