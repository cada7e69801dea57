import { ApplicationWithdrawn, WorkflowStopRequested } from '@onedoor/contracts';
import { RegistrationErrorCode as Code } from '../../domain';
import {
  citizen,
  clerk,
  ministryAdmin,
  refusal,
  registrationTestBed,
  serviceToApplyFor,
} from '../../../test/use-case-harness';
import { WithdrawApplication } from './withdraw-application.command';
import { WithdrawApplicationHandler } from './withdraw-application.handler';

const bed = registrationTestBed(async (uc) => ({
  withdraw: new WithdrawApplicationHandler(uc.applications),
  ...(await serviceToApplyFor(uc)),
}));

describe('withdrawing an application', () => {
  it('withdraws a submitted one and stops its process; not twice', async () => {
    const person = citizen();
    const { fileId } = await bed.apply(person);
    const before = (await bed.uc.outbox()).length;
    const withdrawn = await bed.withdraw.execute(
      WithdrawApplication.create({ applicationId: fileId, caller: person, reason: 'moved' }),
    );
    expect(withdrawn.status).toBe('WITHDRAWN');
    expect((await bed.uc.outbox()).slice(before)).toEqual([ApplicationWithdrawn.type, WorkflowStopRequested.type]);
    const [history] = await bed.uc.sql(
      `SELECT action, note FROM registration.application_history WHERE application_id = $1 ORDER BY id DESC LIMIT 1`,
      [fileId],
    );
    expect(history).toEqual({ action: 'withdrawn', note: 'moved' });
    await refusal(
      bed.withdraw.execute(WithdrawApplication.create({ applicationId: fileId, caller: person })),
      Code.NOT_WITHDRAWABLE,
    );
  });

  it('a draft is withdrawn without a process to stop', async () => {
    const person = citizen();
    const { fileId } = await bed.apply(person, { draft: true, data: {} });
    const before = (await bed.uc.outbox()).length;
    await bed.withdraw.execute(WithdrawApplication.create({ applicationId: fileId, caller: person }));
    expect((await bed.uc.outbox()).slice(before)).toEqual([ApplicationWithdrawn.type]);
  });

  it('the counter that took it may withdraw it; staff who only read it may not, strangers do not see it', async () => {
    const desk = clerk();
    const { fileId } = await bed.apply(desk);
    await refusal(
      bed.withdraw.execute(WithdrawApplication.create({ applicationId: fileId, caller: ministryAdmin() })),
      Code.NOT_YOURS,
    );
    await refusal(
      bed.withdraw.execute(WithdrawApplication.create({ applicationId: fileId, caller: citizen() })),
      Code.APPLICATION_NOT_FOUND,
    );
    expect(
      (await bed.withdraw.execute(WithdrawApplication.create({ applicationId: fileId, caller: desk }))).status,
    ).toBe('WITHDRAWN');
  });
});
