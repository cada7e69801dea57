import { CompactEncrypt, importJWK } from 'jose';
import {
  messagingSealingKey,
  messagingSealingPublicKey,
  newSealingKeyPair,
  Sealer,
  UnsealError,
  Unsealer,
} from './sealed-secrets';

describe('secrets sealed for one block', () => {
  it('opens with the private key what the public key sealed, and with no other key', async () => {
    const pair = newSealingKeyPair();
    expect(pair.publicKey).not.toHaveProperty('d');
    const sealed = await (await Sealer.forKey(pair.publicKey)).seal({ code: '482913', destination: '+8562055512345' });
    expect(sealed.split('.')).toHaveLength(5);
    expect(sealed).not.toContain('482913');
    expect(await (await Unsealer.forKey(pair.privateKey)).open(sealed)).toEqual({
      code: '482913',
      destination: '+8562055512345',
    });
    await expect((await Unsealer.forKey(newSealingKeyPair().privateKey)).open(sealed)).rejects.toThrow(UnsealError);
  });

  it('refuses an altered part, and a JWE that is not a sealed part', async () => {
    const pair = newSealingKeyPair();
    const unsealer = await Unsealer.forKey(pair.privateKey);
    const sealed = await (await Sealer.forKey(pair.publicKey)).seal({ code: '000001' });
    const parts = sealed.split('.');
    parts[3] = Buffer.from('x'.repeat(20)).toString('base64url');
    await expect(unsealer.open(parts.join('.'))).rejects.toThrow(UnsealError);
    const other = await new CompactEncrypt(new TextEncoder().encode('{"code":"1"}'))
      .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM' })
      .encrypt(await importJWK({ ...pair.publicKey, alg: 'ECDH-ES' }, 'ECDH-ES'));
    await expect(unsealer.open(other)).rejects.toThrow(/typ/);
  });

  it('takes the keys from the settings, in memory when there is no data directory, and requires them in production', () => {
    const pair = newSealingKeyPair();
    const env = {
      MESSAGING_SEALING_KEY: JSON.stringify(pair.privateKey),
      IDENTITY_SEALING_PUBLIC_KEY: JSON.stringify(pair.publicKey),
    };
    expect(messagingSealingKey(env)).toEqual(pair.privateKey);
    expect(messagingSealingPublicKey(env)).toEqual(pair.publicKey);
    const memory = { ONEDOOR_DATA_DIR: 'memory' };
    const { x, y } = messagingSealingKey(memory);
    expect(messagingSealingPublicKey(memory)).toEqual({ kty: 'EC', crv: 'P-256', x, y });
    expect(() => messagingSealingKey({ NODE_ENV: 'production' })).toThrow(/MESSAGING_SEALING_KEY/);
    expect(() => messagingSealingPublicKey({ NODE_ENV: 'production' })).toThrow(/IDENTITY_SEALING_PUBLIC_KEY/);
  });
});
