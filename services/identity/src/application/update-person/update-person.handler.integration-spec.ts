import { PersonDeactivated, PersonUpdated } from '@onedoor/contracts';
import { IdentityErrorCode as Code } from '../../domain';
import { identityTestBed, refusal, registrar } from '../../../test/use-case-harness';
import { ChangePersonStatus } from '../change-person-status/change-person-status.command';
import { ChangePersonStatusHandler } from '../change-person-status/change-person-status.handler';
import { PersonQueries } from '../queries/persons.queries';
import { UpdatePerson } from './update-person.command';
import { UpdatePersonHandler } from './update-person.handler';

const bed = identityTestBed((uc) => ({
  update: new UpdatePersonHandler(uc.people, uc.codes),
  status: new ChangePersonStatusHandler(uc.people),
  queries: new PersonQueries(uc.people),
}));

describe("changing a person's record", () => {
  it('changes what differs, says which fields, and refuses a stale version', async () => {
    const person = await bed.uc.enrol();
    const updated = await bed.update.execute(
      UpdatePerson.create({ caller: registrar(), personId: person.id, email: 'Noy@Example.LA', expectedVersion: 1 }),
    );
    expect([updated.email, updated.version]).toEqual(['noy@example.la', 2]);
    expect(await bed.uc.outbox()).toContain(PersonUpdated.type);
    await refusal(
      bed.update.execute(
        UpdatePerson.create({ caller: registrar(), personId: person.id, sex: 'M', expectedVersion: 1 }),
      ),
      Code.VERSION_MISMATCH,
    );
    const unchanged = await bed.update.execute(
      UpdatePerson.create({ caller: registrar(), personId: person.id, email: 'noy@example.la' }),
    );
    expect(unchanged.version).toBe(2);
  });

  it('deactivates once, and an officer of another province does not see the person', async () => {
    const person = await bed.uc.enrol();
    await refusal(
      bed.status.execute(
        ChangePersonStatus.create({ caller: registrar('02'), personId: person.id, to: 'DEACTIVATED', reason: 'x' }),
      ),
      Code.PERSON_NOT_FOUND,
    );
    const done = await bed.status.execute(
      ChangePersonStatus.create({ caller: registrar('01'), personId: person.id, to: 'DEACTIVATED', reason: 'Died' }),
    );
    expect(done.status).toBe('DEACTIVATED');
    expect(await bed.uc.outbox()).toContain(PersonDeactivated.type);
    await refusal(
      bed.status.execute(
        ChangePersonStatus.create({ caller: registrar(), personId: person.id, to: 'DEACTIVATED', reason: 'x' }),
      ),
      Code.PERSON_ALREADY_DEACTIVATED,
    );
  });

  it('reads and searches for officers in scope, audited; the person reads themself', async () => {
    const person = await bed.uc.enrol({ givenNameLo: 'ຄໍາພອນ', familyNameLo: 'ສີສະຫວັດ' });
    expect((await bed.queries.read({ sub: person.id, roles: ['citizen'] }, person.id)).id).toBe(person.id);
    await refusal(bed.queries.read({ sub: 'someone', roles: ['citizen'] }, person.id), Code.PERSON_NOT_FOUND);
    const [found] = await bed.queries.search(registrar('01'), { q: 'ຄຳພອນ' }, { offset: 0, limit: 10 });
    expect(found.map((p) => p.id)).toContain(person.id);
    expect((await bed.queries.search(registrar('02'), { q: 'ຄຳພອນ' }, { offset: 0, limit: 10 }))[0]).toEqual([]);
    await refusal(bed.queries.search(registrar(), {}, { offset: 0, limit: 10 }), Code.SEARCH_TOO_BROAD);
    const [log] = await bed.queries.accessLog({ sub: person.id, roles: ['citizen'] }, person.id, {
      offset: 0,
      limit: 10,
    });
    expect(log.map((entry) => entry.action)).toEqual(expect.arrayContaining(['ENROL', 'SEARCH_RESULT']));
    await refusal(bed.queries.accessLog(registrar(), person.id, { offset: 0, limit: 10 }), Code.FORBIDDEN);
    // An auditor reads the trails of their province's people only (the person lives in province 01).
    const auditor = (province?: string) => ({ sub: 'auditor', roles: ['identity.auditor'], province });
    expect((await bed.queries.accessLog(auditor('01'), person.id, { offset: 0, limit: 10 }))[1]).toBeGreaterThan(0);
    expect((await bed.queries.accessLog(auditor(), person.id, { offset: 0, limit: 10 }))[1]).toBeGreaterThan(0);
    await refusal(bed.queries.accessLog(auditor('06'), person.id, { offset: 0, limit: 10 }), Code.PERSON_NOT_FOUND);
  });
});
