import { randomBytes } from 'node:crypto';
import { ConfigError, keptInDataDir, readSetting } from '@onedoor/config';

/** The citizen's web app's settings, read and checked once at start (the README's Configuration table). */
export interface CitizenWebConfig {
  port: number;
  host: string;
  /** Where the blocks are served, each at `/<block>`. */
  apiUrl: string;
  /** Blocks reached at their own base URL instead (CITIZEN_WEB_BLOCK_URLS). */
  blockUrls: Record<string, string>;
  /** The app's own address as browsers reach it. */
  publicUrl: string;
  /** Its client at the identity block; no secret: signing in is off and the app serves only public pages. */
  client: { id: string; secret?: string };
  /** Seals the session cookie. */
  sessionKey: Uint8Array;
  /** The cookies are sent over HTTPS only (the public URL is https). */
  secureCookies: boolean;
  /** TRUSTED_PROXIES: the proxies in front of the app whose X-Forwarded-For names the citizen. */
  trustedProxies: string[];
}

export const CITIZEN_WEB_CONFIG = Symbol('CITIZEN_WEB_CONFIG');

let inMemoryKey: Buffer | undefined;

function sessionKey(env: NodeJS.ProcessEnv): Buffer {
  const configured = readSetting('CITIZEN_WEB_SESSION_KEY', env);
  if (configured) return Buffer.from(configured, 'base64');
  if (readSetting('NODE_ENV', env) === 'production') {
    throw new ConfigError([{ name: 'CITIZEN_WEB_SESSION_KEY', message: 'is required when NODE_ENV is production' }]);
  }
  const dataDir = readSetting('ONEDOOR_DATA_DIR', env);
  if (dataDir === 'memory') return (inMemoryKey ??= randomBytes(32));
  return Buffer.from(
    keptInDataDir(dataDir, 'citizen-web-session.key', () => randomBytes(32).toString('base64')),
    'base64',
  );
}

export function citizenWebConfig(env: NodeJS.ProcessEnv = process.env): CitizenWebConfig {
  const port = readSetting('CITIZEN_WEB_PORT', env);
  const publicUrl = (readSetting('CITIZEN_WEB_PUBLIC_URL', env) ?? `http://127.0.0.1:${port}`).replace(/\/$/, '');
  return {
    port,
    host: readSetting('HOST', env),
    apiUrl: readSetting('CITIZEN_WEB_API_URL', env).replace(/\/$/, ''),
    blockUrls: readSetting('CITIZEN_WEB_BLOCK_URLS', env) ?? {},
    publicUrl,
    client: {
      id: readSetting('CITIZEN_WEB_CLIENT_ID', env),
      secret: readSetting('CITIZEN_WEB_CLIENT_SECRET', env) || undefined,
    },
    sessionKey: sessionKey(env),
    secureCookies: publicUrl.startsWith('https:'),
    trustedProxies: readSetting('TRUSTED_PROXIES', env) ?? [],
  };
}
