import { PersonEnrolled } from '@onedoor/contracts';
import { IdentityErrorCode as Code } from '../../domain';
import { identityTestBed, refusal, registrar } from '../../../test/use-case-harness';

const bed = identityTestBed(() => ({}));

describe('enrolling a person', () => {
  it('issues a UIN and writes the record, its audit row and person.enrolled', async () => {
    const person = await bed.uc.enrol({ givenNameEn: 'Somphone', familyNameEn: 'Phommavong' });
    expect(person.uin).toMatch(/^[2-9]\d{9}$/);
    expect(person.preferredChannel).toBe('sms');
    expect(await bed.uc.outbox()).toContain(PersonEnrolled.type);
    expect(await bed.uc.sql(`SELECT action FROM identity.person_access_log WHERE person_id = $1`, [person.id])).toEqual(
      [{ action: 'ENROL' }],
    );
  });

  it('refuses a likely duplicate, naming it, until the officer says they are different people', async () => {
    const first = await bed.uc.enrol({ givenNameLo: 'ບຸນມີ', dateOfBirth: '1970-01-02', phone: '+8562055500001' });
    const refused = (await bed.uc
      .enrol({ givenNameLo: 'ບຸນມີ', dateOfBirth: '1970-01-02', phone: '+8562055500002' })
      .catch((e: unknown) => e)) as { code: string; extensions: { candidates: { personId: string }[] } };
    expect(refused.code).toBe(Code.LIKELY_DUPLICATE);
    expect(refused.extensions.candidates.map((c) => c.personId)).toContain(first.id);
    const second = await bed.uc.enrol({
      givenNameLo: 'ບຸນມີ',
      dateOfBirth: '1970-01-02',
      phone: '+8562055500002',
      distinctFrom: [first.id],
    });
    expect(second.id).not.toBe(first.id);
  });

  it('refuses an officer of another province, an unknown district and a channel without its address', async () => {
    await refusal(bed.uc.enrol({ caller: registrar('02') }), Code.OUT_OF_SCOPE);
    await refusal(bed.uc.enrol({ caller: { sub: 'clerk', roles: ['registration.clerk'] } }), Code.FORBIDDEN);
    await refusal(bed.uc.enrol({ address: { provinceCode: '01', districtCode: '0601' } }), Code.UNKNOWN_ADMIN_AREA);
    await refusal(bed.uc.enrol({ phone: undefined, preferredChannel: 'sms' }), Code.CHANNEL_WITHOUT_ADDRESS);
  });
});
