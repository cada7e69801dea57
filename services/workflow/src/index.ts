import type { BlockDefinition } from '@onedoor/platform-kit';
import { WORKFLOW_CONSUMES } from './events/event-triggers.consumer';
import { WorkflowModule } from './workflow.module';
import { WORKFLOW_MIGRATIONS } from './persistence/migrations';
import { WORKFLOW_ENTITIES } from './persistence/workflow.entities';

export const WorkflowBlock: BlockDefinition = {
  name: 'workflow',
  title: 'Workflow',
  description:
    'BPMN processes that route applications and hotline cases between offices, with human tasks, deadlines and escalation.',
  module: WorkflowModule,
  entities: WORKFLOW_ENTITIES,
  migrations: WORKFLOW_MIGRATIONS,
  consumes: WORKFLOW_CONSUMES,
};
export { compileDefinition } from './domain/process/definition-compiler';
export { runStep } from './domain/process/process-runner';
