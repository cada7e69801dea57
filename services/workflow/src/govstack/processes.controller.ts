import { randomUUID } from 'node:crypto';
import { Body, Get, Headers, HttpCode, HttpStatus, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import type { Response } from 'express';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { Delete, Post, Put, Returns, schema } from '@onedoor/http';
import { GovStackController } from '@onedoor/platform-kit';
import { DeleteProcessHandler } from '../application/delete-process/delete-process.handler';
import { PublishProcess } from '../application/publish-process/publish-process.command';
import { PublishProcessHandler } from '../application/publish-process/publish-process.handler';
import { InstanceQueries } from '../application/queries/instances.queries';
import { ProcessQueries } from '../application/queries/processes.queries';
import { StartProcess } from '../application/start-process/start-process.command';
import { StartProcessHandler } from '../application/start-process/start-process.handler';
import { StopInstance } from '../application/stop-instance/stop-instance.command';
import { StopInstanceHandler } from '../application/stop-instance/stop-instance.handler';
import { WorkflowError, WorkflowErrorCode, type DefinitionRecord, type InstanceRecord } from '../domain';
import { INSTANCE_STATUS } from '../api/schemas';
import { instanceStatus } from '../api/views';
import { GovStackInstanceQuery, ProcessDefinition, ProcessInstancePayload, type Property } from './govstack.dto';

/** The most items a GovStack list (which has no window) answers; X-Total-Count says how many there are. */
const LIST_LIMIT = 1_000;

const bpmnOf = (body: { processBody?: Property[] }) =>
  body.processBody?.find((p) => p.code === 'bpmn')?.value as string | undefined;

/** Process: the definition's id and its ProcessDefinition; the BPMN document in processBody when asked. */
const processModel = (definition: DefinitionRecord, withDocument: boolean) => ({
  id: definition.id,
  processDefinition: {
    name: definition.name,
    type: definition.type,
    version: String(definition.version),
    isExecutable: definition.deletedAt === null,
    isClosed: false,
    ...(definition.description && { description: definition.description }),
    processBody: [
      { code: 'key', value: definition.key },
      { code: 'category', value: 'http://www.omg.org/spec/BPMN/20100524/MODEL' },
      ...(withDocument ? [{ code: 'bpmn', value: definition.bpmn }] : []),
    ],
  },
});
const PROPERTIES = schema.array(schema.object({ code: schema.string(), value: schema.string() }));
const PROCESS_MODEL = schema.object({
  id: schema.string(),
  processDefinition: schema.object(
    {
      name: schema.string(),
      type: schema.enum('None', 'Private', 'Public'),
      version: schema.string(),
      isExecutable: schema.boolean,
      isClosed: schema.boolean,
      description: schema.string(),
      processBody: PROPERTIES,
    },
    ['description'],
  ),
});

/** ProcessInstance */
const instanceModel = (instance: InstanceRecord) => ({
  id: instance.id,
  processRef: instance.processRef,
  initTime: new Date(instance.startedAt).toISOString(),
  state: instance.state,
  lastChangeTime: new Date(instance.updatedAt).toISOString(),
});
const INSTANCE_MODEL = schema.object({
  id: schema.uuid,
  processRef: schema.string(),
  initTime: schema.dateTime,
  state: schema.string(),
  lastChangeTime: schema.dateTime,
});
const instanceNotFound = (id: string) =>
  new WorkflowError(WorkflowErrorCode.INSTANCE_NOT_FOUND, `No process instance ${id}.`);

/**
 * GovStack's workflow API: process definitions (design) and instances (runtime) in the document's shapes, over
 * the same use cases as OneDoor's API.
 */
@GovStackController()
export class GovStackProcessesController {
  constructor(
    private readonly processes: ProcessQueries,
    private readonly instances: InstanceQueries,
    private readonly publishing: PublishProcessHandler,
    private readonly deleting: DeleteProcessHandler,
    private readonly starting: StartProcessHandler,
    private readonly stopping: StopInstanceHandler,
  ) {}

  @Get('processes')
  @Returns(schema.array(PROCESS_MODEL))
  @RequireRoles(ROLES.workflowAdmin, ROLES.workflowStarter, ROLES.platformOperator)
  @ApiOperation({ summary: 'GovStack getProcessList: the latest version of each process' })
  async list(@CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    const [items, total] = await this.processes.list(caller, { offset: 0, limit: LIST_LIMIT }, false);
    response.setHeader('X-Total-Count', String(total));
    return items.map((definition) => processModel(definition, false));
  }

  @Post('processes')
  @Returns(PROCESS_MODEL, 201)
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'GovStack addProcess: processBody `bpmn` holds the BPMN 2.0 document' })
  async add(@Body() body: ProcessDefinition, @CurrentCaller() caller: Caller) {
    const definition = await this.publishing.execute(
      PublishProcess.create({
        caller,
        bpmn: bpmnOf(body),
        name: body.name,
        description: body.description,
        type: body.type,
      }),
    );
    return processModel(definition, false);
  }

  @Get('processes/:processId')
  @Returns(PROCESS_MODEL)
  @RequireRoles(ROLES.workflowAdmin, ROLES.workflowStarter, ROLES.platformOperator)
  @ApiOperation({ summary: 'GovStack getProcess: by id (that version) or key (the latest), with its document' })
  async get(@Param('processId') processId: string, @CurrentCaller() caller: Caller) {
    return processModel(await this.processes.get(caller, processId), true);
  }

  @Put('processes/:processId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiResponse({ status: 204, description: 'Updated: a new version; running instances keep theirs' })
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'GovStack updateProcess: a new version from processBody `bpmn`' })
  async update(
    @Param('processId') processId: string,
    @Body() body: ProcessDefinition,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    const current = await this.processes.get(caller, processId, false);
    await this.publishing.execute(
      PublishProcess.create({
        caller,
        bpmn: bpmnOf(body),
        name: body.name,
        description: body.description,
        type: body.type,
        expectedKey: current.key,
      }),
    );
  }

  @Delete('processes/:processId')
  @ApiResponse({ status: 200, description: 'Deleted: no new instances; running ones finish' })
  @RequireRoles(ROLES.workflowAdmin)
  @ApiOperation({ summary: 'GovStack deleteProcess' })
  async delete(@Param('processId') processId: string, @CurrentCaller() caller: Caller): Promise<void> {
    await this.deleting.execute(processId, caller);
  }

  @Post('processes/:processId/start')
  @Returns(INSTANCE_STATUS, 201)
  @HttpCode(HttpStatus.CREATED)
  @RequireRoles(ROLES.workflowStarter, ROLES.workflowAdmin)
  @ApiOperation({
    summary: 'GovStack start: InstanceValues are its variables; with Idempotency-Key, a retry starts nothing new',
  })
  async start(
    @Param('processId') processId: string,
    @Body() body: ProcessInstancePayload,
    @CurrentCaller() caller: Caller,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    const variables = Object.fromEntries((body.InstanceValues ?? []).map(({ code, value }) => [code, value]));
    const instance = await this.starting.execute(
      StartProcess.create({
        processId,
        startKey: idempotencyKey ? `api:${caller.sub}:${idempotencyKey}` : `api:${randomUUID()}`,
        variables,
        startedBy: body.processStartedBy,
        caller,
      }),
    );
    return instanceStatus(instance);
  }

  @Get(['instances', 'instances/'])
  @Returns(schema.array(INSTANCE_MODEL))
  @ApiOperation({ summary: 'GovStack: process instances the caller may see; ?processId= a definition id or key' })
  async instancesList(
    @Query() query: GovStackInstanceQuery,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const [items, total] = await this.instances.list(
      caller,
      { processId: query.processId },
      { offset: 0, limit: LIST_LIMIT },
    );
    response.setHeader('X-Total-Count', String(total));
    return items.map(instanceModel);
  }

  @Get('instances/:instanceId')
  @Returns(INSTANCE_MODEL)
  @ApiOperation({ summary: 'GovStack: a process instance' })
  async instance(@Param('instanceId') instanceId: string, @CurrentCaller() caller: Caller) {
    if (!isUUID(instanceId)) throw instanceNotFound(instanceId);
    return instanceModel((await this.instances.get(caller, instanceId)).instance);
  }

  @Post('instances/:instanceId/stop')
  @Returns(INSTANCE_STATUS, 201)
  @HttpCode(HttpStatus.CREATED)
  @RequireRoles(ROLES.workflowStarter, ROLES.workflowAdmin)
  @ApiOperation({ summary: 'GovStack stop: its open tasks are withdrawn' })
  async stop(@Param('instanceId') instanceId: string, @CurrentCaller() caller: Caller) {
    if (!isUUID(instanceId)) throw instanceNotFound(instanceId);
    const instance = await this.stopping.execute(StopInstance.create({ instanceId, caller }));
    return { ...instanceStatus(instance), ended: true };
  }
}
