import { hasRole, scopeCovers, type Caller } from './caller';

const officer = (scope: Partial<Caller>): Caller => ({ sub: 'o', roles: ['identity.registrar'], ...scope });

describe('scopeCovers', () => {
  it('lets a national officer see every province', () => {
    expect(scopeCovers(officer({}), { province: '06' })).toBe(true);
  });
  it('keeps a provincial officer inside their province', () => {
    expect(scopeCovers(officer({ province: '01' }), { province: '01' })).toBe(true);
    expect(scopeCovers(officer({ province: '01' }), { province: '06' })).toBe(false);
    expect(scopeCovers(officer({ province: '01' }), {})).toBe(false);
  });
  it('checks ministry, province and unit together', () => {
    const caller = officer({ ministry: 'MOH', province: '06' });
    expect(scopeCovers(caller, { ministry: 'MOH', province: '06' })).toBe(true);
    expect(scopeCovers(caller, { ministry: 'MOF', province: '06' })).toBe(false);
    expect(scopeCovers(officer({ unit: 'MOH-DHR' }), { unit: 'MOH-DPA' })).toBe(false);
  });
  it('hasRole needs one of the roles', () => {
    expect(hasRole(officer({}), 'identity.hr', 'identity.registrar')).toBe(true);
    expect(hasRole(officer({}), 'identity.hr')).toBe(false);
    expect(hasRole(undefined, 'identity.hr')).toBe(false);
  });
});
