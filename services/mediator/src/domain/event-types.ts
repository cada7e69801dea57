import { EVENT_CATALOGUE, EVENT_TYPE_PREFIX, type EventContract } from '@onedoor/contracts';

/**
 * The event types the information mediator offers integrators: every block's events, in rooms named after the
 * block that publishes them (GovStack's `{applicationCode}`), each named without the platform's prefix
 * (`application.status-changed.v1` in the room `registration`). Events that carry secrets are never offered: a
 * payload with a `sealed` part (a one-time code, who a hotline notice goes to: ADR 0013) is for the messaging block
 * only, and the platform's own diagnostics are no one's business outside it.
 */
export interface OfferedEventType {
  room: string;
  name: string;
  contract: EventContract;
}

const carriesSecrets = (contract: EventContract): boolean =>
  'sealed' in ((contract.schema.properties as Record<string, unknown> | undefined) ?? {});

export const OFFERED_EVENT_TYPES: readonly OfferedEventType[] = EVENT_CATALOGUE.filter(
  (contract) => contract.source !== 'platform' && !carriesSecrets(contract),
).map((contract) => ({
  room: contract.source,
  name: contract.type.slice(`${EVENT_TYPE_PREFIX}.${contract.source}.`.length),
  contract,
}));

/** The contracts the mediator reads from Kafka: the offered ones. */
export const OFFERED_CONTRACTS: readonly EventContract[] = OFFERED_EVENT_TYPES.map((t) => t.contract);

const BY_TYPE = new Map(OFFERED_EVENT_TYPES.map((t) => [t.contract.type, t]));
const BY_NAME = new Map(OFFERED_EVENT_TYPES.map((t) => [`${t.room}/${t.name}`, t]));

/** The offered type of a CloudEvents type; undefined when it is not offered. */
export const offeredByType = (type: string): OfferedEventType | undefined => BY_TYPE.get(type);

/** The offered type `name` in `room`; undefined when there is none. */
export const offeredType = (room: string, name: string): OfferedEventType | undefined => BY_NAME.get(`${room}/${name}`);

/** The rooms: the blocks whose events are offered. */
export const ROOMS: readonly string[] = [...new Set(OFFERED_EVENT_TYPES.map((t) => t.room))];
