import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';
import type { Caller } from './caller';

export interface TokenVerifierOptions {
  /** The identity provider's JWKS URL (keys are cached and refreshed on rotation) … */
  jwksUrl?: string;
  /** … or the key set itself. */
  jwks?: JSONWebKeySet;
  issuer?: string;
  audience?: string;
}

export class InvalidTokenError extends Error {}

type KeySource = ReturnType<typeof createRemoteJWKSet> | ReturnType<typeof createLocalJWKSet>;

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
      this.sources.push(
        createRemoteJWKSet(new URL(options.jwksUrl), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000 }),
      );
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
    let payload: JWTPayload | undefined;
    for (const [index, keys] of this.sources.entries()) {
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: this.options.issuer,
          audience: this.options.audience,
          algorithms: ['RS256', 'ES256', 'EdDSA'],
        }));
        break;
      } catch (error) {
        const noKey = (error as { code?: string }).code === 'ERR_JWKS_NO_MATCHING_KEY';
        if (!noKey || index === this.sources.length - 1) throw new InvalidTokenError((error as Error).message);
      }
    }
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
