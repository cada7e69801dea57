import { BlockError } from '@onedoor/application';

/** Every refusal of the messaging block. The API maps each one to its status (api/problems.ts). */
export enum MessagingErrorCode {
  VALIDATION_FAILED = 'PLATFORM.VALIDATION_FAILED',
  MALFORMED_ID = 'MESSAGING.MALFORMED_ID',
  MESSAGE_NOT_FOUND = 'MESSAGING.MESSAGE_NOT_FOUND',
  BATCH_NOT_FOUND = 'MESSAGING.BATCH_NOT_FOUND',
  RECIPIENT_NOT_FOUND = 'MESSAGING.RECIPIENT_NOT_FOUND',
  TEMPLATE_NOT_FOUND = 'MESSAGING.TEMPLATE_NOT_FOUND',
  RULE_NOT_FOUND = 'MESSAGING.RULE_NOT_FOUND',
  MISSING_VARIABLES = 'MESSAGING.MISSING_VARIABLES',
  INVALID_TEMPLATE = 'MESSAGING.INVALID_TEMPLATE',
  UNKNOWN_TEMPLATE = 'MESSAGING.UNKNOWN_TEMPLATE',
  OPTED_OUT = 'MESSAGING.OPTED_OUT',
  /** The recipient cannot be reached: the platform does not know the person, */
  UNKNOWN_PERSON = 'MESSAGING.UNKNOWN_PERSON',
  /** … the person is deactivated, */
  INACTIVE_PERSON = 'MESSAGING.INACTIVE_PERSON',
  /** … or the person has no address. */
  NO_ADDRESS = 'MESSAGING.NO_ADDRESS',
  BAD_SIGNATURE = 'MESSAGING.BAD_SIGNATURE',
}

export class MessagingError extends BlockError<MessagingErrorCode> {}
