import { Body, Controller, Get, HttpCode, HttpStatus, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { Post, Returns, schema, uuidParam } from '@onedoor/http';
import { DeliverMessage } from '../application/deliver-message/deliver-message.command';
import { DeliverMessageHandler } from '../application/deliver-message/deliver-message.handler';
import { InstanceQueries } from '../application/queries/instances.queries';
import { StopInstance } from '../application/stop-instance/stop-instance.command';
import { StopInstanceHandler } from '../application/stop-instance/stop-instance.handler';
import { instanceStatus, instanceView } from './views';
import { InstanceQuery, MessageDto, StopInstanceDto } from './workflow.dto';
import { DELIVERED, INSTANCE, INSTANCE_DETAIL, INSTANCE_STATUS } from './schemas';

const instanceId = uuidParam('WORKFLOW', 'instance');

@ApiTags('instances')
@ApiBearerAuth()
@Controller()
export class InstancesController {
  constructor(
    private readonly queries: InstanceQueries,
    private readonly stopping: StopInstanceHandler,
    private readonly messages: DeliverMessageHandler,
  ) {}

  @Get('instances')
  @Returns(schema.array(INSTANCE))
  @ApiOperation({
    summary: 'Process instances (GovStack): every one for operators and starters; officers see their unit’s cases',
  })
  async list(
    @Query() query: InstanceQuery,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const [items, total] = await this.queries.list(
      caller,
      { processId: query.processId, state: query.state, businessKey: query.businessKey },
      query,
    );
    response.setHeader('X-Total-Count', String(total));
    return items.map(instanceView);
  }

  @Get('instances/:instanceId')
  @Returns(INSTANCE_DETAIL)
  @ApiOperation({ summary: 'One instance with its tasks, variables and audit trail' })
  async get(@Param('instanceId', instanceId) id: string, @CurrentCaller() caller: Caller) {
    const { instance, tasks, history } = await this.queries.get(caller, id);
    return {
      ...instanceView(instance),
      variables: instance.variables,
      tasks: tasks.map((t) => ({
        id: t.id,
        elementId: t.elementId,
        name: t.name,
        unit: t.unit,
        state: t.state,
        outcome: t.outcome ?? undefined,
        dueAt: t.dueAt ?? undefined,
      })),
      history: history.map((h) => ({
        at: h.at,
        action: h.action,
        elementId: h.elementId ?? undefined,
        taskId: h.taskId ?? undefined,
        actor: h.actor,
        detail: h.detail ?? undefined,
      })),
    };
  }

  @Post('instances/:instanceId/stop')
  @Returns(INSTANCE_STATUS, 201)
  @HttpCode(HttpStatus.CREATED)
  @RequireRoles(ROLES.workflowStarter, ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Stop an instance (GovStack stop): its open tasks are withdrawn' })
  async stop(
    @Param('instanceId', instanceId) id: string,
    @Body() body: StopInstanceDto,
    @CurrentCaller() caller: Caller,
  ) {
    const instance = await this.stopping.execute(StopInstance.create({ instanceId: id, caller, reason: body.reason }));
    return { ...instanceStatus(instance), ended: true };
  }

  @Post('messages')
  @Returns(DELIVERED)
  @HttpCode(HttpStatus.OK)
  @RequireRoles(ROLES.workflowStarter, ROLES.workflowAdmin)
  @ApiOperation({
    summary: 'Deliver a message (a payment confirmed, a correction made) to the instances waiting for it',
  })
  message(@Body() body: MessageDto, @CurrentCaller() caller: Caller) {
    return this.messages.execute(
      DeliverMessage.create({
        name: body.name,
        correlationKey: body.correlationKey,
        variables: body.variables,
        actor: caller.sub,
        caller,
      }),
    );
  }
}
