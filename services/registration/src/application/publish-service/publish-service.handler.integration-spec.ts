import { RegistrationErrorCode as Code } from '../../domain';
import { definition, ministryAdmin, refusal, registrationTestBed } from '../../../test/use-case-harness';
import { RememberOrganisationHandler } from '../remember-organisation/remember-organisation.handler';
import { RetireService } from '../retire-service/retire-service.command';
import { RetireServiceHandler } from '../retire-service/retire-service.handler';
import { PublishService } from './publish-service.command';
import { PublishServiceHandler } from './publish-service.handler';

const bed = registrationTestBed(async (uc) => ({
  publish: new PublishServiceHandler(uc.catalogue),
  retire: new RetireServiceHandler(uc.catalogue),
}));

describe('publishing services', () => {
  it('publishes version 1; a new version retires the one before; retiring ends the current one', async () => {
    const service = definition();
    const first = await bed.publish.execute(PublishService.create({ definition: service, caller: ministryAdmin() }));
    expect([first.version, first.retiredAt]).toEqual([1, null]);
    await refusal(
      bed.publish.execute(PublishService.create({ definition: service, caller: ministryAdmin() })),
      Code.SERVICE_EXISTS,
    );
    const second = await bed.publish.execute(
      PublishService.create({
        definition: { ...service, fee: 1 },
        caller: ministryAdmin(),
        existingCode: service.code,
      }),
    );
    expect(second.version).toBe(2);
    expect((await bed.uc.catalogue.find(first.id, true))?.retiredAt).toBeInstanceOf(Date);
    expect((await bed.uc.catalogue.find(service.code, false))?.id).toBe(second.id);
    await bed.retire.execute(RetireService.create({ code: service.code, caller: ministryAdmin() }));
    expect(await bed.uc.catalogue.find(service.code, false)).toBeNull();
    await refusal(
      bed.retire.execute(RetireService.create({ code: service.code, caller: ministryAdmin() })),
      Code.SERVICE_NOT_FOUND,
    );
  });

  it("publishes only for the administrator's own ministry", async () => {
    const service = definition({ ministry: 'MOH' });
    await refusal(
      bed.publish.execute(PublishService.create({ definition: service, caller: ministryAdmin('MOIC') })),
      Code.OTHER_MINISTRY,
    );
    await bed.publish.execute(PublishService.create({ definition: service, caller: ministryAdmin('MOH') }));
    // A staff account's token names its unit: the ministry itself at the headquarters, or a department.
    for (const unit of ['MOH', 'MOH-DHR']) {
      const next = await bed.publish.execute(
        PublishService.create({
          definition: service,
          caller: { ...ministryAdmin('MOH'), unit },
          existingCode: service.code,
        }),
      );
      expect(next.ministry).toBe('MOH');
    }
    await refusal(
      bed.publish.execute(
        PublishService.create({
          definition: service,
          caller: { ...ministryAdmin('MOH'), province: '01' },
          existingCode: service.code,
        }),
      ),
      Code.OTHER_MINISTRY,
    );
    await refusal(
      bed.retire.execute(RetireService.create({ code: service.code, caller: ministryAdmin('MOIC') })),
      Code.OTHER_MINISTRY,
    );
  });

  it('refuses a service whose ministry or unit is not in the register, or a unit of another ministry', async () => {
    const publish = (overrides: Parameters<typeof definition>[0]) =>
      bed.publish.execute(PublishService.create({ definition: definition(overrides), caller: ministryAdmin() }));
    const office = await refusal(publish({ unit: 'MOIC-NOWHERE' }), Code.UNKNOWN_UNIT);
    expect(office.errors).toEqual([expect.objectContaining({ field: 'unit' })]);
    const elsewhere = await refusal(publish({ unit: 'MOH-DHR' }), Code.UNKNOWN_UNIT);
    expect(elsewhere.errors).toEqual([expect.objectContaining({ field: 'unit' })]);
    const ministry = await refusal(
      bed.publish.execute(
        PublishService.create({
          definition: definition({ ministry: 'MOXX', unit: 'MOXX' }),
          caller: { sub: 'national', roles: ['registration.admin'] },
        }),
      ),
      Code.UNKNOWN_UNIT,
    );
    expect((ministry.errors as { field: string }[]).map((e) => e.field)).toEqual(['ministry', 'unit']);
    // The ministry itself is a unit too; a department once the identity block announces it.
    expect((await publish({ unit: 'MOIC' })).unit).toBe('MOIC');
    await bed.uc.inTransaction((tx) =>
      new RememberOrganisationHandler(bed.uc.applications).execute(
        { code: 'MOIC-VTE-D01', kind: 'department', parentCode: 'MOIC', nameLo: 'ຫ້ອງການ', nameEn: 'Office', at: '' },
        tx,
      ),
    );
    expect((await publish({ unit: 'MOIC-VTE-D01' })).unit).toBe('MOIC-VTE-D01');
  });

  it('refuses a definition whose form, rules or prefill cannot work, naming each field', async () => {
    const broken = definition({
      eForm: { schema: { type: 'array', items: { type: 'nonsense' } } },
      eligibility: [{ rule: 'form.a >', message: { lo: 'x', en: 'x' } }],
      prefill: { name: 'nobody.name' },
    });
    const refused = await refusal(
      bed.publish.execute(PublishService.create({ definition: broken, caller: ministryAdmin() })),
      Code.INVALID_SERVICE,
    );
    expect((refused.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'eForm.schema',
      'eForm.schema.type',
      'eligibility.0.rule',
      'prefill.name',
    ]);
    await refusal(
      bed.publish.execute(
        PublishService.create({ definition: definition(), caller: ministryAdmin(), existingCode: 'another' }),
      ),
      Code.CODE_MISMATCH,
    );
  });
});
