import { Body, Controller, Get, HttpCode, HttpStatus, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, type Caller } from '@onedoor/auth';
import { page, Post, Returns, schema, uuidParam } from '@onedoor/http';
import { ClaimTask } from '../application/claim-task/claim-task.command';
import { ClaimTaskHandler } from '../application/claim-task/claim-task.handler';
import { CompleteTask } from '../application/complete-task/complete-task.command';
import { CompleteTaskHandler } from '../application/complete-task/complete-task.handler';
import { TaskQueries } from '../application/queries/tasks.queries';
import { ReassignTask } from '../application/reassign-task/reassign-task.command';
import { ReassignTaskHandler } from '../application/reassign-task/reassign-task.handler';
import { ReleaseTaskHandler } from '../application/release-task/release-task.handler';
import { taskView } from './views';
import { CompleteTaskDto, ReassignTaskDto, SendBackDto, TaskQuery } from './workflow.dto';
import { TASK } from './schemas';

const taskId = uuidParam('WORKFLOW', 'task');

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly queries: TaskQueries,
    private readonly claiming: ClaimTaskHandler,
    private readonly releasing: ReleaseTaskHandler,
    private readonly completing: CompleteTaskHandler,
    private readonly reassigning: ReassignTaskHandler,
  ) {}

  @Get()
  @Returns(schema.page(TASK))
  @ApiOperation({
    summary: 'The caller’s unit’s queue: tasks for the roles they hold (supervisors: every task of the unit)',
  })
  async queue(@Query() query: TaskQuery, @CurrentCaller() caller: Caller) {
    const [items, total] = await this.queries.queue(
      caller,
      { unit: query.unit, state: query.state, mine: query.mine === 'true' },
      query,
    );
    return page(items.map(taskView), total, query);
  }

  @Get(':taskId')
  @Returns(TASK)
  @ApiOperation({ summary: 'One task' })
  async get(@Param('taskId', taskId) id: string, @CurrentCaller() caller: Caller) {
    return taskView(await this.queries.get(caller, id));
  }

  @HttpCode(HttpStatus.OK)
  @Post(':taskId/claim')
  @Returns(TASK)
  @ApiOperation({ summary: 'Take the task from the queue' })
  async claim(@Param('taskId', taskId) id: string, @CurrentCaller() caller: Caller) {
    return taskView(await this.claiming.execute(ClaimTask.create({ taskId: id, caller })));
  }

  @HttpCode(HttpStatus.OK)
  @Post(':taskId/release')
  @Returns(TASK)
  @ApiOperation({ summary: 'Put a claimed task back in the queue' })
  async release(@Param('taskId', taskId) id: string, @CurrentCaller() caller: Caller) {
    return taskView(await this.releasing.execute(ClaimTask.create({ taskId: id, caller })));
  }

  @HttpCode(HttpStatus.OK)
  @Post(':taskId/complete')
  @Returns(TASK)
  @ApiOperation({ summary: 'Complete the task with an outcome it accepts and a comment; the process moves on' })
  async complete(@Param('taskId', taskId) id: string, @Body() body: CompleteTaskDto, @CurrentCaller() caller: Caller) {
    const command = CompleteTask.create({
      taskId: id,
      caller,
      outcome: body.outcome,
      comment: body.comment,
      variables: body.variables,
    });
    return taskView(await this.completing.execute(command));
  }

  @HttpCode(HttpStatus.OK)
  @Post(':taskId/send-back')
  @Returns(TASK)
  @ApiOperation({ summary: 'Send the case back for correction (the outcome sendback, where the task accepts it)' })
  async sendBack(@Param('taskId', taskId) id: string, @Body() body: SendBackDto, @CurrentCaller() caller: Caller) {
    const command = CompleteTask.create({ taskId: id, caller, outcome: 'sendback', comment: body.comment });
    return taskView(await this.completing.execute(command));
  }

  @HttpCode(HttpStatus.OK)
  @Post(':taskId/reassign')
  @Returns(TASK)
  @ApiOperation({ summary: 'Supervisors: give the task to another unit or officer' })
  async reassign(@Param('taskId', taskId) id: string, @Body() body: ReassignTaskDto, @CurrentCaller() caller: Caller) {
    const command = ReassignTask.create({
      taskId: id,
      caller,
      unit: body.unit,
      assignee: body.assignee,
      comment: body.comment,
    });
    return taskView(await this.reassigning.execute(command));
  }
}
