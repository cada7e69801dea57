import { Injectable } from '@nestjs/common';
import { hasRole, ROLES, type Caller } from '@onedoor/contracts';
import {
  administersCase,
  seesEveryInstance,
  taskInScope,
  unitOf,
  WorkflowError,
  WorkflowErrorCode,
} from '../../domain';
import { WorkflowStore, type InstanceFilter, type Page } from '../ports';

/**
 * Process instances as callers may see them: operators and national administrators and starters see every one; a
 * ministry's administrator or starter its ministry's (and province's) cases; an officer the cases with a task at
 * their unit. A list and a read by id follow the same rule.
 */
@Injectable()
export class InstanceQueries {
  constructor(private readonly store: WorkflowStore) {}

  list(caller: Caller, filter: Omit<InstanceFilter, 'unit' | 'caseOf'>, page: Page) {
    if (seesEveryInstance(caller)) return this.store.instances(filter, page);
    if (hasRole(caller, ROLES.workflowAdmin, ROLES.workflowStarter) && caller.ministry) {
      return this.store.instances(
        { ...filter, caseOf: { ministry: caller.ministry, province: caller.province } },
        page,
      );
    }
    const officer = { unit: unitOf(caller), ministry: caller.ministry, province: caller.province };
    return this.store.instances({ ...filter, ...officer }, page);
  }

  /** One instance with its tasks and audit trail (its first 500 entries). */
  async get(caller: Caller, id: string) {
    const instance = await this.store.instance(id);
    const tasks = instance ? await this.store.tasksOf(id) : [];
    const atTheirUnit = tasks.some((t) => !!caller.unit && t.unit === caller.unit && taskInScope(caller, t));
    if (!instance || (!administersCase(caller, instance.variables) && !atTheirUnit)) {
      throw new WorkflowError(WorkflowErrorCode.INSTANCE_NOT_FOUND, `No process instance ${id}.`);
    }
    return { instance, tasks, history: await this.store.historyOf(id) };
  }
}
