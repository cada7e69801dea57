import { HttpStatus, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ProblemException } from './problem';

function flatten(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Validates and transforms request DTOs; unknown fields are refused; errors name the field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new ProblemException(
        HttpStatus.BAD_REQUEST,
        'PLATFORM.VALIDATION_FAILED',
        'The request is not valid.',
        flatten(errors),
      ),
  });
}
