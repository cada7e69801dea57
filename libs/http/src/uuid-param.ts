import { HttpStatus, ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from './problem';

/** A route parameter that must be a UUID: anything else is 400 problem+json `<BLOCK>.MALFORMED_ID`, naming what. */
export function uuidParam(block: string, what: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      new ProblemException(HttpStatus.BAD_REQUEST, `${block.toUpperCase()}.MALFORMED_ID`, `A ${what} id is a UUID.`),
  });
}
