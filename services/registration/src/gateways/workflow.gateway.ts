import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ProblemException } from '@onedoor/http';
import type { WorkflowGateway } from '../application/ports';
import { REGISTRATION_CONFIG, type RegistrationConfig } from '../registration.config';

/**
 * The workflow block's HTTP API. Its refusals are passed on as they came (status, code, detail): the officer
 * reads the workflow block's own reason; an unreachable block is a 502.
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
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(decision),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new ProblemException(
        HttpStatus.BAD_GATEWAY,
        'REGISTRATION.WORKFLOW_UNREACHABLE',
        `The workflow block did not answer: ${(error as Error).message}`,
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
