import { hasLaoScript, normaliseName, searchKey } from './lao-text';

describe('Lao text', () => {
  it('stores names in NFC with single spaces', () => {
    const decomposed = 'Phommavo\u0301ng'; // o + combining acute
    expect(normaliseName(`  ${decomposed}   Somphone `)).toBe('Phommavóng Somphone');
    expect(normaliseName('  ສົມພອນ   ພົມມະວົງ ')).toBe('ສົມພອນ ພົມມະວົງ');
  });

  it('finds a name typed without its tone marks', () => {
    expect(searchKey('ນ້ຳທາ')).toBe(searchKey('ນຳທາ'));
    expect(searchKey('ບໍ່ແກ້ວ')).toBe(searchKey('ບໍແກວ'));
    expect(searchKey('ບໍ່ແກ້ວ')).not.toBe(searchKey('ບໍແກ'));
  });

  it('finds a name typed with a different tone mark', () => {
    expect(searchKey('ຜົ້ງສາລີ')).toBe(searchKey('ຜົ່ງສາລີ'));
  });

  it('treats precomposed and spelled-out letters alike', () => {
    expect(searchKey('ຄຳ')).toBe(searchKey('ຄໍາ')); // U+0EB3 and U+0ECD U+0EB2
    expect(searchKey('ໜອງ')).toBe(searchKey('ຫນອງ')); // U+0EDC and U+0EAB U+0E99
    expect(searchKey('ໝາກ')).toBe(searchKey('ຫມາກ')); // U+0EDD and U+0EAB U+0EA1
  });

  it('keeps vowels, which change the name', () => {
    expect(searchKey('ສົມ')).not.toBe(searchKey('ສມ'));
    expect(searchKey('ກິ')).not.toBe(searchKey('ກີ'));
  });

  it('ignores case and accents in Latin script', () => {
    expect(searchKey('Phommavóng')).toBe(searchKey('PHOMMAVONG'));
  });

  it('tells Lao script from Latin', () => {
    expect(hasLaoScript('ສົມພອນ')).toBe(true);
    expect(hasLaoScript('Somphone')).toBe(false);
  });
});
