import { HttpStatus } from '@nestjs/common';
import { problemStatuses } from '@onedoor/http';
import { WorkflowErrorCode as Code } from '../domain';

/** How OneDoor's HTTP API answers each refusal of the block: every code, as the compiler checks. */
export const WORKFLOW_PROBLEMS = problemStatuses<Code>({
  [Code.VALIDATION_FAILED]: HttpStatus.BAD_REQUEST,
  [Code.DEFINITION_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.INSTANCE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.TASK_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.ENDPOINT_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.RULE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.HOLIDAY_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.MAPPING_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.NO_ROUTE]: HttpStatus.NOT_FOUND,
  [Code.NO_WAITING_INSTANCE]: HttpStatus.NOT_FOUND,
  [Code.NO_UNIT]: HttpStatus.FORBIDDEN,
  [Code.NOT_YOUR_UNIT]: HttpStatus.FORBIDDEN,
  [Code.NOT_SUPERVISOR]: HttpStatus.FORBIDDEN,
  [Code.OUT_OF_SCOPE]: HttpStatus.FORBIDDEN,
  [Code.DEFINITION_EXISTS]: HttpStatus.CONFLICT,
  [Code.RULE_EXISTS]: HttpStatus.CONFLICT,
  [Code.INSTANCE_ENDED]: HttpStatus.CONFLICT,
  [Code.TASK_CLAIMED]: HttpStatus.CONFLICT,
  [Code.TASK_CLOSED]: HttpStatus.CONFLICT,
  [Code.INVALID_DEFINITION]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.KEY_MISMATCH]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.OUTCOME_NOT_ACCEPTED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [Code.MOVED_BY_EVENTS]: HttpStatus.CONFLICT,
  [Code.VARIABLES_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [Code.CALL_FAILED]: HttpStatus.BAD_GATEWAY,
});
