import './instrument';
import { loadPlatformConfig, startPlatform, stopOnSignals } from '@onedoor/platform-kit';
import { MessagingBlock } from './index';

/** The messaging block as a process of its own (distributed mode): `node dist/services/messaging/src/main.js`. */
async function main() {
  const platform = await startPlatform([MessagingBlock], loadPlatformConfig());
  stopOnSignals(platform);
}

main().catch((error) => {
  console.error(JSON.stringify({ level: 'fatal', service: 'messaging', msg: error.message }));
  process.exit(1);
});
