import { Injectable } from '@nestjs/common';
import { hasRole, ROLES, type Caller } from '@onedoor/contracts';
import { actsNationally, unitOf, type TaskRecord } from '../../domain';
import { WorkflowStore, type Page } from '../ports';
import { visibleTask } from '../task-access';

/**
 * Officers' queues: their unit's tasks for the roles they hold (supervisors: every task of the unit); operators and
 * national administrators any unit's, a ministry's administrators any unit's of their ministry's cases. A task read
 * by id follows the same rule (canSeeTask).
 */
@Injectable()
export class TaskQueries {
  constructor(private readonly store: WorkflowStore) {}

  queue(caller: Caller, filter: { unit?: string; state?: string; mine?: boolean }, page: Page) {
    const common = {
      states: filter.state ? [filter.state] : ['open', 'claimed'],
      ...(filter.mine && { assignee: caller.sub }),
    };
    if (hasRole(caller, ROLES.platformOperator) || (hasRole(caller, ROLES.workflowAdmin) && actsNationally(caller))) {
      return this.store.tasks({ unit: filter.unit, ...common }, page);
    }
    if (hasRole(caller, ROLES.workflowAdmin)) {
      const caseOf = { ministry: caller.ministry!, province: caller.province };
      return this.store.tasks({ unit: filter.unit, caseOf, ...common }, page);
    }
    return this.store.tasks(
      {
        unit: unitOf(caller),
        ministry: caller.ministry,
        province: caller.province,
        ...(!hasRole(caller, ROLES.workflowSupervisor) && { roles: caller.roles }),
        ...common,
      },
      page,
    );
  }

  get(caller: Caller, id: string): Promise<TaskRecord> {
    return this.store.transaction((tx) => visibleTask(tx, id, caller));
  }
}
