import { ConfigError, keptInDataDir, readSetting } from '@onedoor/config';
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Seals secrets kept in the database (authenticator seeds, private signing keys) with AES-256-GCM under the
 * data key from IDENTITY_DATA_KEY (32 bytes, base64). A database dump alone reveals none of them.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromKey(key: Buffer): SecretBox {
    if (key.length !== 32) throw new Error('IDENTITY_DATA_KEY must be 32 bytes, base64-encoded');
    return new SecretBox(key);
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(
      '.',
    );
  }

  /** A key for one purpose (cookie signing, code hashing), derived from the data key. */
  derive(purpose: string): Buffer {
    return createHmac('sha256', this.key).update(`onedoor-identity:${purpose}`).digest();
  }

  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      // What a replica or a restart without the data key it was sealed with sees: say which setting to fix.
      throw new Error(
        'a stored secret was sealed with another data key: every replica and every restart of the identity block needs the same IDENTITY_DATA_KEY',
      );
    }
  }
}

/**
 * The data key: IDENTITY_DATA_KEY, required in production. Elsewhere, without it, a key is made once and kept
 * in the data directory (ONEDOOR_DATA_DIR, default .onedoor/, never committed), or in memory when that is `memory`.
 */
export function secretBoxFromEnv(env: NodeJS.ProcessEnv = process.env): SecretBox {
  const dataKey = readSetting('IDENTITY_DATA_KEY', env);
  if (dataKey) return SecretBox.fromKey(Buffer.from(dataKey, 'base64'));
  if (readSetting('NODE_ENV', env) === 'production') {
    throw new ConfigError([{ name: 'IDENTITY_DATA_KEY', message: 'is required when NODE_ENV is production' }]);
  }
  const dataDir = readSetting('ONEDOOR_DATA_DIR', env);
  if (dataDir === 'memory') return SecretBox.fromKey(randomBytes(32));
  const key = keptInDataDir(dataDir, 'identity-data.key', () => randomBytes(32).toString('base64'));
  return SecretBox.fromKey(Buffer.from(key, 'base64'));
}
