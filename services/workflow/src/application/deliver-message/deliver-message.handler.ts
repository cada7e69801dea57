import { Injectable } from '@nestjs/common';
import { administersCase, WorkflowError, WorkflowErrorCode } from '../../domain';
import { InstanceEngine } from '../engine/instance-engine';
import { WorkflowStore } from '../ports';
import { DeliverMessage } from './deliver-message.command';

/**
 * Delivers the message; through the API, a message nobody waits for is NO_WAITING_INSTANCE. A ministry's starter
 * moves its ministry's cases only: another's waiting instance is as if it did not wait.
 */
@Injectable()
export class DeliverMessageHandler {
  constructor(
    private readonly store: WorkflowStore,
    private readonly engine: InstanceEngine,
  ) {}

  async execute({ name, correlationKey, variables, actor, caller }: DeliverMessage): Promise<{ delivered: string[] }> {
    const delivered = await this.store.transaction((tx) =>
      this.engine.deliverMessage(tx, name, correlationKey, variables ?? {}, actor, undefined, (instance) =>
        administersCase(caller, instance.variables),
      ),
    );
    if (!delivered.length) {
      throw new WorkflowError(
        WorkflowErrorCode.NO_WAITING_INSTANCE,
        `No instance waits for ${name} with key ${correlationKey}.`,
      );
    }
    return { delivered };
  }
}
