import { Body, Controller, Get, HttpCode, HttpStatus, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { ProblemException, uuidParam, Post } from '@onedoor/http';
import { InstanceHistory, ProcessInstance, UserTask } from '../workflow.entities';
import { InstanceQuery, MessageDto, StopInstanceDto } from '../workflow.dto';
import { seesEveryInstance, unitOf } from './access';
import { InstanceEngine } from './instance-engine';
import { StepJournal } from './step-journal';

/** GovStack's ProcessInstance, plus the business key, deadline and variables. */
export function instanceView(instance: ProcessInstance) {
  return {
    id: instance.id,
    processRef: instance.processRef,
    businessKey: instance.businessKey ?? undefined,
    state: instance.state,
    ended: instance.state !== 'running',
    suspended: false,
    initTime: instance.startedAt,
    lastChangeTime: instance.updatedAt,
    endTime: instance.endedAt ?? undefined,
    dueAt: instance.dueAt ?? undefined,
    startedBy: instance.startedBy,
    reason: instance.reason ?? undefined,
  };
}

const instanceId = uuidParam('WORKFLOW', 'instance');

@ApiTags('instances')
@ApiBearerAuth()
@Controller()
export class InstancesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: InstanceEngine,
  ) {}

  @Get('instances')
  @ApiOperation({
    summary: 'Process instances (GovStack): every one for operators and starters; officers see their unit’s cases',
  })
  async list(
    @Query() query: InstanceQuery,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const qb = this.dataSource.getRepository(ProcessInstance).createQueryBuilder('i');
    if (!seesEveryInstance(caller)) {
      qb.andWhere('EXISTS (SELECT 1 FROM workflow.tasks t WHERE t.instance_id = i.id AND t.unit = :unit)', {
        unit: unitOf(caller),
      });
    }
    if (query.processId) {
      qb.andWhere('(i.definition_id::text = :pid OR i.process_ref LIKE :prefix)', {
        pid: query.processId,
        prefix: `${query.processId}:%`,
      });
    }
    if (query.state) qb.andWhere('i.state = :state', { state: query.state });
    if (query.businessKey) qb.andWhere('i.business_key = :bk', { bk: query.businessKey });
    const [items, total] = await qb
      .orderBy('i.started_at', 'DESC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    response.setHeader('X-Total-Count', String(total));
    return items.map(instanceView);
  }

  @Get('instances/:instanceId')
  @ApiOperation({ summary: 'One instance with its tasks, variables and audit trail' })
  async get(@Param('instanceId', instanceId) id: string, @CurrentCaller() caller: Caller) {
    const instance = await this.dataSource.getRepository(ProcessInstance).findOneBy({ id });
    const tasks = instance
      ? await this.dataSource.getRepository(UserTask).find({ where: { instanceId: id }, order: { createdAt: 'ASC' } })
      : [];
    if (!instance || (!seesEveryInstance(caller) && !tasks.some((t) => t.unit === caller.unit && caller.unit))) {
      throw new ProblemException(HttpStatus.NOT_FOUND, 'WORKFLOW.INSTANCE_NOT_FOUND', `No process instance ${id}.`);
    }
    const history = await this.dataSource
      .getRepository(InstanceHistory)
      .find({ where: { instanceId: id }, order: { id: 'ASC' }, take: 500 });
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
  @HttpCode(HttpStatus.CREATED)
  @RequireRoles(ROLES.workflowStarter, ROLES.workflowAdmin)
  @ApiOperation({ summary: 'Stop an instance (GovStack stop): its open tasks are withdrawn' })
  async stop(
    @Param('instanceId', instanceId) id: string,
    @Body() body: StopInstanceDto,
    @CurrentCaller() caller: Caller,
  ) {
    const instance = await this.dataSource.transaction(async (manager) => {
      const locked = (await this.engine.lock(manager, id))!;
      const journal = new StepJournal();
      await this.engine.stop(manager, locked, caller.sub, body.reason, journal);
      await journal.flush(manager, this.engine.publisher);
      return locked;
    });
    const view = instanceView(instance);
    return { id: view.id, processRef: view.processRef, suspended: false, ended: true, state: view.state };
  }

  @Post('messages')
  @HttpCode(HttpStatus.OK)
  @RequireRoles(ROLES.workflowStarter, ROLES.workflowAdmin)
  @ApiOperation({
    summary: 'Deliver a message (a payment confirmed, a correction made) to the instances waiting for it',
  })
  async message(@Body() body: MessageDto, @CurrentCaller() caller: Caller) {
    const delivered = await this.dataSource.transaction((manager) =>
      this.engine.deliverMessage(manager, body.name, body.correlationKey, body.variables ?? {}, caller.sub),
    );
    if (!delivered.length) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'WORKFLOW.NO_WAITING_INSTANCE',
        `No instance waits for ${body.name} with key ${body.correlationKey}.`,
      );
    }
    return { delivered };
  }
}
