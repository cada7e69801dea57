import type { PublishOptions } from '@onedoor/backbone';
import type { ApplicationEventPayload, EventContract, PayloadOf } from '@onedoor/contracts';
import type { ApplicationRecord } from '../domain/application';

/** Events a change publishes, written to the outbox in its transaction, in order. */
export class Outgoing {
  readonly events: { contract: EventContract; payload: unknown; options?: PublishOptions }[] = [];
  add<C extends EventContract>(contract: C, payload: PayloadOf<C>) {
    this.events.push({ contract, payload, options: {} });
    return this;
  }
}

/** The part every application event carries: which application, whose, where, in what status. */
export function applicationEvent(application: ApplicationRecord): ApplicationEventPayload {
  return {
    applicationId: application.id,
    trackingCode: application.trackingCode,
    serviceCode: application.serviceCode,
    serviceVersion: application.serviceVersion,
    applicantId: application.applicantId,
    ministry: application.ministry,
    ...(application.province && { province: application.province }),
    ...(application.district && { district: application.district }),
    status: application.status,
    at: new Date().toISOString(),
  };
}
