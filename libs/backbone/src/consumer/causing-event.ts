import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventEnvelope } from '@onedoor/contracts';

/** The event a consumer is handling: what events published while handling it are caused by and correlated with. */
interface CausingEvent {
  id: string;
  correlationId: string;
}

const current = new AsyncLocalStorage<CausingEvent>();

/**
 * Runs a handler with its event as the cause of whatever it publishes: an event published inside (in the same
 * transaction) carries `causationid` = this event's id and this event's `correlationid` (the case), unless the
 * publisher says otherwise. So a case keeps one correlation id across every block it passes through.
 */
export function withCausingEvent<T>(
  envelope: Pick<EventEnvelope, 'id' | 'subject'> & { correlationid?: string },
  work: () => Promise<T>,
): Promise<T> {
  return current.run({ id: envelope.id, correlationId: envelope.correlationid ?? String(envelope.subject) }, work);
}

/** The event being handled in this asynchronous context, if any. */
export function causingEvent(): CausingEvent | undefined {
  return current.getStore();
}
