import { sign as cryptoSign, type KeyObject } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type JSONWebKeySet, type JWTPayload } from 'jose';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

/**
 * ES256 tokens are checked with node:crypto and the claims by TokenVerifier itself; everything else by jose.
 * Both paths must refuse the same forgeries.
 */
describe('TokenVerifier checks', () => {
  const issuer = 'urn:test:issuer';
  const audience = 'urn:onedoor:api';
  let es256: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  let rs256: typeof es256;
  let other: typeof es256;
  let jwks: JSONWebKeySet;

  beforeAll(async () => {
    const ec = await generateKeyPair('ES256', { extractable: true });
    const rsa = await generateKeyPair('RS256', { extractable: true });
    es256 = ec.privateKey;
    rs256 = rsa.privateKey;
    other = (await generateKeyPair('ES256')).privateKey;
    jwks = {
      keys: [
        { ...(await exportJWK(ec.publicKey)), kid: 'ec', alg: 'ES256', use: 'sig' },
        { ...(await exportJWK(rsa.publicKey)), kid: 'rsa', alg: 'RS256', use: 'sig' },
      ],
    };
  });

  const sign = (
    claims: JWTPayload,
    { alg = 'ES256', kid = 'ec', key = es256, expiresIn = '5m' as string | number } = {},
  ) => {
    const jwt = new SignJWT({ roles: ['a.b'], ...claims })
      .setProtectedHeader({ alg, kid })
      .setSubject('someone')
      .setIssuedAt();
    if (!('iss' in claims)) jwt.setIssuer(issuer);
    if (!('aud' in claims)) jwt.setAudience(audience);
    if (!('exp' in claims)) jwt.setExpirationTime(expiresIn);
    return jwt.sign(key);
  };
  const verifier = () => new TokenVerifier({ jwks, issuer, audience });
  const refused = (token: string | Promise<string>) =>
    Promise.resolve(token).then((t) => expect(verifier().verify(t)).rejects.toBeInstanceOf(InvalidTokenError));

  it('accepts a good ES256 token and a good RS256 token, with their claims', async () => {
    await expect(verifier().verify(await sign({ ministry: 'MOH' }))).resolves.toMatchObject({
      sub: 'someone',
      roles: ['a.b'],
      ministry: 'MOH',
    });
    await expect(verifier().verify(await sign({}, { alg: 'RS256', kid: 'rsa', key: rs256 }))).resolves.toMatchObject({
      sub: 'someone',
    });
    await expect(verifier().verify(await sign({ aud: ['other', audience] }))).resolves.toMatchObject({
      sub: 'someone',
    });
  });

  it('refuses a changed payload, a changed signature and a token signed by another key under the same kid', async () => {
    const [header, payload, signature] = (await sign({})).split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), roles: ['platform.operator'] }),
    ).toString('base64url');
    await refused(`${header}.${forged}.${signature}`);
    const flipped = Buffer.from(signature, 'base64url');
    flipped[10] ^= 1;
    await refused(`${header}.${payload}.${flipped.toString('base64url')}`);
    await refused(`${header}.${payload}.${signature.slice(0, -4)}`);
    await refused(sign({}, { key: other }));
  });

  it('refuses the wrong issuer or audience, an expired token and one not valid yet', async () => {
    await refused(sign({ iss: 'urn:someone:else' }));
    await refused(sign({ aud: 'urn:other:api' }));
    await refused(sign({ exp: Math.floor(Date.now() / 1000) - 1 }));
    await refused(sign({ nbf: Math.floor(Date.now() / 1000) + 60 }));
    await refused(sign({ exp: 'tomorrow' as unknown as number }));
  });

  it('refuses alg none, an algorithm that does not match the key, and what is not a compact JWS', async () => {
    const [, payload] = (await sign({})).split('.');
    const none = Buffer.from(JSON.stringify({ alg: 'none', kid: 'ec' })).toString('base64url');
    await refused(`${none}.${payload}.`);
    await refused(`${none}.${payload}.AAAA`);
    const claimsEs256AsRsa = Buffer.from(JSON.stringify({ alg: 'ES256', kid: 'rsa' })).toString('base64url');
    const [, , signature] = (await sign({})).split('.');
    await refused(`${claimsEs256AsRsa}.${payload}.${signature}`);
    await refused('not-a-token');
    await refused('a.b.c.d');
    await refused(`${Buffer.from('[1]').toString('base64url')}.${payload}.${signature}`);
    await refused(
      `${Buffer.from(JSON.stringify({ alg: 'ES256', kid: 'ec' })).toString('base64url')}.${payload}.${signature}=`,
    );
  });

  it('hands a token with crit to jose, which refuses unknown critical headers', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'ES256', kid: 'ec', crit: ['urn:x'], 'urn:x': 1 })).toString(
      'base64url',
    );
    const [, payload] = (await sign({})).split('.');
    const signature = cryptoSign('sha256', Buffer.from(`${header}.${payload}`), {
      key: es256 as KeyObject,
      dsaEncoding: 'ieee-p1363',
    }).toString('base64url');
    await refused(`${header}.${payload}.${signature}`);
    // The same header and payload without crit, signed the same way, is accepted: the refusal above is crit's.
    const plain = Buffer.from(JSON.stringify({ alg: 'ES256', kid: 'ec' })).toString('base64url');
    const plainSignature = cryptoSign('sha256', Buffer.from(`${plain}.${payload}`), {
      key: es256 as KeyObject,
      dsaEncoding: 'ieee-p1363',
    }).toString('base64url');
    await expect(verifier().verify(`${plain}.${payload}.${plainSignature}`)).resolves.toMatchObject({ sub: 'someone' });
  });
});
