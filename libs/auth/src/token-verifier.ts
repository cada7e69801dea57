import { verify as verifySignature, type KeyObject } from 'node:crypto';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWSHeaderParameters,
  type JWTPayload,
} from 'jose';
import type { Caller } from './caller';
import { KeySetUnavailableError, remoteKeySet, type RemoteKeySetOptions } from './remote-key-set';

export interface TokenVerifierOptions {
  /** The identity provider's JWKS URL (keys are cached and refreshed on rotation) … */
  jwksUrl?: string;
  /** … or the key set itself. */
  jwks?: JSONWebKeySet;
  issuer?: string;
  audience?: string;
  /** How the JWKS URL's keys are kept (remote-key-set.ts); a failed fetch is told to `onFetchFailed`. */
  keySet?: RemoteKeySetOptions;
}

export class InvalidTokenError extends Error {}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function parseJson(part: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidTokenError('the token is not a compact JWS');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new InvalidTokenError('the token is not a compact JWS');
  return value as Record<string, unknown>;
}

type KeySource = ReturnType<typeof remoteKeySet> | ReturnType<typeof createLocalJWKSet>;

/**
 * Verifies OneDoor access tokens (JWT, ES256/RS256/EdDSA) against the identity block's published keys. With
 * both a key set and a JWKS URL (embedded mode: the development operator key and the identity block's keys),
 * a token whose key is not in the first is tried against the second.
 */
export class TokenVerifier {
  private readonly sources: KeySource[] = [];
  /**
   * Tokens already verified, until they expire: an app sends the same access token with every request for its
   * lifetime (minutes), and a signature check costs far more than a lookup. Bounded; oldest entries go first.
   * A key withdrawn from the JWKS stops new tokens at once, and tokens seen before at their expiry.
   */
  private readonly verified = new Map<string, { caller: Caller; expiresAt: number }>();
  static readonly CACHE_SIZE = 10_000;

  constructor(private readonly options: TokenVerifierOptions) {
    if (options.jwks) this.sources.push(createLocalJWKSet(options.jwks));
    if (options.jwksUrl) {
      this.sources.push(remoteKeySet(new URL(options.jwksUrl), options.keySet));
    }
    if (!this.sources.length) throw new Error('token verification needs AUTH_JWKS_URL or AUTH_JWKS');
  }

  async verify(token: string): Promise<Caller> {
    const cached = this.verified.get(token);
    if (cached) {
      if (cached.expiresAt > Date.now()) return cached.caller;
      this.verified.delete(token);
    }
    const { caller, expiresAt } = await this.verifySignature(token);
    if (expiresAt) {
      if (this.verified.size >= TokenVerifier.CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { caller, expiresAt });
    }
    return caller;
  }

  private async verifySignature(token: string): Promise<{ caller: Caller; expiresAt?: number }> {
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part)))
      throw new InvalidTokenError('the token is not a compact JWS');
    const header = parseJson(parts[0]);
    const payload =
      header.alg === 'ES256' && header.crit === undefined && header.b64 === undefined
        ? await this.verifyEs256(parts, header)
        : await this.verifyWithJose(token);
    if (!payload) throw new InvalidTokenError('no key verified the token');
    if (!payload.sub) throw new InvalidTokenError('token has no subject');
    const claims = payload as JWTPayload & Record<string, unknown>;
    const roles = Array.isArray(claims.roles) ? claims.roles.map(String) : [];
    const caller: Caller = Object.freeze({
      sub: payload.sub,
      roles: Object.freeze(roles) as string[],
      ministry: claims.ministry as string | undefined,
      province: claims.province as string | undefined,
      unit: claims.unit as string | undefined,
      clientId: (claims.client_id ?? claims.azp) as string | undefined,
    });
    return { caller, expiresAt: payload.exp ? payload.exp * 1000 : undefined };
  }

  /**
   * ES256, the algorithm the identity block signs with: the key is found by jose's key set (kid, key type,
   * curve, `use`, remote refresh) and the signature checked by node:crypto on libuv's thread pool, so several
   * requests' checks run on both cores at once; about a third cheaper per token than jwtVerify. Claims are
   * checked as jose checks them. Anything else (other algorithms, `crit`, several keys under one kid) goes to
   * jose.
   */
  private async verifyEs256(parts: string[], header: Record<string, unknown>): Promise<JWTPayload | undefined> {
    for (const [index, keys] of this.sources.entries()) {
      let key: KeyObject;
      try {
        key = (await keys(header as JWSHeaderParameters, {
          payload: parts[1],
          signature: parts[2],
          protected: parts[0],
        })) as KeyObject;
      } catch (error) {
        if (error instanceof KeySetUnavailableError) throw error;
        const code = (error as { code?: string }).code;
        if (code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') return this.verifyWithJose(parts.join('.'));
        if (code !== 'ERR_JWKS_NO_MATCHING_KEY' || index === this.sources.length - 1)
          throw new InvalidTokenError((error as Error).message);
        continue;
      }
      const signature = Buffer.from(parts[2], 'base64url');
      const valid =
        signature.length === 64 &&
        (await new Promise<boolean>((resolve) =>
          verifySignature(
            'sha256',
            Buffer.from(`${parts[0]}.${parts[1]}`),
            { key, dsaEncoding: 'ieee-p1363' },
            signature,
            (error, ok) => resolve(!error && ok),
          ),
        ));
      if (!valid) throw new InvalidTokenError('signature verification failed');
      return this.checkClaims(parseJson(parts[1]));
    }
    return undefined;
  }

  private checkClaims(payload: Record<string, unknown>): JWTPayload {
    const now = Math.floor(Date.now() / 1000);
    const { issuer, audience } = this.options;
    for (const claim of ['exp', 'nbf', 'iat'] as const) {
      if (payload[claim] !== undefined && typeof payload[claim] !== 'number')
        throw new InvalidTokenError(`"${claim}" claim must be a number`);
    }
    if (issuer !== undefined && payload.iss !== issuer) throw new InvalidTokenError('unexpected "iss" claim value');
    if (
      audience !== undefined &&
      payload.aud !== audience &&
      !(Array.isArray(payload.aud) && payload.aud.includes(audience))
    )
      throw new InvalidTokenError('unexpected "aud" claim value');
    if (typeof payload.exp === 'number' && payload.exp <= now)
      throw new InvalidTokenError('"exp" claim timestamp check failed');
    if (typeof payload.nbf === 'number' && payload.nbf > now)
      throw new InvalidTokenError('"nbf" claim timestamp check failed');
    return payload as JWTPayload;
  }

  private async verifyWithJose(token: string): Promise<JWTPayload | undefined> {
    for (const [index, keys] of this.sources.entries()) {
      try {
        return (
          await jwtVerify(token, keys, {
            issuer: this.options.issuer,
            audience: this.options.audience,
            algorithms: ['RS256', 'ES256', 'EdDSA'],
          })
        ).payload;
      } catch (error) {
        if (error instanceof KeySetUnavailableError) throw error;
        const noKey = (error as { code?: string }).code === 'ERR_JWKS_NO_MATCHING_KEY';
        if (!noKey || index === this.sources.length - 1) throw new InvalidTokenError((error as Error).message);
      }
    }
    return undefined;
  }
}

/**
 * A signing authority for development and tests: an ES256 key pair made at start-up, never stored in the
 * repository. Production verifies tokens of the identity block instead (AUTH_JWKS_URL).
 */
export async function createDevelopmentAuthority(issuer = 'urn:onedoor:development', kid = 'development') {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  return {
    issuer,
    jwks: { keys: [jwk] } as JSONWebKeySet,
    sign(claims: Partial<Caller> & { sub: string }, expiresIn = '1h'): Promise<string> {
      return new SignJWT({
        roles: claims.roles ?? [],
        ministry: claims.ministry,
        province: claims.province,
        unit: claims.unit,
      })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setSubject(claims.sub)
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(privateKey);
    },
  };
}
