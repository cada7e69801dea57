/** The formats a one-door office accepts, told apart by their first bytes (magic numbers), never by file name. */
const SIGNATURES: { mediaType: string; matches: (bytes: Buffer) => boolean }[] = [
  { mediaType: 'application/pdf', matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  {
    mediaType: 'image/png',
    matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { mediaType: 'image/jpeg', matches: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mediaType: 'image/webp',
    matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  {
    mediaType: 'image/tiff',
    matches: (b) => ['49492a00', '4d4d002a'].includes(b.subarray(0, 4).toString('hex')),
  },
];

/** The media type the content really is, or undefined when it is none of the accepted formats. */
export function detectMediaType(bytes: Buffer): string | undefined {
  return SIGNATURES.find((s) => s.matches(bytes))?.mediaType;
}

export const ACCEPTED_MEDIA_TYPES = SIGNATURES.map((s) => s.mediaType);
