import './instrument';
import { loadPlatformConfig, startPlatform, stopOnSignals } from '@onedoor/platform-kit';
import { FeedbackBlock } from './index';

/** The feedback block as a process of its own (distributed mode): `node dist/services/feedback/src/main.js`. */
async function main() {
  const platform = await startPlatform([FeedbackBlock], loadPlatformConfig());
  stopOnSignals(platform);
}

main().catch((error) => {
  console.error(JSON.stringify({ level: 'fatal', service: 'feedback', msg: error.message }));
  process.exit(1);
});
