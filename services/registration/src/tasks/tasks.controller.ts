import { readSetting } from '@onedoor/config';
import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource, In } from 'typeorm';
import { CurrentCaller, hasRole, ROLES, type Caller } from '@onedoor/auth';
import { page, PageQuery, ProblemException, uuidParam, Post } from '@onedoor/http';
import { Application, ApplicationTask, PublicService } from '../registration.entities';
import { CompleteTaskDto } from '../registration.dto';

const taskId = uuidParam('REGISTRATION', 'task');

/**
 * Where the workflow block answers: REGISTRATION_WORKFLOW_URL, else this machine's workflow block (its port in
 * distributed mode, the shared port in embedded mode). Read at each call.
 */
export function workflowUrl(env: NodeJS.ProcessEnv = process.env): string {
  const configured = readSetting('REGISTRATION_WORKFLOW_URL', env);
  if (configured) return configured.replace(/\/$/, '');
  const port = readSetting('KAFKA_BROKERS', env)?.length ? readSetting('WORKFLOW_PORT', env) : readSetting('PORT', env);
  return `http://127.0.0.1:${port}/workflow`;
}

/**
 * GovStack's officer tasks, for applications: the workflow block's user tasks, kept here from its events.
 * Completing one is done by the workflow block, with the officer's own token, so it checks unit and role.
 */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly dataSource: DataSource) {}

  private visible(caller: Caller, task: ApplicationTask) {
    return hasRole(caller, ROLES.platformOperator) || (!!caller.unit && caller.unit === task.unit);
  }

  private async view(tasks: ApplicationTask[]) {
    const applications = tasks.length
      ? await this.dataSource.getRepository(Application).findBy({ id: In(tasks.map((t) => t.applicationId)) })
      : [];
    const services = applications.length
      ? await this.dataSource
          .getRepository(PublicService)
          .findBy({ id: In([...new Set(applications.map((a) => a.serviceId))]) })
      : [];
    return tasks.map((task) => {
      const application = applications.find((a) => a.id === task.applicationId);
      const service = services.find((s) => s.id === application?.serviceId);
      return {
        taskId: task.id,
        name: task.name,
        assigneeId: task.assignee ?? undefined,
        roleId: task.role,
        office: task.unit,
        created: task.createdAt,
        dueAt: task.dueAt ?? undefined,
        state: task.state,
        fileId: task.applicationId,
        trackingCode: application?.trackingCode,
        serviceId: application?.serviceId,
        serviceName: service?.name.en,
        eFormId: application?.serviceId,
        status: application ? { code: application.status } : undefined,
      };
    });
  }

  @Get()
  @ApiOperation({ summary: "The caller's office's tasks on applications (GovStack)" })
  async list(@Query() query: PageQuery, @CurrentCaller() caller: Caller, @Query('state') state?: string) {
    if (!caller.unit && !hasRole(caller, ROLES.platformOperator)) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'REGISTRATION.NO_UNIT',
        'Your sign-in carries no unit: tasks belong to an office.',
      );
    }
    const states = state === 'completed' ? ['completed'] : ['open', 'claimed'];
    const [items, total] = await this.dataSource.getRepository(ApplicationTask).findAndCount({
      where: { state: In(states), ...(caller.unit ? { unit: caller.unit } : {}) },
      order: { createdAt: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return page(await this.view(items), total, query);
  }

  @Get(':taskId')
  @ApiOperation({ summary: 'A task (GovStack), with its application' })
  async get(@Param('taskId', taskId) id: string, @CurrentCaller() caller: Caller) {
    const task = await this.dataSource.getRepository(ApplicationTask).findOneBy({ id });
    if (!task || !this.visible(caller, task))
      throw new ProblemException(HttpStatus.NOT_FOUND, 'REGISTRATION.TASK_NOT_FOUND', `No task ${id}.`);
    const [view] = await this.view([task]);
    const application = await this.dataSource.getRepository(Application).findOneBy({ id: task.applicationId });
    return { ...view, data: application?.formData };
  }

  @Post(':taskId/complete')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Complete a task (GovStack): `data.outcome` (approve, reject, sendback…) and `data.comment`',
  })
  async complete(
    @Param('taskId', taskId) id: string,
    @Body() body: CompleteTaskDto,
    @CurrentCaller() caller: Caller,
    @Headers('authorization') authorization: string,
  ) {
    const task = await this.dataSource.getRepository(ApplicationTask).findOneBy({ id });
    if (!task || !this.visible(caller, task))
      throw new ProblemException(HttpStatus.NOT_FOUND, 'REGISTRATION.TASK_NOT_FOUND', `No task ${id}.`);
    const { outcome, comment, ...variables } = body.data as { outcome?: unknown; comment?: unknown };
    if (typeof outcome !== 'string') {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'PLATFORM.VALIDATION_FAILED',
        'data.outcome: the decision, such as approve',
        [{ field: 'data.outcome', message: 'required' }],
      );
    }
    let response: Response;
    try {
      response = await fetch(`${workflowUrl()}/tasks/${id}/complete`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({
          outcome,
          ...(typeof comment === 'string' && { comment }),
          ...(Object.keys(variables).length && { variables }),
        }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new ProblemException(
        HttpStatus.BAD_GATEWAY,
        'REGISTRATION.WORKFLOW_UNREACHABLE',
        `The workflow block did not answer: ${(error as Error).message}`,
      );
    }
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      // The workflow block's refusal (claimed by someone else, an outcome it does not accept…), passed on as is.
      throw new ProblemException(
        response.status,
        String(answer.code ?? 'REGISTRATION.TASK_NOT_COMPLETED'),
        String(answer.detail ?? 'The workflow block refused.'),
        answer.errors as never,
      );
    }
    const application = await this.dataSource.getRepository(Application).findOneBy({ id: task.applicationId });
    return {
      taskId: id,
      fileId: task.applicationId,
      serviceId: application?.serviceId,
      status: application ? { code: application.status } : undefined,
      variables: { outcome },
    };
  }
}
