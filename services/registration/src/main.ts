import './instrument';
import { loadPlatformConfig, startPlatform, stopOnSignals } from '@onedoor/platform-kit';
import { RegistrationBlock } from './index';

/** The registration block as a process of its own (distributed mode): `node dist/services/registration/src/main.js`. */
async function main() {
  const platform = await startPlatform([RegistrationBlock], loadPlatformConfig());
  stopOnSignals(platform);
}

main().catch((error) => {
  console.error(JSON.stringify({ level: 'fatal', service: 'registration', msg: error.message }));
  process.exit(1);
});
