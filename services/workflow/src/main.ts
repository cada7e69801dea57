import './instrument';
import { loadPlatformConfig, startPlatform, stopOnSignals } from '@onedoor/platform-kit';
import { WorkflowBlock } from './index';

/** The workflow block as a process of its own (distributed mode): `node dist/services/workflow/src/main.js`. */
async function main() {
  const platform = await startPlatform([WorkflowBlock], loadPlatformConfig());
  stopOnSignals(platform);
}

main().catch((error) => {
  console.error(JSON.stringify({ level: 'fatal', service: 'workflow', msg: error.message }));
  process.exit(1);
});
