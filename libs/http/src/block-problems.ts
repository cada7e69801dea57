import type { BlockError, HttpStatusTable } from '@onedoor/application';
import { CommonErrorCode } from '@onedoor/application';

const statuses = new Map<string, number>([
  [CommonErrorCode.VALIDATION_FAILED, 400],
  [CommonErrorCode.FORBIDDEN, 403],
  [CommonErrorCode.STORAGE_UNAVAILABLE, 503],
]);

/**
 * A block's HTTP face declares the status of each of its error codes (`Record<Code, status>`, so the compiler
 * finds a code the table forgot) and registers it here, once, when its module loads; ProblemDetailsFilter then
 * answers a BlockError with that status. A code registered twice with two statuses is a programming error.
 */
export function problemStatuses<C extends string>(table: HttpStatusTable<C>): HttpStatusTable<C> {
  for (const [code, status] of Object.entries<number>(table)) {
    const known = statuses.get(code);
    if (known !== undefined && known !== status) {
      throw new Error(`error code ${code} is mapped to HTTP ${known} and to ${status}`);
    }
    statuses.set(code, status);
  }
  return table;
}

/** The status a block declared for this error's code; undefined for a code no table names (a 500, logged). */
export function problemStatusOf(error: BlockError): number | undefined {
  return statuses.get(error.code);
}
