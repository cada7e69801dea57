import type { EventFailureTable } from '@onedoor/application';
import { PermanentEventError } from '@onedoor/backbone';
import { WorkflowError, WorkflowErrorCode as Code } from '../domain';

/**
 * What the consumers do when a handler refuses an event: `dead-letter` when the event can never succeed (it names
 * a process that does not exist, it carries what the process refuses), `retry` when the cause may pass (an
 * endpoint that did not answer, an instance another step holds). Every code, as the compiler checks.
 */
export const WORKFLOW_EVENT_FAILURES: EventFailureTable<Code> = {
  [Code.VALIDATION_FAILED]: 'dead-letter',
  [Code.DEFINITION_NOT_FOUND]: 'dead-letter',
  [Code.INVALID_DEFINITION]: 'dead-letter',
  [Code.KEY_MISMATCH]: 'dead-letter',
  [Code.VARIABLES_TOO_LARGE]: 'dead-letter',
  [Code.OUTCOME_NOT_ACCEPTED]: 'dead-letter',
  [Code.MOVED_BY_EVENTS]: 'dead-letter',
  [Code.INSTANCE_NOT_FOUND]: 'retry',
  [Code.TASK_NOT_FOUND]: 'retry',
  [Code.ENDPOINT_NOT_FOUND]: 'retry',
  [Code.RULE_NOT_FOUND]: 'retry',
  [Code.HOLIDAY_NOT_FOUND]: 'retry',
  [Code.MAPPING_NOT_FOUND]: 'retry',
  [Code.NO_ROUTE]: 'retry',
  [Code.NO_WAITING_INSTANCE]: 'retry',
  [Code.NO_UNIT]: 'retry',
  [Code.NOT_YOUR_UNIT]: 'retry',
  [Code.NOT_SUPERVISOR]: 'retry',
  [Code.OUT_OF_SCOPE]: 'dead-letter',
  [Code.DEFINITION_EXISTS]: 'retry',
  [Code.RULE_EXISTS]: 'retry',
  [Code.INSTANCE_ENDED]: 'retry',
  [Code.TASK_CLAIMED]: 'retry',
  [Code.TASK_CLOSED]: 'retry',
  [Code.CALL_FAILED]: 'retry',
};

/** Runs a handler for an event; a refusal the table calls permanent goes to dead letters without retries. */
export async function consumed(work: Promise<void>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (error instanceof WorkflowError && WORKFLOW_EVENT_FAILURES[error.code] === 'dead-letter') {
      // The dead letter's error header: the refusal's sentence as a reason, then its code.
      const reason = error.message.replace(/^./, (c) => c.toLowerCase()).replace(/\.$/, '');
      throw new PermanentEventError(`${reason} (${error.code})`);
    }
    throw error;
  }
}
