import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, keptInDataDir, readSetting } from '@onedoor/config';
import { calculateJwkThumbprint, compactDecrypt, CompactEncrypt, importJWK, type JWK, type KeyLike } from 'jose';

/**
 * Secrets inside events, readable by their one consumer only (ADR 0013). Events are for many readers: anyone
 * granted a topic, the outbox table, a dead-letter dump. A secret in an event (a sign-in code and where it goes)
 * is therefore sealed for the block that must read it: a compact JWE (ECDH-ES key agreement, A256GCM) to that
 * block's P-256 public key. Only the holder of the private key opens it; the header names the key (`kid`).
 */

/** `typ` of a sealed part: a reader can tell it from any other JWE. */
const SEALED_TYPE = 'onedoor-sealed+jwe';
const ALG = 'ECDH-ES';
const ENC = 'A256GCM';

/** The public half of a P-256 key (a public key is its own public half). */
export function publicHalf({ kty, crv, x, y }: JWK): JWK {
  return { kty, crv, x, y };
}

/** Seals values for one recipient, with its public key. */
export class Sealer {
  private constructor(
    private readonly key: KeyLike | Uint8Array,
    private readonly kid: string,
  ) {}

  static async forKey(publicKey: JWK): Promise<Sealer> {
    const publicPart = publicHalf(publicKey);
    return new Sealer(
      (await importJWK({ ...publicPart, alg: ALG }, ALG)) as KeyLike,
      await calculateJwkThumbprint(publicPart),
    );
  }

  async seal(value: unknown): Promise<string> {
    return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(value)))
      .setProtectedHeader({ alg: ALG, enc: ENC, kid: this.kid, typ: SEALED_TYPE })
      .encrypt(this.key);
  }
}

/** A sealed part that could not be opened: another key, altered, or not a sealed part at all. */
export class UnsealError extends Error {}

/** Opens what was sealed for this block, with its private key. */
export class Unsealer {
  private constructor(
    private readonly key: KeyLike | Uint8Array,
    readonly kid: string,
  ) {}

  static async forKey(privateKey: JWK): Promise<Unsealer> {
    const publicPart = publicHalf(privateKey);
    return new Unsealer(
      (await importJWK({ ...privateKey, alg: ALG }, ALG)) as KeyLike,
      await calculateJwkThumbprint(publicPart),
    );
  }

  async open<T>(sealed: string): Promise<T> {
    try {
      const { plaintext, protectedHeader } = await compactDecrypt(sealed, this.key, {
        keyManagementAlgorithms: [ALG],
        contentEncryptionAlgorithms: [ENC],
      });
      if (protectedHeader.typ !== SEALED_TYPE) throw new Error(`typ ${protectedHeader.typ}`);
      return JSON.parse(new TextDecoder().decode(plaintext)) as T;
    } catch (error) {
      throw new UnsealError(
        `cannot open a sealed part with key ${this.kid}: ${(error as Error).message ?? String(error)}`,
      );
    }
  }
}

/** A new P-256 key pair as JSON Web Keys. */
export function newSealingKeyPair(): { privateKey: JWK; publicKey: JWK } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  return { privateKey: jwk, publicKey: publicHalf(jwk) };
}

let inMemory: JWK | undefined;

/**
 * The messaging block's private sealing key: MESSAGING_SEALING_KEY, required in production. Elsewhere, without
 * it, a key is made once and kept in the data directory (ONEDOOR_DATA_DIR), or in this process's memory when that
 * is `memory` (the embedded platform and tests: one process holds both ends).
 */
export function messagingSealingKey(env: NodeJS.ProcessEnv = process.env): JWK {
  const configured = readSetting('MESSAGING_SEALING_KEY', env);
  if (configured) return configured as unknown as JWK;
  if (readSetting('NODE_ENV', env) === 'production') {
    throw new ConfigError([{ name: 'MESSAGING_SEALING_KEY', message: 'is required when NODE_ENV is production' }]);
  }
  const dataDir = readSetting('ONEDOOR_DATA_DIR', env);
  if (dataDir === 'memory') return (inMemory ??= newSealingKeyPair().privateKey);
  return JSON.parse(
    keptInDataDir(dataDir, 'messaging-sealing.jwk', () => JSON.stringify(newSealingKeyPair().privateKey)),
  ) as JWK;
}

/**
 * The messaging block's public sealing key, for the blocks that seal for it: their own setting
 * (IDENTITY_SEALING_PUBLIC_KEY, FEEDBACK_SEALING_PUBLIC_KEY), required in production; elsewhere derived from the key
 * `messagingSealingKey` finds (same data directory, or memory).
 */
export function messagingSealingPublicKey(
  env: NodeJS.ProcessEnv = process.env,
  setting: 'IDENTITY_SEALING_PUBLIC_KEY' | 'FEEDBACK_SEALING_PUBLIC_KEY' = 'IDENTITY_SEALING_PUBLIC_KEY',
): JWK {
  const configured = readSetting(setting, env);
  if (configured) return configured as unknown as JWK;
  if (readSetting('NODE_ENV', env) === 'production') {
    throw new ConfigError([{ name: setting, message: 'is required when NODE_ENV is production' }]);
  }
  return publicHalf(messagingSealingKey(env));
}
