import { InvalidCommand } from '@onedoor/application';
import { ApplicationSubmitted, WorkflowStartRequested } from '@onedoor/contracts';
import { IdempotentReplay } from '@onedoor/http';
import { RegistrationErrorCode as Code } from '../../domain';
import { citizen, claim, clerk, refusal, serviceToApplyFor, registrationTestBed } from '../../../test/use-case-harness';
import { SubmitApplication } from './submit-application.command';
import { SubmitApplicationHandler } from './submit-application.handler';

const bed = registrationTestBed(async (uc) => ({
  submit: new SubmitApplicationHandler(uc.applications, uc.catalogue),
  ...(await serviceToApplyFor(uc)),
}));

const count = async () =>
  Number((await bed.uc.sql<{ n: string }>(`SELECT count(*) AS n FROM registration.applications`))[0].n);

describe('submitting an application', () => {
  it('writes it, its history and the events that start its process, in one go', async () => {
    const before = (await bed.uc.outbox()).length;
    const person = citizen();
    const answer = await bed.submit.execute(
      SubmitApplication.create({
        serviceId: bed.service.id,
        caller: person,
        phone: '020 5555 1234',
        formData: { data: { businessName: 'Somphone' } },
      }),
    );
    expect(answer).toMatchObject({
      status: { code: 'PENDING' },
      applicantId: person.sub,
      channel: 'online',
      serviceCode: bed.service.code,
    });
    const [row] = await bed.uc.sql(
      `SELECT status, phone_last4, tracking_code FROM registration.applications WHERE id = $1`,
      [answer.fileId],
    );
    expect(row).toEqual({ status: 'PENDING', phone_last4: '1234', tracking_code: answer.trackingCode });
    const history = await bed.uc.sql(
      `SELECT action, actor FROM registration.application_history WHERE application_id = $1`,
      [answer.fileId],
    );
    expect(history).toEqual([{ action: 'submitted', actor: person.sub }]);
    expect((await bed.uc.outbox()).slice(before)).toEqual([ApplicationSubmitted.type, WorkflowStartRequested.type]);
  });

  it('saves a draft without starting anything', async () => {
    const before = (await bed.uc.outbox()).length;
    const answer = await bed.submit.execute(
      SubmitApplication.create({ serviceId: bed.service.id, caller: citizen(), formData: { data: {} }, draft: true }),
    );
    expect(answer.status.code).toBe('DRAFT');
    expect((await bed.uc.outbox()).length).toBe(before);
  });

  it('answers a retry with the same Idempotency-Key with the first answer, and writes once', async () => {
    const person = citizen();
    const key = claim();
    const command = SubmitApplication.create({
      serviceId: bed.service.id,
      caller: person,
      phone: '1234',
      formData: { data: { businessName: 'Retried' } },
      idempotency: key,
    });
    const first = await bed.submit.execute(command);
    const before = await count();
    const replay = (await bed.submit.execute(command).catch((e: unknown) => e)) as IdempotentReplay;
    expect(replay).toBeInstanceOf(IdempotentReplay);
    expect(JSON.parse(JSON.stringify(replay.body))).toEqual(JSON.parse(JSON.stringify(first)));
    expect(await count()).toBe(before);
    // The same key with another request body is refused.
    await refusal(
      bed.submit.execute(SubmitApplication.create({ ...command, idempotency: { ...key, requestHash: 'other' } })),
      'PLATFORM.IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('refuses, and writes nothing, when the form, the caller or the service is wrong', async () => {
    const before = await count();
    const refused = await refusal(
      bed.submit.execute(
        SubmitApplication.create({
          serviceId: bed.service.id,
          caller: citizen(),
          formData: { data: { businessName: 1 } },
        }),
      ),
      Code.FORM_INVALID,
    );
    expect(refused.errors).toEqual([expect.objectContaining({ field: 'businessName' })]);
    await refusal(
      bed.submit.execute(
        SubmitApplication.create({
          serviceId: bed.service.id,
          caller: citizen(),
          applicantId: 'someone-else',
          formData: { data: {} },
        }),
      ),
      Code.NOT_YOURSELF,
    );
    await refusal(
      bed.submit.execute(
        SubmitApplication.create({ serviceId: bed.service.id, caller: clerk(), formData: { data: {} } }),
      ),
      Code.VALIDATION_FAILED,
    );
    const forNobody = await refusal(
      bed.submit.execute(
        SubmitApplication.create({
          serviceId: bed.service.id,
          caller: clerk(),
          applicantId: 'not-a-person',
          formData: { data: { businessName: 'Ghost' } },
        }),
      ),
      Code.UNKNOWN_APPLICANT,
    );
    expect(forNobody.errors).toEqual([expect.objectContaining({ field: 'applicantId' })]);
    await refusal(
      bed.submit.execute(
        SubmitApplication.create({ serviceId: 'no-such-service', caller: citizen(), formData: { data: {} } }),
      ),
      Code.SERVICE_NOT_FOUND,
    );
    await refusal(
      bed.submit.execute(
        SubmitApplication.create({
          serviceId: bed.service.id,
          caller: { sub: 'x', roles: ['registration.officer'] },
          formData: { data: {} },
        }),
      ),
      Code.FORBIDDEN,
    );
    expect(await count()).toBe(before);
  });

  it('is a command that checks itself before any handler runs', () => {
    expect(() =>
      SubmitApplication.create({ serviceId: 42 as never, caller: citizen(), formData: { data: {} } }),
    ).toThrow(InvalidCommand);
  });
});
