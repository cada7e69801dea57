import { ConfigError, readSetting } from '@onedoor/config';
import type { UinPolicy } from './domain';

/**
 * The identity block's settings, typed and checked (libs/config's schema validates every value at start-up).
 * Read here once, each part given to the code that needs it by its token; never process.env elsewhere.
 */

export const UIN_POLICY = Symbol('UIN_POLICY');

export function uinPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): UinPolicy {
  return {
    length: readSetting('IDENTITY_UIN_LENGTH', env),
    restricted: new Set(readSetting('IDENTITY_UIN_RESTRICTED', env)),
  };
}

export interface LoginPolicy {
  /** Failed attempts on one account before it is locked. */
  maxFailures: number;
  lockoutMinutes: number;
  codeTtlMinutes: number;
  /** Wrong codes accepted on one challenge before it is spent. */
  maxCodeAttempts: number;
  /** Codes sent to one person within 15 minutes. */
  maxCodesPerQuarterHour: number;
  /** How long a counter's long-polling requests wait for the phone in a linked sign-in. */
  linkPollSeconds: number;
}

export function loginPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): LoginPolicy {
  return {
    maxFailures: readSetting('IDENTITY_LOGIN_MAX_FAILURES', env),
    lockoutMinutes: readSetting('IDENTITY_LOCKOUT_MINUTES', env),
    codeTtlMinutes: readSetting('IDENTITY_OTP_TTL_MINUTES', env),
    maxCodeAttempts: 3,
    maxCodesPerQuarterHour: 3,
    linkPollSeconds: readSetting('IDENTITY_LINK_POLL_SECONDS', env),
  };
}

export const LOGIN_POLICY = Symbol('LOGIN_POLICY');

export interface OidcSettings {
  /**
   * IDENTITY_OPERATOR_CLIENT_ID and _SECRET: the platform team's service client (role platform.operator), made
   * at start-up so a new deployment can register the first clients. The secret comes from configuration only.
   */
  operatorClient?: { id: string; secret: string };
  /**
   * IDENTITY_WEB_CLIENTS and _SECRETS: OneDoor's own web apps (the citizen's web app), first-party clients of the
   * authorization code flow, made at start-up from configuration as the operator's is.
   */
  webClients: { id: string; secret: string; redirectUri: string }[];
  /** IDENTITY_ISSUER: the public URL of /identity; without it, taken from the first request (development). */
  issuer?: string;
  /** IDENTITY_TRUST_PROXY: behind a TLS-terminating proxy, trust its X-Forwarded-* headers. */
  trustProxy: boolean;
}

export function oidcSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): OidcSettings {
  const issuer = readSetting('IDENTITY_ISSUER', env)?.replace(/\/$/, '');
  if (issuer && !/^https?:\/\/[^/]+\/.*identity$/.test(issuer)) {
    throw new ConfigError([
      { name: 'IDENTITY_ISSUER', message: 'must be the URL of the identity block, ending in /identity' },
    ]);
  }
  if (!issuer && readSetting('NODE_ENV', env) === 'production') {
    throw new ConfigError([{ name: 'IDENTITY_ISSUER', message: 'is required when NODE_ENV is production' }]);
  }
  const id = readSetting('IDENTITY_OPERATOR_CLIENT_ID', env);
  const secret = readSetting('IDENTITY_OPERATOR_CLIENT_SECRET', env);
  if (id && !secret) {
    throw new ConfigError([
      { name: 'IDENTITY_OPERATOR_CLIENT_SECRET', message: 'is required with IDENTITY_OPERATOR_CLIENT_ID' },
    ]);
  }
  const web = readSetting('IDENTITY_WEB_CLIENTS', env) ?? {};
  const webSecrets = readSetting('IDENTITY_WEB_CLIENT_SECRETS', env) ?? {};
  const unpaired = Object.keys(web).filter((client) => !webSecrets[client]);
  if (unpaired.length) {
    throw new ConfigError([
      {
        name: 'IDENTITY_WEB_CLIENT_SECRETS',
        message: `has no secret for ${unpaired.join(', ')} (IDENTITY_WEB_CLIENTS)`,
      },
    ]);
  }
  return {
    issuer,
    trustProxy: readSetting('IDENTITY_TRUST_PROXY', env),
    operatorClient: id && secret ? { id, secret } : undefined,
    webClients: Object.entries(web)
      .filter(([client]) => webSecrets[client])
      .map(([client, redirectUri]) => ({
        id: client,
        secret: webSecrets[client],
        redirectUri,
      })),
  };
}

export const OIDC_SETTINGS = Symbol('OIDC_SETTINGS');
