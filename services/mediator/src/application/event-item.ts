import type { LoggedEvent } from '../domain';

/** An event as GovStack's `EventItem` (id, sequence, event type, event), with its CloudEvents time and case. */
export function eventItem(event: LoggedEvent, publisherId?: Record<string, string>) {
  return {
    id: event.id,
    sequence: Number(event.sequence),
    ...(publisherId && { publisherId }),
    eventType: event.eventType,
    event: event.data,
    time: event.time,
    ...(event.subject && { subject: event.subject }),
    ...(event.correlationId && { correlationId: event.correlationId }),
  };
}
