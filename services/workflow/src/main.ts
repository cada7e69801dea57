import './instrument';
import { runBlockProcess } from '@onedoor/platform-kit';
import { WorkflowBlock } from './index';

/** The workflow block as a process of its own (distributed mode): `node dist/services/workflow/src/main.js`. */
runBlockProcess(WorkflowBlock);
