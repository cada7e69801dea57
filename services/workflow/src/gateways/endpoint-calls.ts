import { Inject, Injectable } from '@nestjs/common';
import { EndpointCaller, type WorkflowChanges } from '../application/ports';
import { StepAborted, type EndpointCall, type EndpointRecord, type InstanceRecord } from '../domain';
import { WORKFLOW_CONFIG, type WorkflowConfig } from '../workflow.config';

const CALL_TIMEOUT_MS = 10_000;
const CACHE_MS = 2_000;
const MAX_ANSWER_BYTES = 64_000;

/**
 * Service tasks that call out (`onedoor:call`): POST the case (instance, process, business key, variables) to a
 * registered endpoint with an `Idempotency-Key` made from what identifies the step (the start key of a start,
 * else the instance and its revision), the element and how many times the step reached it: the same on every
 * retry of the step, so an endpoint that honours it acts once. A JSON answer becomes the variable named by `onedoor:result`.
 * Anything but 2xx within 10 s abandons the step: nothing of it is kept, and it runs again (event redelivery,
 * the timer's retry, or the caller's own retry of an API call, who gets 502).
 */
@Injectable()
export class EndpointCalls implements EndpointCaller {
  private readonly endpoints = new Map<string, { at: number; endpoint: Promise<EndpointRecord | null> }>();
  private token?: { value: string; expiresAt: number };

  constructor(@Inject(WORKFLOW_CONFIG) private readonly config: WorkflowConfig) {}

  private endpoint(tx: WorkflowChanges, name: string): Promise<EndpointRecord | null> {
    const hit = this.endpoints.get(name);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.endpoint;
    const endpoint = tx.endpoint(name);
    this.endpoints.set(name, { at: Date.now(), endpoint });
    return endpoint;
  }

  forget(): void {
    this.endpoints.clear();
  }

  /** The workflow block's own access token (client credentials), kept until shortly before it expires. */
  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now() + 30_000) return this.token.value;
    if (!this.config.client) {
      throw new StepAborted(
        'the endpoint needs a token: set WORKFLOW_TOKEN_URL, WORKFLOW_CLIENT_ID and WORKFLOW_CLIENT_SECRET',
      );
    }
    const { tokenUrl: url, clientId: id, clientSecret: secret } = this.config.client;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', resource: 'urn:onedoor:api' }),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    if (!response.ok) throw new StepAborted(`the token endpoint answered ${response.status}`);
    const body = (await response.json()) as { access_token: string; expires_in?: number };
    this.token = { value: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 300) * 1_000 };
    return this.token.value;
  }

  callerFor(
    tx: WorkflowChanges,
    instance: Pick<InstanceRecord, 'id' | 'processRef' | 'businessKey'>,
    stepKey: string,
  ): EndpointCall {
    const reached = new Map<string, number>();
    return async (name, request) => {
      const occurrence = (reached.get(request.elementId) ?? 0) + 1;
      reached.set(request.elementId, occurrence);
      const endpoint = await this.endpoint(tx, name);
      if (!endpoint) throw new StepAborted(`${request.elementId}: no endpoint ${name} is registered`);
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'idempotency-key': `${stepKey}:${request.elementId}:${occurrence}`,
      };
      if (endpoint.auth === 'client-credentials') headers.authorization = `Bearer ${await this.accessToken()}`;
      let response: Response;
      try {
        response = await fetch(endpoint.url, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            instanceId: instance.id,
            processRef: instance.processRef,
            businessKey: instance.businessKey ?? undefined,
            elementId: request.elementId,
            variables: request.variables,
          }),
          signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
        });
      } catch (error) {
        throw new StepAborted(`${request.elementId}: ${name} did not answer (${(error as Error).message})`);
      }
      const text = await response.text();
      if (!response.ok) throw new StepAborted(`${request.elementId}: ${name} answered ${response.status}`);
      if (!text || text.length > MAX_ANSWER_BYTES) return null;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    };
  }
}
