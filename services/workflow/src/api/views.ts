import type { DefinitionRecord, InstanceRecord, RoutingRuleRecord, TaskRecord } from '../domain';

export const BPMN_CATEGORY = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/** GovStack's Process: the definition's id, key, version, and its ProcessDefinition. */
export function processView(definition: DefinitionRecord) {
  return {
    id: definition.id,
    key: definition.key,
    version: definition.version,
    category: BPMN_CATEGORY,
    processDefinition: {
      name: definition.name,
      type: definition.type,
      version: String(definition.version),
      isExecutable: true,
      description: definition.description ?? undefined,
    },
    slaWorkingDays: definition.slaWorkingDays ?? undefined,
    userTasks: definition.summary.userTasks,
    createdBy: definition.createdBy,
    createdAt: definition.createdAt,
    deleted: definition.deletedAt !== null,
  };
}

/** GovStack's ProcessInstance, plus the business key, deadline and variables. */
export function instanceView(instance: InstanceRecord) {
  return {
    id: instance.id,
    processRef: instance.processRef,
    businessKey: instance.businessKey ?? undefined,
    state: instance.state,
    ended: instance.state !== 'running',
    suspended: false,
    initTime: instance.startedAt,
    lastChangeTime: instance.updatedAt,
    endTime: instance.endedAt ?? undefined,
    dueAt: instance.dueAt ?? undefined,
    startedBy: instance.startedBy,
    reason: instance.reason ?? undefined,
  };
}

/** GovStack's answer to start and stop: the instance's id, process and where it is. */
export const instanceStatus = (instance: InstanceRecord) => {
  const view = instanceView(instance);
  return { id: view.id, processRef: view.processRef, suspended: false, ended: view.ended, state: view.state };
};

export function taskView(task: TaskRecord) {
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

export const ruleView = (rule: RoutingRuleRecord) => ({
  ...rule,
  province: rule.province || null,
  district: rule.district || null,
});
