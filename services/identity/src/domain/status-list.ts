import { deflateSync, inflateSync } from 'node:zlib';

/**
 * A status list as the IETF Token Status List specifies it (one bit per credential, 1 = revoked), compressed
 * with DEFLATE (zlib) and base64url-encoded. 131,072 entries: 16 KiB raw, a few hundred bytes compressed.
 */
export const STATUS_LIST_SIZE = 131_072;

export function encodeStatusList(revoked: Iterable<number>, size = STATUS_LIST_SIZE): string {
  const bytes = new Uint8Array(size / 8);
  for (const index of revoked) {
    if (!Number.isInteger(index) || index < 0 || index >= size)
      throw new RangeError(`status index ${index} out of range`);
    bytes[index >> 3] |= 1 << (index & 7);
  }
  return deflateSync(bytes, { level: 9 }).toString('base64url');
}

export function decodeStatusList(lst: string): Uint8Array {
  return new Uint8Array(inflateSync(Buffer.from(lst, 'base64url')));
}

export function isRevoked(list: Uint8Array, index: number): boolean {
  if (!Number.isInteger(index) || index < 0 || index >= list.length * 8)
    throw new RangeError(`status index ${index} out of range`);
  return (list[index >> 3] & (1 << (index & 7))) !== 0;
}
