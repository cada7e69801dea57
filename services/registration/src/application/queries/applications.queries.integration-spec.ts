import type { Caller } from '@onedoor/contracts';
import { canRead } from '../../domain';
import { citizen, clerk, registrationTestBed, serviceToApplyFor } from '../../../test/use-case-harness';
import { ApplicationQueries } from './applications.queries';

const bed = registrationTestBed(async (uc) => ({ queries: new ApplicationQueries(uc.reads, uc.storage) }));

describe('reading applications', () => {
  it('lists exactly the applications each caller may open by id (one rule for both)', async () => {
    const moic = await serviceToApplyFor(bed.uc, { ministry: 'MOIC' });
    const moh = await serviceToApplyFor(bed.uc, { ministry: 'MOH' });
    const person = citizen();
    const desk = clerk();
    for (const { apply } of [moic, moh]) {
      await apply(person);
      await apply(desk);
      await apply(citizen(), { data: { businessName: 'Vientiane shop' } });
    }
    await bed.uc.sql(`UPDATE registration.applications SET province = '01' WHERE ministry = 'MOIC'`);
    const callers: Caller[] = [
      person,
      desk,
      citizen(),
      { sub: 'a1', roles: ['registration.admin'], ministry: 'MOIC' },
      { sub: 'a2', roles: ['registration.admin'], ministry: 'MOIC', province: '01' },
      { sub: 'o1', roles: ['registration.officer'], ministry: 'MOH' },
      { sub: 'o2', roles: ['registration.officer'], ministry: 'MOIC', province: '02' },
      { sub: 'o3', roles: ['registration.officer'], unit: 'MOIC-01-LIC' },
      { sub: 'op', roles: ['platform.operator'] },
    ];
    const all = (await bed.queries.list({ sub: 'op', roles: ['platform.operator'] }, {}, { offset: 0, limit: 100 }))
      .items;
    expect(all).toHaveLength(6);
    for (const caller of callers) {
      const listed = (await bed.queries.list(caller, {}, { offset: 0, limit: 100 })).items.map((a) => a.fileId).sort();
      const readable: string[] = [];
      for (const application of all) {
        const found = await bed.uc.reads.application(application.fileId);
        if (found && canRead(caller, found.application, found.routedUnits)) readable.push(application.fileId);
        await bed.queries.get(caller, application.fileId).then(
          () => expect(readable).toContain(application.fileId),
          (error: { code: string }) => expect(error.code).toBe('REGISTRATION.APPLICATION_NOT_FOUND'),
        );
      }
      expect([caller.sub, listed]).toEqual([caller.sub, readable.sort()]);
    }
  });
});
