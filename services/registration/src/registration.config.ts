import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import path from 'node:path';
import { ConfigError, keptInDataDir, readSetting } from '@onedoor/config';

/**
 * The registration block's settings, typed and checked (libs/config's schema validates every value at start-up,
 * before any module loads). Read here once; the block's code is given this object, never process.env.
 */
export interface RegistrationConfig {
  documents: { inMemory: boolean; directory: string };
  /**
   * The workflow block's URL: REGISTRATION_WORKFLOW_URL, else this machine's workflow block (its port in
   * distributed mode, the shared port in embedded mode). A function: a block listening on port 0 learns its
   * port only once it listens.
   */
  workflowUrl(): string;
  /** The private P-256 key (JWK) that signs certificates of approved applications. */
  certificateKey(): JsonWebKey;
}

let inMemoryCertificateKey: JsonWebKey | undefined;
const newCertificateKey = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });

/**
 * REGISTRATION_CERTIFICATE_KEY, required in production (every replica signs with the same key). Elsewhere, unset,
 * a key made once and kept in the data directory, or in this process's memory when that is `memory`.
 */
function certificateKey(env: NodeJS.ProcessEnv): JsonWebKey {
  const configured = readSetting('REGISTRATION_CERTIFICATE_KEY', env);
  if (configured) return configured as JsonWebKey;
  if (readSetting('NODE_ENV', env) === 'production') {
    throw new ConfigError([
      { name: 'REGISTRATION_CERTIFICATE_KEY', message: 'is required when NODE_ENV is production' },
    ]);
  }
  const dataDir = readSetting('ONEDOOR_DATA_DIR', env);
  if (dataDir === 'memory') return (inMemoryCertificateKey ??= newCertificateKey());
  return JSON.parse(
    keptInDataDir(dataDir, 'registration-certificate.jwk', () => JSON.stringify(newCertificateKey())),
  ) as JsonWebKey;
}

export const REGISTRATION_CONFIG = Symbol('REGISTRATION_CONFIG');

export function registrationConfig(env: NodeJS.ProcessEnv = process.env): RegistrationConfig {
  const storageDir = readSetting('REGISTRATION_STORAGE_DIR', env);
  const dataDir = readSetting('ONEDOOR_DATA_DIR', env);
  return {
    documents: {
      inMemory: !storageDir && dataDir === 'memory',
      directory: path.resolve(storageDir ?? path.join(dataDir, 'documents')),
    },
    certificateKey: () => certificateKey(env),
    workflowUrl: () => {
      const configured = readSetting('REGISTRATION_WORKFLOW_URL', env);
      if (configured) return configured.replace(/\/$/, '');
      const distributed = readSetting('KAFKA_BROKERS', env)?.length;
      return `http://127.0.0.1:${distributed ? readSetting('WORKFLOW_PORT', env) : readSetting('PORT', env)}/workflow`;
    },
  };
}
