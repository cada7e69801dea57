import { detectMediaType } from './media-type';

describe('document content types', () => {
  it('are read from the content', () => {
    expect(detectMediaType(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBe('application/pdf');
    expect(detectMediaType(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))).toBe('image/png');
    expect(detectMediaType(Buffer.from('ffd8ffe000104a464946', 'hex'))).toBe('image/jpeg');
    expect(detectMediaType(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))).toBe(
      'image/webp',
    );
  });

  it('do not trust a name or a disguise: an executable or a script is none of them', () => {
    expect(detectMediaType(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'))).toBeUndefined();
    expect(detectMediaType(Buffer.from('<html><script>alert(1)</script>'))).toBeUndefined();
    expect(detectMediaType(Buffer.from('#!/bin/sh\nrm -rf /'))).toBeUndefined();
    expect(detectMediaType(Buffer.alloc(0))).toBeUndefined();
  });
});
