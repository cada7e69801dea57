import { Injectable } from '@nestjs/common';
import type { Caller } from '@onedoor/contracts';
import { assertNational, assertReferenceId, WorkflowError, WorkflowErrorCode, type EndpointRecord } from '../../domain';
import { EndpointCaller, WorkflowStore } from '../ports';
import { SaveEndpoint } from './keep-endpoints.command';

/** The endpoints processes call by name (service tasks with `onedoor:call`); this replica sees a change at once. */
@Injectable()
export class KeepEndpointsHandler {
  constructor(
    private readonly store: WorkflowStore,
    private readonly calls: EndpointCaller,
  ) {}

  async save({ name, url, auth, caller }: SaveEndpoint): Promise<EndpointRecord> {
    assertNational(caller, 'An endpoint');
    assertReferenceId(name);
    const endpoint: EndpointRecord = { name, url, auth, updatedBy: caller.sub, updatedAt: new Date() };
    await this.store.saveEndpoint(endpoint);
    this.calls.forget();
    return endpoint;
  }

  async delete(name: string, caller: Caller): Promise<void> {
    assertNational(caller, 'An endpoint');
    const deleted = await this.store.deleteEndpoint(name);
    this.calls.forget();
    if (!deleted) throw new WorkflowError(WorkflowErrorCode.ENDPOINT_NOT_FOUND, `No endpoint ${name}.`);
  }
}
