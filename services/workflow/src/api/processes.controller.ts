import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { Delete, PageQuery, Post, Put, Returns, schema } from '@onedoor/http';
import { DeleteProcessHandler } from '../application/delete-process/delete-process.handler';
import { PublishProcess } from '../application/publish-process/publish-process.command';
import { PublishProcessHandler } from '../application/publish-process/publish-process.handler';
import { ProcessQueries } from '../application/queries/processes.queries';
import { StartProcess } from '../application/start-process/start-process.command';
import { StartProcessHandler } from '../application/start-process/start-process.handler';
import { instanceStatus, processView } from './views';
import { ProcessDefinitionDto, StartProcessDto } from './workflow.dto';
import { DELETED, INSTANCE_STATUS, PROCESS } from './schemas';

/** A definition's document: `bpmn`, or GovStack's processBody entry with code `bpmn`. */
const documentOf = (body: ProcessDefinitionDto) =>
  (body.bpmn ?? body.processBody?.find((p) => p.code === 'bpmn')?.value) as string | undefined;

@ApiTags('processes')
@ApiBearerAuth()
@Controller('processes')
export class ProcessesController {
  constructor(
    private readonly queries: ProcessQueries,
    private readonly publishing: PublishProcessHandler,
    private readonly deleting: DeleteProcessHandler,
    private readonly starting: StartProcessHandler,
  ) {}

  @Get()
  @Returns(schema.array(PROCESS))
  @RequireRoles(ROLES.workflowAdmin, ROLES.workflowStarter, ROLES.platformOperator)
  @ApiOperation({
    summary: 'Process definitions (GovStack getProcessList): the latest version of each, or every version with ?all',
  })
  async list(
    @Query() query: PageQuery,
    @Query('all') all: string | undefined,
    @Res({ passthrough: true }) response: Response,
    @CurrentCaller() caller: Caller,
  ) {
    const [items, total] = await this.queries.list(caller, query, all === 'true');
    response.setHeader('X-Total-Count', String(total));
    return items.map(processView);
  }

  @Post()
  @Returns(PROCESS, 201)
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Add a process (GovStack addProcess): a BPMN 2.0 document, checked before it is saved' })
  async add(@Body() body: ProcessDefinitionDto, @CurrentCaller() caller: Caller) {
    const command = PublishProcess.create({
      caller,
      bpmn: documentOf(body),
      name: body.name,
      description: body.description,
      type: body.type,
    });
    return processView(await this.publishing.execute(command));
  }

  @Get(':processId')
  @Returns(PROCESS)
  @RequireRoles(ROLES.workflowAdmin, ROLES.workflowStarter, ROLES.platformOperator)
  @ApiOperation({
    summary: 'A process definition by id (that version) or key (latest version); ?bpmn=true adds the document',
  })
  async get(@Param('processId') processId: string, @CurrentCaller() caller: Caller, @Query('bpmn') withBpmn?: string) {
    const definition = await this.queries.get(caller, processId);
    return { ...processView(definition), ...(withBpmn === 'true' && { bpmn: definition.bpmn }) };
  }

  @Put(':processId')
  @Returns(PROCESS)
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Update a process (GovStack updateProcess): adds a version; running instances keep theirs' })
  async update(
    @Param('processId') processId: string,
    @Body() body: ProcessDefinitionDto,
    @CurrentCaller() caller: Caller,
  ) {
    const current = await this.queries.get(caller, processId, false);
    const command = PublishProcess.create({
      caller,
      bpmn: documentOf(body),
      name: body.name,
      description: body.description,
      type: body.type,
      expectedKey: current.key,
    });
    return processView(await this.publishing.execute(command));
  }

  @Delete(':processId')
  @Returns(DELETED)
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Delete a process (GovStack deleteProcess): no new instances; running ones finish' })
  async delete(@Param('processId') processId: string, @CurrentCaller() caller: Caller) {
    await this.deleting.execute(processId, caller);
    return { deleted: processId };
  }

  @Post(':processId/start')
  @Returns(INSTANCE_STATUS, 201)
  @HttpCode(HttpStatus.CREATED)
  @RequireRoles(ROLES.workflowStarter, ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Start an instance (GovStack start); with Idempotency-Key, a retry starts nothing new' })
  async start(
    @Param('processId') processId: string,
    @Body() body: StartProcessDto,
    @CurrentCaller() caller: Caller,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    // Variables: an object, or GovStack's [{ code, value }] list (which wins for a name in both).
    const variables: Record<string, unknown> = { ...(body.variables ?? {}) };
    for (const { code, value } of body.InstanceValues ?? []) variables[code] = value;
    const instance = await this.starting.execute(
      StartProcess.create({
        processId,
        startKey: idempotencyKey ? `api:${caller.sub}:${idempotencyKey}` : `api:${randomUUID()}`,
        businessKey: body.businessKey,
        variables,
        startedBy: body.processStartedBy || caller.sub,
        caller,
      }),
    );
    return instanceStatus(instance);
  }
}
