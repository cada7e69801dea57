import './instrument';
import { runBlockProcess } from '@onedoor/platform-kit';
import { MediatorBlock } from './index';

/** The information mediator as a process of its own (distributed mode): `node dist/services/mediator/src/main.js`. */
runBlockProcess(MediatorBlock);
