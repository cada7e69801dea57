import { HttpStatus } from '@nestjs/common';
import { problemStatuses } from '@onedoor/http';
import { RegistrationErrorCode as Code } from '../domain';

/** How OneDoor's HTTP API answers each refusal of the block: every code, as the compiler checks. */
export const REGISTRATION_PROBLEMS = problemStatuses<Code>({
  [Code.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [Code.VALIDATION_FAILED]: HttpStatus.BAD_REQUEST,
  [Code.APPLICATION_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.DOCUMENT_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.TASK_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.SERVICE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.TRACKED_APPLICATION_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.NOT_YOURSELF]: HttpStatus.FORBIDDEN,
  [Code.UNKNOWN_APPLICANT]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.NOT_YOURS]: HttpStatus.FORBIDDEN,
  [Code.OTHER_MINISTRY]: HttpStatus.FORBIDDEN,
  [Code.NO_UNIT]: HttpStatus.FORBIDDEN,
  [Code.FORM_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [Code.FORM_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.NOT_ELIGIBLE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.DOCUMENTS_MISSING]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.SERVICE_VERSION_RETIRED]: HttpStatus.CONFLICT,
  [Code.EFORM_MISMATCH]: HttpStatus.CONFLICT,
  [Code.NOT_EDITABLE]: HttpStatus.CONFLICT,
  [Code.NOT_WITHDRAWABLE]: HttpStatus.CONFLICT,
  [Code.NOT_PAYABLE]: HttpStatus.CONFLICT,
  [Code.ALREADY_PAID]: HttpStatus.CONFLICT,
  [Code.WRONG_AMOUNT]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.NO_FILE]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [Code.UNKNOWN_DOCUMENT_TYPE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.DOCUMENT_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [Code.DOCUMENT_TYPE_NOT_ACCEPTED]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [Code.INVALID_SERVICE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.CODE_MISMATCH]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.SERVICE_EXISTS]: HttpStatus.CONFLICT,
  [Code.BAD_TRACKING_CODE]: HttpStatus.BAD_REQUEST,
  [Code.TOO_MANY_ATTEMPTS]: HttpStatus.TOO_MANY_REQUESTS,
});
