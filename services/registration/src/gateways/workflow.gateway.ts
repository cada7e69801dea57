import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ProblemException } from '@onedoor/http';
import type { WorkflowGateway } from '../application/ports';
import { REGISTRATION_CONFIG, type RegistrationConfig } from '../registration.config';

/**
 * The workflow block's HTTP API. Its refusals are passed on as they came (status, code, detail): the officer
 * reads the workflow block's own reason. A block that does not answer (restarting, a network cut) is a 503 with
 * Retry-After: the officer's app retries. Each completion carries an Idempotency-Key of the task's own, so a retry
 * after an answer lost on the way (the workflow block completed the task, then died or timed out) is answered as
 * the first was, not refused as a task already completed.
 */
@Injectable()
export class HttpWorkflowGateway implements WorkflowGateway {
  constructor(@Inject(REGISTRATION_CONFIG) private readonly config: RegistrationConfig) {}

  async completeTask(
    taskId: string,
    authorization: string,
    decision: { outcome: string; comment?: string; variables?: Record<string, unknown> },
  ): Promise<void> {
    let response: Response;
    try {
      response = await fetch(`${this.config.workflowUrl()}/tasks/${taskId}/complete`, {
        method: 'POST',
        headers: {
          authorization,
          'content-type': 'application/json',
          'idempotency-key': `registration:complete:${taskId}`,
        },
        body: JSON.stringify(decision),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'REGISTRATION.WORKFLOW_UNREACHABLE',
        `The workflow block did not answer (${(error as Error).message}). Retry shortly: the same decision is then taken once.`,
      );
    }
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      throw new ProblemException(
        response.status,
        String(answer.code ?? 'REGISTRATION.TASK_NOT_COMPLETED'),
        String(answer.detail ?? 'The workflow block refused.'),
        answer.errors as never,
      );
    }
  }
}
