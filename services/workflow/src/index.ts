import type { BlockDefinition } from '@onedoor/platform-kit';
import { WorkflowModule } from './workflow.module';
import { WORKFLOW_MIGRATIONS } from './migrations';

export const WorkflowBlock: BlockDefinition = {
  name: 'workflow',
  title: 'Workflow',
  description:
    'BPMN processes that route applications and hotline cases between offices, with human tasks, deadlines and escalation.',
  module: WorkflowModule,
  entities: [],
  migrations: WORKFLOW_MIGRATIONS,
};
