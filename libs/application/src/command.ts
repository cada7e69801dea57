import { validateSync, type ValidationError } from 'class-validator';
import { InvalidCommand, type FieldError } from './block-error';

/** The data fields of a command class (its methods left out). */
export type CommandProps<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: T[K] };

function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = `${prefix}${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], `${field}.`)];
  });
}

/**
 * A use case's input, valid by construction: `SubmitApplication.create({...})` checks the class's
 * class-validator decorators and throws InvalidCommand (PLATFORM.VALIDATION_FAILED) when a value breaks them, so a
 * handler called from HTTP, GovStack or an event gets the same guarantees. Commands are immutable once made.
 */
export abstract class Command {
  static create<T extends Command>(this: new () => T, props: CommandProps<T>): T {
    const command = Object.assign(new this(), props);
    const errors = validateSync(command, { forbidUnknownValues: false });
    if (errors.length) throw new InvalidCommand(fieldErrors(errors));
    return Object.freeze(command);
  }
}
