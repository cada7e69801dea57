import { HttpStatus } from '@nestjs/common';
import { problemStatuses } from '@onedoor/http';
import { MediatorErrorCode as Code } from '../domain';

/** How the mediator's HTTP APIs answer each refusal: every code, as the compiler checks. */
export const MEDIATOR_PROBLEMS = problemStatuses<Code>({
  [Code.VALIDATION_FAILED]: HttpStatus.BAD_REQUEST,
  [Code.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [Code.EVENT_TYPE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.SUBSCRIPTION_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.SUBSCRIPTION_EXISTS]: HttpStatus.CONFLICT,
  [Code.EVENT_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.NOT_NOW]: HttpStatus.CONFLICT,
  [Code.NOT_OFFERED]: HttpStatus.METHOD_NOT_ALLOWED,
  [Code.SERVICE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [Code.DIRECTORY_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
});
