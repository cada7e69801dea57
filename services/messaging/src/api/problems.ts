import { HttpStatus } from '@nestjs/common';
import { problemStatuses } from '@onedoor/http';
import { MessagingErrorCode as Code } from '../domain';

/** How OneDoor's HTTP API (and GovStack's) answers each refusal of the block: every code, as the compiler checks. */
export const MESSAGING_PROBLEMS = problemStatuses<Code>({
  [Code.VALIDATION_FAILED]: HttpStatus.BAD_REQUEST,
  [Code.MALFORMED_ID]: HttpStatus.BAD_REQUEST,
  [Code.MESSAGE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.BATCH_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.RECIPIENT_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.TEMPLATE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.RULE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.MISSING_VARIABLES]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.INVALID_TEMPLATE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.UNKNOWN_TEMPLATE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.OPTED_OUT]: HttpStatus.CONFLICT,
  [Code.UNKNOWN_PERSON]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.INACTIVE_PERSON]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.NO_ADDRESS]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.BAD_SIGNATURE]: HttpStatus.UNAUTHORIZED,
});
