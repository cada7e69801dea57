import { Injectable } from '@nestjs/common';
import { hasRole, ROLES, type Caller } from '@onedoor/contracts';
import { RegistrationError, RegistrationErrorCode, taskVisible } from '../../domain';
import { ApplicationReads, type ListOrder, type TaskRecord } from '../ports';

/** GovStack's officer tasks, for applications: the workflow block's user tasks, kept here from its events. */
@Injectable()
export class TaskQueries {
  constructor(private readonly reads: ApplicationReads) {}

  private async views(tasks: TaskRecord[]) {
    const { applications, services } = await this.reads.ofTasks(tasks);
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

  /** The caller's office's open (or completed) tasks, oldest first; of one application or assignee when asked. */
  async list(
    caller: Caller,
    completed: boolean,
    page: { offset: number; limit: number },
    filter: { applicationId?: string; assignee?: string } = {},
    order?: ListOrder,
  ) {
    if (!caller.unit && !hasRole(caller, ROLES.platformOperator)) {
      throw new RegistrationError(
        RegistrationErrorCode.NO_UNIT,
        'Your sign-in carries no unit: tasks belong to an office.',
      );
    }
    const states = completed ? ['completed'] : ['open', 'claimed'];
    const operator = hasRole(caller, ROLES.platformOperator);
    const scope = operator ? {} : { unit: caller.unit, ministry: caller.ministry, province: caller.province };
    const [items, total] = await this.reads.tasks(states, { ...scope, ...filter }, page, order);
    return { items: await this.views(items), total };
  }

  /** A task, with its application's form data. */
  async get(caller: Caller, id: string) {
    const task = await this.reads.task(id);
    const found = task && (await this.reads.application(task.applicationId));
    if (!task || !taskVisible(caller, task, found?.application)) {
      throw new RegistrationError(RegistrationErrorCode.TASK_NOT_FOUND, `No task ${id}.`);
    }
    const [view] = await this.views([task]);
    return { ...view, data: found?.application.formData };
  }
}
