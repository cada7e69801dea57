import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, type Caller } from '@onedoor/auth';
import { page, PageQuery, Post, Returns, schema, uuidParam } from '@onedoor/http';
import { CompleteTask } from '../application/complete-task/complete-task.command';
import { CompleteTaskHandler } from '../application/complete-task/complete-task.handler';
import { TaskQueries } from '../application/queries/tasks.queries';
import { CompleteTaskDto } from './registration.dto';
import { TASK, TASK_COMPLETED } from './schemas';

const taskId = uuidParam('REGISTRATION', 'task');

/**
 * GovStack's officer tasks, for applications: the workflow block's user tasks, kept here from its events.
 * Completing one is done by the workflow block, with the officer's own token, so it checks unit and role.
 */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly queries: TaskQueries,
    private readonly completing: CompleteTaskHandler,
  ) {}

  @Get()
  @Returns(schema.page(TASK))
  @ApiOperation({ summary: "The caller's office's tasks on applications (GovStack)" })
  async list(@Query() query: PageQuery, @CurrentCaller() caller: Caller, @Query('state') state?: string) {
    const { items, total } = await this.queries.list(caller, state === 'completed', query);
    return page(items, total, query);
  }

  @Get(':taskId')
  @Returns(TASK)
  @ApiOperation({ summary: 'A task (GovStack), with its application' })
  get(@Param('taskId', taskId) id: string, @CurrentCaller() caller: Caller) {
    return this.queries.get(caller, id);
  }

  @Post(':taskId/complete')
  @Returns(TASK_COMPLETED)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Complete a task (GovStack): `data.outcome` (approve, reject, sendback…) and `data.comment`',
  })
  complete(
    @Param('taskId', taskId) id: string,
    @Body() body: CompleteTaskDto,
    @CurrentCaller() caller: Caller,
    @Headers('authorization') authorization: string,
  ) {
    return this.completing.execute(
      CompleteTask.create({ taskId: id, caller, authorization: authorization ?? '', data: body.data }),
    );
  }
}
