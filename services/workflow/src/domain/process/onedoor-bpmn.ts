/**
 * The `onedoor:` attributes a BPMN document uses to say what its tasks do on this platform
 * (namespace `https://onedoor.gov.la/bpmn`; docs/blocks/workflow.md lists them with an example):
 *
 * - process `slaWorkingDays`: the service-level target of a whole case, in working days.
 * - userTask `role` (required): the role that works the task; `unit`: the office, an expression such as
 *   `${environment.variables.unit}` (the default: the unit the routing step chose); `outcomes`: the outcomes the
 *   process accepts, comma-separated (default `complete`); `dueInWorkingDays`: the task's deadline; `warnWorkingDaysBefore`: when its office is
 *   warned that the deadline is near. Past the deadline the task escalates to its unit's supervisors; `escalateTo`
 *   (offices or expressions, comma-separated, such as `${environment.variables.ministry},PMO`) takes it on up, to one
 *   office every `escalateEveryWorkingDays` (default: its `dueInWorkingDays`) while it stays open.
 * - serviceTask: exactly one of `status` (publish the case's new status, such as APPROVED), `route` (pick the
 *   responsible unit from the routing table for the category in the given variable, or for the category itself
 *   when quoted (`'business-licence-province'`: a later step at the office of the case's province or district),
 *   and publish that) or
 *   `call` (POST the case to a registered endpoint, such as another block's API; `result` names the variable
 *   that keeps the answer).
 */
export const ONEDOOR_NAMESPACE = 'https://onedoor.gov.la/bpmn';

export const ONEDOOR_MODDLE_SCHEMA = {
  name: 'OneDoor',
  uri: ONEDOOR_NAMESPACE,
  prefix: 'onedoor',
  xml: { tagAlias: 'lowerCase' },
  types: [
    {
      name: 'ProcessProperties',
      isAbstract: true,
      extends: ['bpmn:Process'],
      properties: [{ name: 'slaWorkingDays', isAttr: true, type: 'String' }],
    },
    {
      name: 'UserTaskProperties',
      isAbstract: true,
      extends: ['bpmn:UserTask'],
      properties: [
        { name: 'role', isAttr: true, type: 'String' },
        { name: 'unit', isAttr: true, type: 'String' },
        { name: 'outcomes', isAttr: true, type: 'String' },
        { name: 'dueInWorkingDays', isAttr: true, type: 'String' },
        { name: 'warnWorkingDaysBefore', isAttr: true, type: 'String' },
        { name: 'escalateTo', isAttr: true, type: 'String' },
        { name: 'escalateEveryWorkingDays', isAttr: true, type: 'String' },
      ],
    },
    {
      name: 'ServiceTaskProperties',
      isAbstract: true,
      extends: ['bpmn:ServiceTask'],
      properties: [
        { name: 'status', isAttr: true, type: 'String' },
        { name: 'route', isAttr: true, type: 'String' },
        { name: 'call', isAttr: true, type: 'String' },
        { name: 'result', isAttr: true, type: 'String' },
      ],
    },
  ],
};
