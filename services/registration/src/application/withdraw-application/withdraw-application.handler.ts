import { Injectable } from '@nestjs/common';
import { ApplicationWithdrawn, WorkflowStopRequested } from '@onedoor/contracts';
import { isWithdrawable, RegistrationErrorCode, type ApplicationRecord } from '../../domain';
import { lockForChange } from '../application.access';
import { applicationEvent, Outgoing } from '../outgoing';
import { WithdrawApplication } from './withdraw-application.command';
import { ApplicationStore } from '../ports';

/** Withdraws an application before a decision; a submitted one's process is stopped. */
@Injectable()
export class WithdrawApplicationHandler {
  constructor(private readonly applications: ApplicationStore) {}

  execute({ applicationId: id, caller, reason }: WithdrawApplication): Promise<ApplicationRecord> {
    return this.applications.transaction(async (tx) => {
      const application = await lockForChange(tx, id, caller, {
        what: 'withdraws an application',
        allowed: isWithdrawable,
        refused: [
          RegistrationErrorCode.NOT_WITHDRAWABLE,
          (status) => `An application that is ${status} cannot be withdrawn.`,
        ],
      });
      const wasSubmitted = application.status !== 'DRAFT';
      application.status = 'WITHDRAWN';
      application.updatedAt = new Date();
      await tx.update(id, { status: 'WITHDRAWN', updatedAt: application.updatedAt });
      await tx.history(application, 'withdrawn', caller.sub, reason);
      const outgoing = new Outgoing().add(ApplicationWithdrawn, applicationEvent(application));
      if (wasSubmitted) {
        outgoing.add(WorkflowStopRequested, {
          businessKey: id,
          requestedBy: 'registration',
          reason: reason ?? 'withdrawn by the applicant',
        });
      }
      await tx.publish(outgoing);
      return application;
    });
  }
}
