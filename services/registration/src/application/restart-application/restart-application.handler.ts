import { Injectable } from '@nestjs/common';
import { ApplicationRestarted, hasRole, ROLES, scopeCovers, WorkflowStartRequested } from '@onedoor/contracts';
import { assertProcessUsable, RegistrationError, RegistrationErrorCode, type ApplicationRecord } from '../../domain';
import { lockReadable } from '../application.access';
import { applicationEvent, Outgoing } from '../outgoing';
import { ApplicationStore } from '../ports';
import { startRequest } from '../submit-application/submit-application.handler';
import { RestartApplication } from './restart-application.command';

/**
 * A stalled application (its process never started, or failed) starts its service's process again: by a platform
 * operator, or an administrator of the application's ministry. The process must exist by now; a new start request
 * (a new event) starts a new instance.
 */
@Injectable()
export class RestartApplicationHandler {
  constructor(private readonly applications: ApplicationStore) {}

  async execute({ applicationId: id, caller, note }: RestartApplication): Promise<ApplicationRecord> {
    return this.applications.transaction(async (tx) => {
      const application = await lockReadable(tx, id, caller);
      const administers =
        hasRole(caller, ROLES.platformOperator) ||
        (hasRole(caller, ROLES.registrationAdmin) &&
          scopeCovers({ ...caller, unit: undefined }, { ministry: application.ministry }));
      if (!administers) {
        throw new RegistrationError(
          RegistrationErrorCode.FORBIDDEN,
          "Only an operator or an administrator of the application's ministry restarts it.",
        );
      }
      if (!application.stalledAt) {
        throw new RegistrationError(RegistrationErrorCode.NOT_STALLED, `Application ${id} is not stalled.`);
      }
      const service = await tx.catalogue.find(application.serviceId, true);
      if (!service) throw new RegistrationError(RegistrationErrorCode.SERVICE_NOT_FOUND, `No service of ${id}.`);
      const process = await tx.catalogue.process(service.processKey);
      assertProcessUsable(process, service.processKey, service.ministry);
      application.stalledAt = null;
      application.stalledReason = null;
      application.updatedAt = new Date();
      await tx.update(id, { stalledAt: null, stalledReason: null, updatedAt: application.updatedAt });
      await tx.history(application, 'restarted', caller.sub, note);
      await tx.publish(
        new Outgoing()
          .add(ApplicationRestarted, applicationEvent(application))
          .add(WorkflowStartRequested, startRequest(application, service)),
      );
      return application;
    });
  }
}
