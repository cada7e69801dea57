import { DUPLICATE_THRESHOLD, normaliseWords, similarity } from './similarity';

describe('likely duplicates: similar Lao (and English) words', () => {
  it('normalises NFC, tone marks, Lao digits, case, spaces and punctuation', () => {
    // The same sentence with and without tone marks, decomposed, with Lao digits and other spacing.
    const typed = 'ນ້ຳປະປາບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ!';
    const plain = 'ນຳປະປາບໍໄຫຼມາ໓ມືແລວ';
    expect(normaliseWords(typed.normalize('NFD'))).toBe(normaliseWords(plain));
    expect(normaliseWords('Water, NOT running!')).toBe('waternotrunning');
  });

  it('scores the same complaint told twice far above a different one on the same topic', () => {
    const first = 'ນ້ຳປະປາບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ ຢູ່ບ້ານໂພນໄຊ ໃກ້ໂຮງຮຽນ';
    const again = 'ບ້ານໂພນໄຊ ນໍ້າປະປາບໍ່ໄຫລ ມາສາມມື້ແລ້ວ ໃກ້ໂຮງຮຽນ';
    const other = 'ຄ່ານ້ຳປະປາເດືອນນີ້ແພງເກີນໄປ ໃບບິນຜິດ';
    expect(similarity(first, first)).toBe(1);
    expect(similarity(first, again)).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    expect(similarity(first, other)).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(similarity('', first)).toBe(0);
  });
});
