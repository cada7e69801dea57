import { enrolmentFromFields, fieldValue } from './enrollment.controller';

describe('GovStack enrolment fields', () => {
  const fields = {
    fullName: '[{"language":"lao","value":"ສົມພອນ ພົມມະວົງ"},{"language":"eng","value":"Somphone Phommavong"}]',
    gender: '[ { "language" : "eng", "value" : "Female" } ]',
    dateOfBirth: '1988/04/13',
    phone: '020 5551 2345',
    province: '01',
    district: '0101',
    preferredLang: 'eng',
  };

  it('reads language-tagged and plain values', () => {
    expect(fieldValue(fields, 'fullName', 'eng')).toBe('Somphone Phommavong');
    expect(fieldValue(fields, 'province')).toBe('01');
    expect(fieldValue(fields, 'province', 'eng')).toBeUndefined();
    expect(fieldValue({ gender: [{ language: 'eng', value: 'Male' }] }, 'gender', 'eng')).toBe('Male');
  });

  it('maps a packet onto an enrolment', () => {
    expect(enrolmentFromFields(fields)).toEqual({
      givenNameLo: 'ສົມພອນ',
      familyNameLo: 'ພົມມະວົງ',
      givenNameEn: 'Somphone',
      familyNameEn: 'Phommavong',
      dateOfBirth: '1988-04-13',
      sex: 'F',
      address: { provinceCode: '01', districtCode: '0101', villageCode: undefined },
      phone: '020 5551 2345',
      email: undefined,
      preferredLanguage: 'en',
    });
  });
});
