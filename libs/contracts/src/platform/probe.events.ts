import { defineEvent } from '../event-contract';

export interface ProbeSentPayload {
  probeId: string;
  /** The block whose API the operator called to send the probe. */
  origin: string;
  note?: string;
  sentAt: string;
}

/**
 * A backbone probe: an operator sends one through any block's diagnostics API after a deployment, and every
 * block records that it received it. It checks outbox, Kafka, consumers and tracing end to end.
 */
export const ProbeSent = defineEvent<ProbeSentPayload>({
  type: 'la.gov.onedoor.platform.probe.sent.v1',
  version: 1,
  source: 'platform',
  topic: 'onedoor.platform.probe.v1',
  partitionKey: 'probeId',
  summary: 'An operator sent a backbone probe; every block records its receipt.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['probeId', 'origin', 'sentAt'],
    properties: {
      probeId: { type: 'string', format: 'uuid' },
      origin: { type: 'string', enum: ['identity', 'registration', 'messaging', 'workflow', 'feedback', 'mediator'] },
      note: { type: 'string', maxLength: 200 },
      sentAt: { type: 'string', format: 'date-time' },
    },
  },
  example: {
    probeId: '0b7c8d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
    origin: 'registration',
    note: 'after deployment 2026-11-21',
    sentAt: '2026-11-21T09:30:00.000Z',
  },
});
