import './instrument';
import { loadPlatformConfig, startPlatform, stopOnSignals } from '@onedoor/platform-kit';
import { IdentityBlock } from './index';

/** The identity block as a process of its own (distributed mode): `node dist/services/identity/src/main.js`. */
async function main() {
  const platform = await startPlatform([IdentityBlock], loadPlatformConfig());
  stopOnSignals(platform);
}

main().catch((error) => {
  console.error(JSON.stringify({ level: 'fatal', service: 'identity', msg: error.message }));
  process.exit(1);
});
