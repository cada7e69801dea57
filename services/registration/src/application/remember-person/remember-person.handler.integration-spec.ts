import { randomUUID } from 'node:crypto';
import { registrationTestBed } from '../../../test/use-case-harness';
import { RememberPersonHandler } from './remember-person.handler';

const bed = registrationTestBed(() => ({}));

describe('remembering what the identity block says about people', () => {
  it('keeps the latest of what it said, once per person', async () => {
    const remember = new RememberPersonHandler(bed.uc.applications);
    const personId = randomUUID();
    const enrolled = { personId, displayName: { lo: 'ສົມພອນ', en: 'Somphone' }, provinceCode: '01' };
    await bed.uc.inTransaction((tx) => remember.execute(enrolled as never, tx));
    await bed.uc.inTransaction((tx) => remember.execute({ ...enrolled, provinceCode: '02' } as never, tx));
    expect(await bed.uc.applications.knownPerson(personId)).toMatchObject({ provinceCode: '02' });
    expect(await bed.uc.applications.knownPerson('not-a-person-id')).toBeUndefined();
  });
});
