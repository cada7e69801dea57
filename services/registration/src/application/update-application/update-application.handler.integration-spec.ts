import { ApplicationResubmitted, ApplicationSubmitted, WorkflowMessageRequested } from '@onedoor/contracts';
import { RegistrationErrorCode as Code } from '../../domain';
import { citizen, refusal, registrationTestBed, serviceToApplyFor } from '../../../test/use-case-harness';
import { UpdateApplication } from './update-application.command';
import { UpdateApplicationHandler } from './update-application.handler';

const bed = registrationTestBed(async (uc) => ({
  update: new UpdateApplicationHandler(uc.applications),
  ...(await serviceToApplyFor(uc)),
}));

describe('correcting an application', () => {
  it('corrects a draft, then submits it: its process starts', async () => {
    const person = citizen();
    const draft = await bed.apply(person, { draft: true, data: {} });
    const corrected = await bed.update.execute(
      UpdateApplication.create({
        applicationId: draft.fileId,
        caller: person,
        formData: { data: { businessName: 'Noy' } },
      }),
    );
    expect([corrected.status, corrected.revision]).toEqual(['DRAFT', 1]);
    const before = (await bed.uc.outbox()).length;
    const submitted = await bed.update.execute(
      UpdateApplication.create({ applicationId: draft.fileId, caller: person, formData: { data: {} }, submit: true }),
    );
    expect(submitted.status).toBe('PENDING');
    expect((await bed.uc.outbox()).slice(before)[0]).toBe(ApplicationSubmitted.type);
  });

  it('resubmits an application sent back: the waiting process is told', async () => {
    const person = citizen();
    const sent = await bed.apply(person);
    await bed.uc.sql(`UPDATE registration.applications SET status = 'SENDBACK' WHERE id = $1`, [sent.fileId]);
    const before = (await bed.uc.outbox()).length;
    const again = await bed.update.execute(
      UpdateApplication.create({ applicationId: sent.fileId, caller: person, formData: { data: {} }, submit: true }),
    );
    expect(again.status).toBe('PENDING');
    expect((await bed.uc.outbox()).slice(before)).toEqual([ApplicationResubmitted.type, WorkflowMessageRequested.type]);
  });

  it('refuses a submitted application, an invalid form and anyone but the applicant', async () => {
    const person = citizen();
    const pending = await bed.apply(person);
    await refusal(
      bed.update.execute(
        UpdateApplication.create({ applicationId: pending.fileId, caller: person, formData: { data: {} } }),
      ),
      Code.NOT_EDITABLE,
    );
    const draft = await bed.apply(person, { draft: true, data: {} });
    await refusal(
      bed.update.execute(
        UpdateApplication.create({ applicationId: draft.fileId, caller: person, formData: { data: {} }, submit: true }),
      ),
      Code.FORM_INVALID,
    );
    await refusal(
      bed.update.execute(
        UpdateApplication.create({ applicationId: draft.fileId, caller: citizen(), formData: { data: {} } }),
      ),
      Code.APPLICATION_NOT_FOUND,
    );
    const [row] = await bed.uc.sql(`SELECT status, revision FROM registration.applications WHERE id = $1`, [
      draft.fileId,
    ]);
    expect(row).toEqual({ status: 'DRAFT', revision: 0 });
  });
});
