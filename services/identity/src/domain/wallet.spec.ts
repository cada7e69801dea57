import { bindingActive, consentProblem, walletClaimsProblem, walletKeyProblem } from './wallet';

describe('wallet keys and proofs', () => {
  const now = Date.parse('2026-11-30T10:00:00Z');
  const iat = now / 1000;
  const expected = { individualId: '4012345678', linkTransactionId: 'link-1' };

  it('binds public signing keys only: EC P-256 or RSA of 2048 bits and more', () => {
    const ec = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' };
    expect(walletKeyProblem(ec)).toBeUndefined();
    expect(walletKeyProblem({ ...ec, use: 'sig' })).toBeUndefined();
    expect(walletKeyProblem({ ...ec, use: 'enc' })).toMatch(/signing/);
    expect(walletKeyProblem({ ...ec, d: 'secret' })).toMatch(/public key only/);
    expect(walletKeyProblem({ ...ec, crv: 'P-384' })).toMatch(/P-256/);
    expect(walletKeyProblem({ kty: 'oct', k: 'secret' })).toMatch(/public key only/);
    expect(walletKeyProblem({ kty: 'RSA', e: 'AQAB', n: Buffer.alloc(128, 1).toString('base64url') })).toMatch(/2048/);
    expect(walletKeyProblem({ kty: 'RSA', e: 'AQAB', n: Buffer.alloc(256, 1).toString('base64url') })).toBeUndefined();
  });

  it('accepts a proof for this person and this sign-in, fresh and short-lived; nothing else', () => {
    const good = { sub: '4012345678', aud: 'link-1', iat, exp: iat + 60 };
    expect(walletClaimsProblem(good, expected, now)).toBeUndefined();
    expect(walletClaimsProblem({ ...good, aud: ['other', 'link-1'] }, expected, now)).toBeUndefined();
    expect(walletClaimsProblem({ ...good, sub: '4012345679' }, expected, now)).toMatch(/sub/);
    expect(walletClaimsProblem({ ...good, aud: 'link-2' }, expected, now)).toMatch(/aud/);
    expect(walletClaimsProblem({ ...good, iat: iat - 600, exp: iat + 60 }, expected, now)).toMatch(/iat/);
    expect(walletClaimsProblem({ ...good, iat: iat + 600, exp: iat + 660 }, expected, now)).toMatch(/iat/);
    expect(walletClaimsProblem({ ...good, exp: iat - 1 }, expected, now)).toMatch(/expired/);
    expect(walletClaimsProblem({ ...good, exp: iat + 3600 }, expected, now)).toMatch(/too long/);
    expect(walletClaimsProblem({ sub: '4012345678', aud: 'link-1' }, expected, now)).toMatch(/iat/);
  });

  it('takes consent only to what the relying party asked for; a binding signs in until it ends', () => {
    const asked = { claims: ['name', 'phone_number'], scopes: ['profile'] };
    expect(consentProblem(asked, { acceptedClaims: ['name'], permittedScopes: [] })).toBeUndefined();
    expect(consentProblem(asked, { acceptedClaims: ['uin'], permittedScopes: [] })).toBe('invalid_accepted_claim');
    expect(consentProblem(asked, { acceptedClaims: [], permittedScopes: ['onedoor'] })).toBe('invalid_permitted_scope');
    const at = new Date(now);
    expect(bindingActive({ revokedAt: null, expiresAt: new Date(now + 1) }, at)).toBe(true);
    expect(bindingActive({ revokedAt: at, expiresAt: new Date(now + 1) }, at)).toBe(false);
    expect(bindingActive({ revokedAt: null, expiresAt: at }, at)).toBe(false);
  });
});
