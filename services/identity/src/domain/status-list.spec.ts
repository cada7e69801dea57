import { decodeStatusList, encodeStatusList, isRevoked, STATUS_LIST_SIZE } from './status-list';

describe('status list', () => {
  it('marks exactly the revoked indexes, least significant bit first (IETF Token Status List)', () => {
    const list = decodeStatusList(encodeStatusList([0, 9, STATUS_LIST_SIZE - 1]));
    expect(list[0]).toBe(0b00000001);
    expect(list[1]).toBe(0b00000010);
    expect([0, 1, 8, 9, 10, STATUS_LIST_SIZE - 2, STATUS_LIST_SIZE - 1].map((i) => isRevoked(list, i))).toEqual([
      true,
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
  });

  it('compresses a sparse list to a size that travels well', () => {
    const revoked = Array.from({ length: 100 }, (_, i) => i * 1_301);
    expect(encodeStatusList(revoked).length).toBeLessThan(1_500);
  });

  it('refuses indexes outside the list', () => {
    expect(() => encodeStatusList([STATUS_LIST_SIZE])).toThrow(RangeError);
    expect(() => isRevoked(new Uint8Array(2), 16)).toThrow(RangeError);
  });
});
