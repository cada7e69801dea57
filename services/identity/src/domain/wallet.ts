/**
 * Wallet binding and signing in with a bound key (GovStack's WLA factor): the rules, apart from the cryptography.
 * A wallet app proves who it signs in with a JWT it signs with the bound private key; the JWT names the person
 * (`sub`: their UIN), the sign-in it is for (`aud`: the link transaction id, so it cannot be replayed into another),
 * and is fresh (issued within the last two minutes, valid for at most five).
 */

/** How long a binding (and its certificate) lasts before the person binds the app again. */
export const WALLET_BINDING_DAYS = 365;
/** How far a wallet's `iat` may be from the block's clock, and the longest life its JWT may claim. */
export const WALLET_JWT_SKEW_SECONDS = 120;
export const WALLET_JWT_MAX_LIFE_SECONDS = 300;

/** The algorithms a bound key signs with: P-256 keys ES256, RSA keys (2048 bits or more) RS256 or PS256. */
export const WALLET_ALGORITHMS = ['ES256', 'RS256', 'PS256'] as const;

/** Why a public JWK cannot be bound to a person (undefined: it can). */
export function walletKeyProblem(jwk: Record<string, unknown>): string | undefined {
  if (!jwk || typeof jwk !== 'object' || Array.isArray(jwk)) return 'a public key in JWK format';
  if ('d' in jwk || 'p' in jwk || 'k' in jwk) return 'a public key only: no private or symmetric parts';
  if (jwk.use !== undefined && jwk.use !== 'sig') return 'a signing key (`use`: sig)';
  if (jwk.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.x === 'string' && typeof jwk.y === 'string') {
    return undefined;
  }
  if (jwk.kty === 'RSA' && typeof jwk.n === 'string' && typeof jwk.e === 'string') {
    return Buffer.from(jwk.n, 'base64url').length >= 256 ? undefined : 'an RSA key of 2048 bits or more';
  }
  return 'an EC P-256 or RSA (2048 bits or more) public key in JWK format';
}

/** Why a verified wallet JWT's claims do not sign this person into this sign-in (undefined: they do). */
export function walletClaimsProblem(
  claims: { sub?: unknown; aud?: unknown; iat?: unknown; exp?: unknown },
  expected: { individualId: string; linkTransactionId: string },
  now = Date.now(),
): string | undefined {
  const seconds = Math.floor(now / 1000);
  if (claims.sub !== expected.individualId) return 'sub is not the individualId';
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(expected.linkTransactionId)) return 'aud is not the linkedTransactionId';
  if (typeof claims.iat !== 'number' || Math.abs(seconds - claims.iat) > WALLET_JWT_SKEW_SECONDS) {
    return 'iat is not now';
  }
  if (typeof claims.exp !== 'number' || claims.exp <= seconds) return 'expired';
  if (claims.exp - claims.iat > WALLET_JWT_MAX_LIFE_SECONDS) return 'valid for too long';
  return undefined;
}

/** Whether a binding signs its person in now. */
export function bindingActive(binding: { revokedAt: Date | null; expiresAt: Date }, now = new Date()): boolean {
  return !binding.revokedAt && binding.expiresAt > now;
}

/**
 * What a person allows in a linked sign-in: the claims and scopes they accept must be among those the relying
 * party asked for; essential claims may be refused too (the relying party then does without them).
 */
export function consentProblem(
  asked: { claims: string[]; scopes: string[] },
  given: { acceptedClaims: string[]; permittedScopes: string[] },
): 'invalid_accepted_claim' | 'invalid_permitted_scope' | undefined {
  if (given.acceptedClaims.some((claim) => !asked.claims.includes(claim))) return 'invalid_accepted_claim';
  if (given.permittedScopes.some((scope) => !asked.scopes.includes(scope))) return 'invalid_permitted_scope';
  return undefined;
}
