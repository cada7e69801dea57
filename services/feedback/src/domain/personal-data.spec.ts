import { personalDataIn } from './personal-data';

describe('personal data in a public answer', () => {
  it('finds phone numbers, e-mail addresses, identity numbers and titled names, in Lao and English', () => {
    const text =
      'ທ່ານ ສົມພອນ ວົງສາ ໂທ 020 5551 2345 ຫຼື +856 20 9988 7766, UIN 2947512345, email somphone@example.la. Mr Khamla Sisavath called too.';
    expect(personalDataIn(text).map((m) => [m.kind, m.text])).toEqual([
      ['name', 'ທ່ານ ສົມພອນ ວົງສາ'],
      ['phone', '020 5551 2345'],
      ['phone', '+856 20 9988 7766'],
      ['id-number', '2947512345'],
      ['email', 'somphone@example.la'],
      ['name', 'Mr Khamla Sisavath'],
    ]);
  });

  it('leaves an answer without personal data alone (dates, amounts, codes of places and offices)', () => {
    expect(
      personalDataIn('ທໍ່ນ້ຳປະປາຢູ່ບ້ານໂພນໄຊ ໄດ້ຮັບການສ້ອມແປງແລ້ວ ວັນທີ 3/12/2026; ງົບປະມານ 2,500,000 ກີບ; ຫ້ອງການ MPWT-VTE.'),
    ).toEqual([]);
  });
});
