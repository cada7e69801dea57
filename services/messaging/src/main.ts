import './instrument';
import { runBlockProcess } from '@onedoor/platform-kit';
import { MessagingBlock } from './index';

/** The messaging block as a process of its own (distributed mode): `node dist/services/messaging/src/main.js`. */
runBlockProcess(MessagingBlock);
