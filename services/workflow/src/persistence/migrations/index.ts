import { Workflow1765000000000 } from './1765000000000-workflow.migration';
import { Endpoints1765300000000 } from './1765300000000-endpoints.migration';
import { TimersInstanceIndex1765500000000 } from './1765500000000-timers-instance-index.migration';
import { TaskScope1766200000000 } from './1766200000000-task-scope.migration';
import { MinistryOwners1766600000000 } from './1766600000000-ministry-owners.migration';
import { TaskEscalation1768500000000 } from './1768500000000-task-escalation.migration';

/** The workflow block's own migrations, in order. The platform's tables (outbox, inbox, idempotency keys) come first. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const WORKFLOW_MIGRATIONS: Function[] = [
  Workflow1765000000000,
  Endpoints1765300000000,
  TimersInstanceIndex1765500000000,
  TaskScope1766200000000,
  MinistryOwners1766600000000,
  TaskEscalation1768500000000,
];
