import { Injectable } from '@nestjs/common';
import { FeePaid, WorkflowMessageRequested } from '@onedoor/contracts';
import { isPayable, RegistrationError, RegistrationErrorCode, type ApplicationRecord } from '../../domain';
import { applicationEvent, Outgoing } from '../outgoing';
import { RecordPayment } from './record-payment.command';
import { ApplicationStore } from '../ports';

/** The message the process waiting for the fee receives. */
export const FEE_PAID_MESSAGE = 'registration.fee-paid';

/** Records the fee as paid (once, the exact amount); the process waiting for it moves on. */
@Injectable()
export class RecordPaymentHandler {
  constructor(private readonly applications: ApplicationStore) {}

  execute({ applicationId: id, caller, reference, amount }: RecordPayment): Promise<ApplicationRecord> {
    return this.applications.transaction(async (tx) => {
      const application = await tx.lock(id);
      if (!application)
        throw new RegistrationError(RegistrationErrorCode.APPLICATION_NOT_FOUND, `No application ${id}.`);
      if (!isPayable(application.status)) {
        throw new RegistrationError(
          RegistrationErrorCode.NOT_PAYABLE,
          `An application that is ${application.status} takes no payment.`,
        );
      }
      if (application.feePaidAt) {
        throw new RegistrationError(RegistrationErrorCode.ALREADY_PAID, `Paid already (${application.feeReference}).`);
      }
      if (amount !== application.feeDue) {
        throw new RegistrationError(RegistrationErrorCode.WRONG_AMOUNT, `The fee is ${application.feeDue} kip.`, [
          { field: 'amount', message: `must be ${application.feeDue}` },
        ]);
      }
      application.feePaidAt = new Date();
      application.feeReference = reference;
      await tx.update(id, { feePaidAt: application.feePaidAt, feeReference: reference, updatedAt: new Date() });
      await tx.history(application, 'fee-paid', caller.sub, reference);
      await tx.publish(
        new Outgoing()
          .add(FeePaid, { ...applicationEvent(application), amount, currency: 'LAK', reference })
          .add(WorkflowMessageRequested, {
            name: FEE_PAID_MESSAGE,
            correlationKey: id,
            requestedBy: 'registration',
            variables: { feeReference: reference },
          }),
      );
      return application;
    });
  }
}
