import type { BlockDefinition } from '@onedoor/platform-kit';
import { IdentityBlock } from '@onedoor/identity';
import { RegistrationBlock } from '@onedoor/registration';
import { MessagingBlock } from '@onedoor/messaging';
import { WorkflowBlock } from '@onedoor/workflow';
import { FeedbackBlock } from '@onedoor/feedback';
import { MediatorBlock } from '@onedoor/mediator';

/** The composition root of embedded mode: the only place that knows every block. */
export const ALL_BLOCKS: BlockDefinition[] = [
  IdentityBlock,
  RegistrationBlock,
  MessagingBlock,
  WorkflowBlock,
  FeedbackBlock,
  MediatorBlock,
];
