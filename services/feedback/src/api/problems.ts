import { HttpStatus } from '@nestjs/common';
import { problemStatuses } from '@onedoor/http';
import { FeedbackErrorCode as Code } from '../domain';

/** How OneDoor's HTTP API answers each refusal of the block: every code, as the compiler checks. */
export const FEEDBACK_PROBLEMS = problemStatuses<Code>({
  [Code.VALIDATION_FAILED]: HttpStatus.BAD_REQUEST,
  [Code.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [Code.SIGN_IN_REQUIRED]: HttpStatus.UNAUTHORIZED,
  [Code.CASE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.NOT_NOW]: HttpStatus.CONFLICT,
  [Code.INCOMPLETE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.UNKNOWN_TOPIC]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.UNKNOWN_PLACE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.UNKNOWN_UNIT]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.WINDOW_CLOSED]: HttpStatus.CONFLICT,
  [Code.PERSONAL_DATA]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.NOT_RATEABLE]: HttpStatus.NOT_FOUND,
  [Code.ALREADY_RATED]: HttpStatus.CONFLICT,
  [Code.TOO_MANY_ATTEMPTS]: HttpStatus.TOO_MANY_REQUESTS,
  [Code.INVALID_API_KEY]: HttpStatus.FORBIDDEN,
  [Code.KEY_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.SERVICE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.BAD_SIGNATURE]: HttpStatus.UNAUTHORIZED,
  [Code.UNSUPPORTED_ATTACHMENT]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [Code.ATTACHMENT_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [Code.TOO_MANY_ATTACHMENTS]: HttpStatus.CONFLICT,
  [Code.TOO_MANY_SUBMISSIONS]: HttpStatus.TOO_MANY_REQUESTS,
});
