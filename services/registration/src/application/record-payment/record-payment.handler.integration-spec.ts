import { FeePaid, WorkflowMessageRequested } from '@onedoor/contracts';
import { RegistrationErrorCode as Code } from '../../domain';
import { citizen, refusal, registrationTestBed, serviceToApplyFor } from '../../../test/use-case-harness';
import { RecordPayment } from './record-payment.command';
import { RecordPaymentHandler } from './record-payment.handler';

const bank = { sub: 'bcel-gateway', roles: ['registration.payments'] };

const bed = registrationTestBed(async (uc) => ({
  pay: new RecordPaymentHandler(uc.applications),
  ...(await serviceToApplyFor(uc, { fee: 50_000 })),
}));

describe('recording a fee payment', () => {
  it('takes the exact fee once; the waiting process is told', async () => {
    const { fileId } = await bed.apply(citizen());
    await refusal(
      bed.pay.execute(RecordPayment.create({ applicationId: fileId, caller: bank, reference: 'R1', amount: 49_999 })),
      Code.WRONG_AMOUNT,
    );
    const before = (await bed.uc.outbox()).length;
    const paid = await bed.pay.execute(
      RecordPayment.create({ applicationId: fileId, caller: bank, reference: 'R1', amount: 50_000 }),
    );
    expect([paid.feeReference, paid.feePaidAt !== null]).toEqual(['R1', true]);
    expect((await bed.uc.outbox()).slice(before)).toEqual([FeePaid.type, WorkflowMessageRequested.type]);
    await refusal(
      bed.pay.execute(RecordPayment.create({ applicationId: fileId, caller: bank, reference: 'R2', amount: 50_000 })),
      Code.ALREADY_PAID,
    );
  });

  it('takes no payment for a draft or an application that does not exist', async () => {
    const { fileId } = await bed.apply(citizen(), { draft: true, data: {} });
    await refusal(
      bed.pay.execute(RecordPayment.create({ applicationId: fileId, caller: bank, reference: 'R3', amount: 50_000 })),
      Code.NOT_PAYABLE,
    );
    await refusal(
      bed.pay.execute(
        RecordPayment.create({
          applicationId: '00000000-0000-4000-8000-000000000000',
          caller: bank,
          reference: 'R4',
          amount: 1,
        }),
      ),
      Code.APPLICATION_NOT_FOUND,
    );
  });
});
