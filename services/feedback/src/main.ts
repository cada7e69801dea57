import './instrument';
import { runBlockProcess } from '@onedoor/platform-kit';
import { FeedbackBlock } from './index';

/** The feedback block as a process of its own (distributed mode): `node dist/services/feedback/src/main.js`. */
runBlockProcess(FeedbackBlock);
