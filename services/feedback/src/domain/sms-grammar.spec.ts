import { caseNumberOf, keyword, parseSms } from './sms-grammar';

const topics = new Map([
  ['water-supply', 'water-supply'],
  [keyword('ນ້ຳປະປາ'), 'water-supply'],
  ['water', 'water-supply'],
  ['roads', 'roads'],
  [keyword('ຖະໜົນ'), 'roads'],
]);

describe('text messages to 1516', () => {
  it('reads a new case in Lao or Latin script, with or without its keywords, tone marks or case', () => {
    expect(parseSms('ຮ້ອງທຸກ ນ້ຳປະປາ #0101 ນ້ຳບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ ບ້ານໂພນໄຊ', topics)).toEqual({
      intent: 'submit',
      kind: 'complaint',
      topic: 'water-supply',
      place: '0101',
      description: 'ນ້ຳບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ ບ້ານໂພນໄຊ',
      lao: true,
    });
    // Typed without tone marks, on a phone keyboard.
    expect(parseSms('ຮອງທຸກ ຖະໜົນ ຖະໜົນເປັນຂຸມຫຼາຍ ລົດຈັກລົ້ມ', topics)).toMatchObject({ kind: 'complaint', topic: 'roads' });
    expect(parseSms('S roads please add street lights on route 13', topics)).toMatchObject({
      intent: 'submit',
      kind: 'suggestion',
      topic: 'roads',
      description: 'please add street lights on route 13',
      lao: false,
    });
    expect(parseSms('The clinic in Ban Nongbone was closed all week', topics)).toMatchObject({
      kind: 'complaint',
      topic: undefined,
      description: 'The clinic in Ban Nongbone was closed all week',
    });
  });

  it('reads a status request and more information by case number and PIN; anything short or malformed asks for help', () => {
    expect(parseSms('status 1516-k7q4-m9xn-0 123456', topics)).toEqual({
      intent: 'status',
      number: '1516-K7Q4-M9XN-0',
      pin: '123456',
      lao: false,
    });
    expect(parseSms('ຂໍ້ມູນ 1516K7Q4M9XN0 123456 ໃກ້ໂຮງຮຽນ ບ້ານໂພນໄຊ', topics)).toMatchObject({
      intent: 'inform',
      number: '1516-K7Q4-M9XN-0',
      text: 'ໃກ້ໂຮງຮຽນ ບ້ານໂພນໄຊ',
      lao: true,
    });
    expect(parseSms('STATUS 1516-K7Q4-M9XN-6 123456', topics)).toEqual({
      intent: 'help',
      lao: false,
      problem: 'number',
    });
    expect(parseSms('INFO 1516-K7Q4-M9XN-0 123456', topics)).toMatchObject({ intent: 'help', problem: 'text' });
    expect(parseSms('C water', topics)).toMatchObject({ intent: 'help', problem: 'text' });
    expect(parseSms('  ', topics)).toEqual({ intent: 'help', lao: false });
    expect(parseSms('ຊ່ວຍ', topics)).toEqual({ intent: 'help', lao: true });
    expect(caseNumberOf('1516-K7Q4-M9XN-0')).toBe('1516-K7Q4-M9XN-0');
    expect(caseNumberOf('K7Q4-M9XH-5')).toBeUndefined();
  });
});
