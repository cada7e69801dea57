import { HttpStatus, SetMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { ProblemException } from './problem';

const OPEN_SCHEMA = 'onedoor:open-schema';

/**
 * A request DTO written from another party's schema (GovStack's): a property it does not name is dropped, not
 * refused, as that schema (JSON Schema without `additionalProperties: false`) allows. OneDoor's own DTOs refuse
 * unknown fields.
 */
export const OpenSchema = (): ClassDecorator => SetMetadata(OPEN_SCHEMA, true);

class OneDoorValidationPipe extends ValidationPipe {
  protected override validate(object: object, options?: ValidatorOptions) {
    const open = Reflect.getMetadata(OPEN_SCHEMA, object.constructor) === true;
    return super.validate(object, open ? { ...options, forbidNonWhitelisted: false } : options);
  }
}

/** class-validator's nested errors as a flat list, each naming its field by path (`request.clientId`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Validates and transforms request DTOs; unknown fields are refused (see OpenSchema); errors name the field. */
export function createValidationPipe(): ValidationPipe {
  return new OneDoorValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new ProblemException(
        HttpStatus.BAD_REQUEST,
        'PLATFORM.VALIDATION_FAILED',
        'The request is not valid.',
        flattenValidationErrors(errors),
      ),
  });
}
