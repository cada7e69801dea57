import { Body, Get, Headers, HttpCode, HttpStatus, Param, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import { CurrentCaller, RequireRoles, ROLES, type Caller } from '@onedoor/auth';
import { Post, Returns, schema } from '@onedoor/http';
import { GovStackController } from '@onedoor/platform-kit';
import { CompleteTask } from '../application/complete-task/complete-task.command';
import { CompleteTaskHandler } from '../application/complete-task/complete-task.handler';
import { StatisticsQuery } from '../application/queries/statistics.query';
import { TaskQueries } from '../application/queries/tasks.queries';
import { RegistrationError, RegistrationErrorCode } from '../domain';
import { AdditionalData, GovStackStatisticsQuery, GovStackTaskQuery } from './govstack.dto';
import { listOrder, listWindow } from './lists';
import {
  COMPLETED_TASK,
  DATA_USER_TASK,
  dataUserTask,
  STATISTICS_ROW,
  statusModel,
  USER_TASK,
  userTask,
} from './views';

const taskNotFound = (id: string) => new RegistrationError(RegistrationErrorCode.TASK_NOT_FOUND, `No task ${id}.`);

/** GovStack's statuses as the decisions of OneDoor's processes. */
const OUTCOMES: Record<string, string> = { APPROVED: 'approve', SENDBACK: 'sendback', REJECTED: 'reject' };

/**
 * The decision a GovStack completion carries: `data.outcome` as OneDoor names it, or a `data.status` of GovStack's
 * statusModel (a code or `{code}`); completing a task without either approves its step, as completing a step in a
 * GovStack registration does.
 */
function decision(data: Record<string, unknown>): Record<string, unknown> {
  const { status, ...rest } = data;
  if (typeof rest.outcome === 'string') return rest;
  const code = typeof status === 'string' ? status : (status as { code?: unknown } | undefined)?.code;
  if (code !== undefined && (typeof code !== 'string' || !OUTCOMES[code])) {
    throw new RegistrationError(RegistrationErrorCode.VALIDATION_FAILED, 'data.status: a decision', [
      { field: 'data.status', message: 'APPROVED, SENDBACK or REJECTED' },
    ]);
  }
  return { ...rest, outcome: typeof code === 'string' ? OUTCOMES[code] : 'approve' };
}

/** GovStack's operator tasks and statistics, over the same queries and use cases as OneDoor's API. */
@GovStackController()
export class GovStackTasksController {
  constructor(
    private readonly tasks: TaskQueries,
    private readonly completing: CompleteTaskHandler,
    private readonly statistics: StatisticsQuery,
  ) {}

  @Get('tasks')
  @Returns(schema.array(USER_TASK))
  @ApiOperation({ summary: "GovStack getTasks: the caller's office's open tasks; ?fileId, ?assigneeId, ?mainTaskId" })
  async list(@Query() query: GovStackTaskQuery, @CurrentCaller() caller: Caller) {
    const file = query.fileId ?? query.mainTaskId;
    if ((query.fileId && !isUUID(query.fileId)) || (query.mainTaskId && !isUUID(query.mainTaskId))) return [];
    if (query.fileId && query.mainTaskId && query.fileId !== query.mainTaskId) return [];
    if (query.maxResult === 0) return [];
    const { items } = await this.tasks.list(
      caller,
      false,
      listWindow(query),
      { applicationId: file, assignee: query.assigneeId },
      listOrder(query, 'ASC'),
    );
    return items.map(userTask);
  }

  @Get('tasks/:taskId')
  @Returns(DATA_USER_TASK)
  @ApiOperation({ summary: 'GovStack getTaskById: the task with its application’s form data' })
  async get(@Param('taskId') taskId: string, @CurrentCaller() caller: Caller) {
    if (!isUUID(taskId)) throw taskNotFound(taskId);
    return dataUserTask(await this.tasks.get(caller, taskId));
  }

  @Post('tasks/:taskId/complete')
  @Returns(COMPLETED_TASK)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'GovStack completeTaskById: `data.outcome` or `data.status` decides; without either the step approves',
  })
  async complete(
    @Param('taskId') taskId: string,
    @Body() body: AdditionalData,
    @CurrentCaller() caller: Caller,
    @Headers('authorization') authorization?: string,
  ) {
    if (!isUUID(taskId)) throw taskNotFound(taskId);
    const data = decision(body.data ?? {});
    const done = await this.completing.execute(
      CompleteTask.create({ taskId, caller, authorization: authorization ?? '', data }),
    );
    return {
      taskId: done.taskId,
      fileId: done.fileId,
      ...(done.serviceId && { serviceId: done.serviceId }),
      ...(done.status && { status: statusModel(done.status.code) }),
      variables: { decision: { data: { outcome: data.outcome } } },
    };
  }

  @Get('data/statistics')
  @Returns(schema.array(STATISTICS_ROW))
  @RequireRoles(ROLES.registrationOfficer, ROLES.registrationAdmin, ROLES.platformOperator)
  @ApiHeader({ name: 'Information-Mediator-Client', required: true, example: 'LA/GOV/MOIC/one-door' })
  @ApiOperation({
    summary: "GovStack Statistics: officers' decisions in the range, in all or per day, week, month or year",
  })
  async decisions(
    @Query() query: GovStackStatisticsQuery,
    @CurrentCaller() caller: Caller,
    @Headers('information-mediator-client') client?: string,
  ) {
    if (!client || !/^[^/\s]+\/[^/\s]+\/[^/\s]+\/[^/\s]+$/.test(client)) {
      throw new RegistrationError(
        RegistrationErrorCode.VALIDATION_FAILED,
        'The Information-Mediator-Client header names the calling system: INSTANCE/CLASS/MEMBER/SUBSYSTEM.',
        [{ field: 'Information-Mediator-Client', message: 'INSTANCE/CLASS/MEMBER/SUBSYSTEM' }],
      );
    }
    if (query.startDate && query.endDate && query.startDate > query.endDate) {
      throw new RegistrationError(RegistrationErrorCode.VALIDATION_FAILED, 'startDate is after endDate.', [
        { field: 'startDate', message: 'on or before endDate' },
      ]);
    }
    const rows = await this.statistics.decisions(caller, {
      from: query.startDate,
      to: query.endDate,
      service: query.registrationName,
      operator: query.operator,
      role: query.role,
      timeframe: query.timeframe,
    });
    return rows.map(({ period, ...counts }) => ({
      ...counts,
      references: {
        ...(period || query.startDate ? { startDate: period ?? query.startDate } : {}),
        ...(query.endDate && { endDate: query.endDate }),
        ...(query.registrationName && { registrationName: query.registrationName }),
        ...(query.operator && { operator: query.operator }),
        ...(query.role && { role: query.role }),
        timeframeDay: query.timeframe === 'day',
        timeframeWeek: query.timeframe === 'week',
        timeframeMonth: query.timeframe === 'month',
        timeframeYear: query.timeframe === 'year',
      },
    }));
  }
}
