import type { Caller } from '@onedoor/contracts';
import { APPLICATION_STATUSES, applicationVisibility, canRead, isOwner, type ApplicationRecord } from './application';

type Readable = Pick<ApplicationRecord, 'applicantId' | 'createdBy' | 'ministry' | 'province' | 'unit'>;

/** The visibility filter, evaluated in memory as the repository evaluates it in SQL. */
function visible(caller: Caller, a: Readable, routed: string[]): boolean {
  const v = applicationVisibility(caller);
  return (
    v.all ||
    a.applicantId === v.applicantId ||
    (v.takenBy !== undefined && a.createdBy === v.takenBy) ||
    (v.administered !== undefined &&
      (!v.administered.ministry || a.ministry === v.administered.ministry) &&
      (!v.administered.province || a.province === v.administered.province)) ||
    (v.unit !== undefined &&
      (a.unit === v.unit.unit || routed.includes(v.unit.unit)) &&
      (!v.unit.ministry || a.ministry === v.unit.ministry) &&
      (!v.unit.province || a.province === v.unit.province)) ||
    (v.scope !== undefined &&
      (!v.scope.ministry || a.ministry === v.scope.ministry) &&
      (!v.scope.province || a.province === v.scope.province))
  );
}

describe('who may read an application', () => {
  const callers: Caller[] = [];
  for (const roles of [
    ['citizen'],
    ['registration.clerk'],
    ['registration.admin'],
    ['registration.officer'],
    ['registration.officer', 'registration.admin'],
    ['registration.overseer'],
    ['platform.operator'],
  ]) {
    for (const ministry of [undefined, 'MOIC', 'MOH'])
      for (const province of [undefined, '01', '02'])
        for (const unit of [undefined, 'MOIC-01-LIC', 'MOH-01'])
          for (const sub of ['person-1', 'clerk-1', 'someone']) callers.push({ sub, roles, ministry, province, unit });
  }
  const applications: Readable[] = [];
  for (const ministry of ['MOIC', 'MOH'])
    for (const province of [null, '01', '02'])
      for (const unit of [null, 'MOIC-01-LIC'])
        applications.push({ applicantId: 'person-1', createdBy: 'clerk-1', ministry, province, unit });

  it('a list (the visibility filter) shows exactly what a read by id allows, for every caller and application', () => {
    let compared = 0;
    for (const caller of callers)
      for (const application of applications)
        for (const routed of [[], ['MOH-01']]) {
          expect([caller, application, routed, visible(caller, application, routed)]).toEqual([
            caller,
            application,
            routed,
            canRead(caller, application, routed),
          ]);
          compared++;
        }
    expect(compared).toBeGreaterThan(10_000);
  });

  it('only a citizen login is the applicant: a token of another kind with the same subject reads nothing of theirs', () => {
    const application = {
      applicantId: 'person-1',
      createdBy: 'person-1',
      ministry: 'MOIC',
      province: '01',
      unit: null,
    };
    expect(canRead({ sub: 'person-1', roles: ['citizen'] }, application)).toBe(true);
    for (const roles of [[], ['registration.officer'], ['identity.hr'], ['workflow.officer']]) {
      const staff: Caller = { sub: 'person-1', roles, ministry: 'MOH', province: '06' };
      expect([roles, canRead(staff, application)]).toEqual([roles, false]);
      expect([roles, visible(staff, application, [])]).toEqual([roles, false]);
    }
  });

  it("a ministry's overseer follows its ministry's applications, of its province when scoped, and acts on none", () => {
    const moic = { applicantId: 'p', createdBy: 'p', ministry: 'MOIC', province: '01', unit: 'MOIC-VTE' };
    const overseer: Caller = { sub: 'o', roles: ['registration.overseer'], ministry: 'MOIC' };
    expect(canRead(overseer, moic)).toBe(true);
    expect(canRead(overseer, { ...moic, ministry: 'MOH' })).toBe(false);
    expect(canRead({ ...overseer, province: '06' }, moic)).toBe(false);
    expect(isOwner(overseer, moic)).toBe(false);
  });

  it("an officer's province applies to a unit's cases too: a unit code elsewhere is not theirs", () => {
    const officer: Caller = {
      sub: 'o',
      roles: ['registration.officer'],
      ministry: 'MOIC',
      province: '01',
      unit: 'LIC',
    };
    const here = { applicantId: 'p', createdBy: 'c', ministry: 'MOIC', province: '01', unit: 'LIC' };
    expect(canRead(officer, here)).toBe(true);
    expect(canRead(officer, { ...here, province: '06' })).toBe(false);
    expect(canRead(officer, { ...here, province: '06', unit: 'OTHER' }, ['LIC'])).toBe(false);
    expect(canRead(officer, { ...here, ministry: 'MOH' })).toBe(false);
  });

  it('a ministry administrator reads their ministry (and province, when scoped to one), not another', () => {
    const admin: Caller = { sub: 'a', roles: ['registration.admin'], ministry: 'MOIC' };
    const moic = { ...applications[0], ministry: 'MOIC', province: '01' };
    expect(canRead(admin, moic)).toBe(true);
    expect(canRead(admin, { ...moic, ministry: 'MOH' })).toBe(false);
    const provincial: Caller = { ...admin, province: '01', unit: 'MOIC-01' };
    expect(canRead(provincial, moic)).toBe(true);
    expect(canRead(provincial, { ...moic, province: '02' })).toBe(false);
  });
});

describe('the status machine', () => {
  it('lets a draft and an application sent back be corrected, nothing else', () => {
    const correctable = Object.entries(APPLICATION_STATUSES)
      .filter(([, rules]) => rules.correctable)
      .map(([status]) => status);
    expect(correctable).toEqual(['DRAFT', 'SENDBACK']);
  });

  it('ends at a decision or a withdrawal, after which nothing is allowed', () => {
    for (const status of ['APPROVED', 'REJECTED', 'WITHDRAWN'] as const) {
      const rules = APPLICATION_STATUSES[status];
      expect([rules.ended, rules.correctable, rules.takesDocuments, rules.withdrawable]).toEqual([
        true,
        false,
        false,
        false,
      ]);
    }
  });
});
