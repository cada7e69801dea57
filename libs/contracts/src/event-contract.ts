/**
 * An event contract: everything a producer and a consumer must agree on, as plain data.
 * This library imports no infrastructure, so integrators can depend on it safely.
 */
export type JsonSchema = Readonly<Record<string, unknown>>;

export const BLOCKS = ['identity', 'registration', 'messaging', 'workflow', 'feedback', 'mediator'] as const;
export type BlockName = (typeof BLOCKS)[number];
export type EventSource = BlockName | 'platform';

export interface EventContract<TPayload = unknown> {
  /** Reverse-DNS CloudEvents `type`, ending in the major version: `la.gov.onedoor.<block>.<aggregate>.<happening>.v<N>`. */
  readonly type: string;
  /** Major version; a change that breaks consumers is a new contract with a new version. */
  readonly version: number;
  /** The block that owns and publishes this event. */
  readonly source: EventSource;
  /** Kafka topic: one per aggregate, `onedoor.<block>.<aggregate>.v<N>`, so one aggregate's events stay in order. */
  readonly topic: string;
  /** Payload property whose value is the partition key (the aggregate's id). */
  readonly partitionKey: string;
  /** Payload property that becomes the CloudEvents `subject` (defaults to the partition key). */
  readonly subject?: string;
  readonly summary: string;
  /** JSON Schema 2020-12 of the payload (CloudEvents `data`). */
  readonly schema: JsonSchema;
  /** Example payload, validated against the schema in the contract tests and shown in the AsyncAPI document. */
  readonly example: TPayload;
}

export const EVENT_TYPE_PREFIX = 'la.gov.onedoor';
export const TOPIC_PREFIX = 'onedoor';

export function defineEvent<TPayload>(
  contract: EventContract<TPayload> & { partitionKey: keyof TPayload & string; subject?: keyof TPayload & string },
): EventContract<TPayload> {
  const expectedType = new RegExp(
    `^${EVENT_TYPE_PREFIX.replace(/\./g, '\\.')}\\.${contract.source}\\.[a-z0-9-]+(\\.[a-z0-9-]+)+\\.v${contract.version}$`,
  );
  if (!expectedType.test(contract.type)) {
    throw new Error(`event type ${contract.type} must match ${expectedType}`);
  }
  if (!new RegExp(`^${TOPIC_PREFIX}\\.${contract.source}\\.[a-z0-9-]+\\.v\\d+$`).test(contract.topic)) {
    throw new Error(
      `topic ${contract.topic} of ${contract.type} must be ${TOPIC_PREFIX}.${contract.source}.<aggregate>.v<N>`,
    );
  }
  return Object.freeze({
    ...contract,
    schema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `urn:onedoor:event:${contract.type}`,
      ...contract.schema,
    },
  });
}

/** The payload type of a contract. */
export type PayloadOf<C> = C extends EventContract<infer P> ? P : never;
