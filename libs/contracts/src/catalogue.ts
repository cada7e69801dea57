import type { EventContract } from './event-contract';
import { ProbeSent } from './platform/probe.events';

/**
 * Every event OneDoor publishes. The AsyncAPI document under docs/asyncapi/ is generated from this list
 * (`npm run asyncapi`), and CI fails when the committed document drifts from it.
 */
export const EVENT_CATALOGUE: readonly EventContract[] = [ProbeSent as EventContract];

export function findContract(type: string): EventContract | undefined {
  return EVENT_CATALOGUE.find((contract) => contract.type === type);
}

export function topicsOf(contracts: readonly EventContract[]): string[] {
  return [...new Set(contracts.map((contract) => contract.topic))].sort();
}
