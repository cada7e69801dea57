import { Inject, Injectable } from '@nestjs/common';
import { RegistrationError, RegistrationErrorCode, taskVisible } from '../../domain';
import { ApplicationReads, WORKFLOW_GATEWAY, type WorkflowGateway } from '../ports';
import { CompleteTask } from './complete-task.command';

/**
 * Completes a task on an application: the workflow block does it, with the officer's own token (so it checks
 * unit, role and claim); its refusals reach the officer as it gave them.
 */
@Injectable()
export class CompleteTaskHandler {
  constructor(
    private readonly reads: ApplicationReads,
    @Inject(WORKFLOW_GATEWAY) private readonly workflow: WorkflowGateway,
  ) {}

  async execute({ taskId: id, caller, authorization, data }: CompleteTask) {
    const task = await this.reads.task(id);
    const found = task && (await this.reads.application(task.applicationId));
    if (!task || !taskVisible(caller, task, found?.application)) {
      throw new RegistrationError(RegistrationErrorCode.TASK_NOT_FOUND, `No task ${id}.`);
    }
    const { outcome, comment, ...variables } = data as { outcome?: unknown; comment?: unknown };
    if (typeof outcome !== 'string') {
      throw new RegistrationError(
        RegistrationErrorCode.VALIDATION_FAILED,
        'data.outcome: the decision, such as approve',
        [{ field: 'data.outcome', message: 'required' }],
      );
    }
    await this.workflow.completeTask(id, authorization, {
      outcome,
      ...(typeof comment === 'string' && { comment }),
      ...(Object.keys(variables).length && { variables }),
    });
    return {
      taskId: id,
      fileId: task.applicationId,
      serviceId: found?.application.serviceId,
      status: found ? { code: found.application.status } : undefined,
      variables: { outcome },
    };
  }
}
