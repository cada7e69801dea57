import './instrument';
import { runBlockProcess } from '@onedoor/platform-kit';
import { IdentityBlock } from './index';

/** The identity block as a process of its own (distributed mode): `node dist/services/identity/src/main.js`. */
runBlockProcess(IdentityBlock);
