import { Injectable } from '@nestjs/common';
import { hasRole, ROLES, type Caller } from '@onedoor/contracts';
import { unitOf, type TaskRecord } from '../../domain';
import { WorkflowStore, type Page } from '../ports';
import { visibleTask } from '../task-access';

/**
 * Officers' queues: their unit's tasks for the roles they hold (supervisors: every task of the unit);
 * operators and administrators any unit's. A task read by id follows the same rule (canSeeTask).
 */
@Injectable()
export class TaskQueries {
  constructor(private readonly store: WorkflowStore) {}

  queue(caller: Caller, filter: { unit?: string; state?: string; mine?: boolean }, page: Page) {
    const operator = hasRole(caller, ROLES.platformOperator, ROLES.workflowAdmin);
    const unit = operator ? filter.unit : unitOf(caller);
    return this.store.tasks(
      {
        unit,
        ...(!operator && { ministry: caller.ministry, province: caller.province }),
        ...(!operator && !hasRole(caller, ROLES.workflowSupervisor) && { roles: caller.roles }),
        states: filter.state ? [filter.state] : ['open', 'claimed'],
        ...(filter.mine && { assignee: caller.sub }),
      },
      page,
    );
  }

  get(caller: Caller, id: string): Promise<TaskRecord> {
    return this.store.transaction((tx) => visibleTask(tx, id, caller));
  }
}
