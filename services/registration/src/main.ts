import './instrument';
import { runBlockProcess } from '@onedoor/platform-kit';
import { RegistrationBlock } from './index';

/** The registration block as a process of its own (distributed mode): `node dist/services/registration/src/main.js`. */
runBlockProcess(RegistrationBlock);
