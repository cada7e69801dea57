import { valueAt } from '@onedoor/contracts';
import { isCalendarDate, type FieldError } from '@onedoor/application';
import { WorkflowError, WorkflowErrorCode } from './workflow.error';
import type { EventMappingRecord } from './workflow.model';

const ID = /^[a-z0-9][a-z0-9-]{1,99}$/;

/** The id of a routing rule, endpoint or event mapping: 2–100 lower-case letters, digits and -. */
export function assertReferenceId(id: string): void {
  if (!ID.test(id)) {
    throw new WorkflowError(WorkflowErrorCode.VALIDATION_FAILED, 'id: 2–100 lower-case letters, digits and -', [
      { field: 'id', message: '2–100 lower-case letters, digits and -' },
    ]);
  }
}

export { isCalendarDate };

/** What is wrong with an event mapping: what it needs for its action, and variables that are payload paths. */
export function eventMappingErrors(
  mapping: Pick<EventMappingRecord, 'action'> & {
    processKey?: string | null;
    messageName?: string | null;
    variables?: Record<string, unknown>;
  },
): FieldError[] {
  return [
    ...(mapping.action === 'start' && !mapping.processKey
      ? [{ field: 'processKey', message: 'required to start a process' }]
      : []),
    ...(mapping.action === 'message' && !mapping.messageName
      ? [{ field: 'messageName', message: 'required to deliver a message' }]
      : []),
    ...Object.entries(mapping.variables ?? {})
      .filter(
        ([name, path]) =>
          !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) ||
          typeof path !== 'string' ||
          !/^[A-Za-z_][A-Za-z0-9_.]{0,199}$/.test(path),
      )
      .map(([name]) => ({
        field: `variables.${name}`,
        message: 'a variable name and a payload path such as address.province',
      })),
  ];
}

/** Whether an event's payload meets the mapping's conditions (`when`: payload path → expected value). */
export function mappingMatches(mapping: Pick<EventMappingRecord, 'when'>, data: unknown): boolean {
  return Object.entries(mapping.when ?? {}).every(([path, expected]) => valueAt(data, path) === expected);
}

const MAX_VARIABLES_BYTES = 64_000;

/** Process start variables: at most 64 kB of JSON. */
export function assertVariablesSize(variables: Record<string, unknown>, limit = MAX_VARIABLES_BYTES): void {
  if (JSON.stringify(variables).length > limit) {
    throw new WorkflowError(
      WorkflowErrorCode.VARIABLES_TOO_LARGE,
      `${limit === MAX_VARIABLES_BYTES ? 'Variables are' : 'Task variables are'} limited to ${limit / 1_000} kB of JSON.`,
    );
  }
}
