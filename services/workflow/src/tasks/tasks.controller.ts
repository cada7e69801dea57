import { Body, Controller, Get, HttpCode, HttpStatus, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentCaller, hasRole, ROLES, type Caller } from '@onedoor/auth';
import { page, uuidParam, Post } from '@onedoor/http';
import { unitOf } from '../instances/access';
import { UserTask } from '../workflow.entities';
import { CompleteTaskDto, ReassignTaskDto, SendBackDto, TaskQuery } from '../workflow.dto';
import { TasksService } from './tasks.service';

const taskId = uuidParam('WORKFLOW', 'task');

function taskView(task: UserTask) {
  return {
    id: task.id,
    instanceId: task.instanceId,
    processRef: task.processRef,
    businessKey: task.businessKey ?? undefined,
    elementId: task.elementId,
    name: task.name,
    unit: task.unit,
    role: task.role,
    outcomes: task.outcomes,
    state: task.state,
    assignee: task.assignee ?? undefined,
    dueAt: task.dueAt ?? undefined,
    escalated: task.escalatedAt !== null,
    outcome: task.outcome ?? undefined,
    comment: task.comment ?? undefined,
    completedBy: task.completedBy ?? undefined,
    createdAt: task.createdAt,
    completedAt: task.completedAt ?? undefined,
  };
}

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The caller’s unit’s queue: tasks for the roles they hold (supervisors: every task of the unit)',
  })
  async queue(@Query() query: TaskQuery, @CurrentCaller() caller: Caller) {
    const operator = hasRole(caller, ROLES.platformOperator, ROLES.workflowAdmin);
    const unit = operator ? query.unit : unitOf(caller);
    const qb = this.dataSource.getRepository(UserTask).createQueryBuilder('t');
    if (unit) qb.andWhere('t.unit = :unit', { unit });
    if (!operator && !hasRole(caller, ROLES.workflowSupervisor))
      qb.andWhere('t.role IN (:...roles)', { roles: caller.roles.length ? caller.roles : [''] });
    qb.andWhere('t.state IN (:...states)', { states: query.state ? [query.state] : ['open', 'claimed'] });
    if (query.mine === 'true') qb.andWhere('t.assignee = :me', { me: caller.sub });
    const [items, total] = await qb
      .orderBy('t.due_at', 'ASC', 'NULLS LAST')
      .addOrderBy('t.created_at', 'ASC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return page(items.map(taskView), total, query);
  }

  @Get(':taskId')
  @ApiOperation({ summary: 'One task' })
  async get(@Param('taskId', taskId) id: string, @CurrentCaller() caller: Caller) {
    return taskView(await this.tasks.visible(this.dataSource.manager, id, caller));
  }

  @HttpCode(HttpStatus.OK)
  @Post(':taskId/claim')
  @ApiOperation({ summary: 'Take the task from the queue' })
  async claim(@Param('taskId', taskId) id: string, @CurrentCaller() caller: Caller) {
    return taskView(await this.tasks.claim(id, caller));
  }

  @HttpCode(HttpStatus.OK)
  @Post(':taskId/release')
  @ApiOperation({ summary: 'Put a claimed task back in the queue' })
  async release(@Param('taskId', taskId) id: string, @CurrentCaller() caller: Caller) {
    return taskView(await this.tasks.release(id, caller));
  }

  @HttpCode(HttpStatus.OK)
  @Post(':taskId/complete')
  @ApiOperation({ summary: 'Complete the task with an outcome it accepts and a comment; the process moves on' })
  async complete(@Param('taskId', taskId) id: string, @Body() body: CompleteTaskDto, @CurrentCaller() caller: Caller) {
    return taskView(await this.tasks.complete(id, caller, body.outcome, body.comment, body.variables));
  }

  @HttpCode(HttpStatus.OK)
  @Post(':taskId/send-back')
  @ApiOperation({ summary: 'Send the case back for correction (the outcome sendback, where the task accepts it)' })
  async sendBack(@Param('taskId', taskId) id: string, @Body() body: SendBackDto, @CurrentCaller() caller: Caller) {
    return taskView(await this.tasks.complete(id, caller, 'sendback', body.comment));
  }

  @HttpCode(HttpStatus.OK)
  @Post(':taskId/reassign')
  @ApiOperation({ summary: 'Supervisors: give the task to another unit or officer' })
  async reassign(@Param('taskId', taskId) id: string, @Body() body: ReassignTaskDto, @CurrentCaller() caller: Caller) {
    return taskView(await this.tasks.reassign(id, caller, body.unit, body.assignee, body.comment));
  }
}
