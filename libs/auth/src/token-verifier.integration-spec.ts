import { createServer, type Server } from 'node:http';
import { KeySetUnavailableError } from './remote-key-set';
import { InvalidTokenError, TokenVerifier, createDevelopmentAuthority } from './token-verifier';

/** A verifier with a local key set and a JWKS URL (embedded mode) accepts tokens of either, and no others. */
describe('TokenVerifier with two key sources', () => {
  let server: Server;
  let url: string;
  let local: Awaited<ReturnType<typeof createDevelopmentAuthority>>;
  let remote: Awaited<ReturnType<typeof createDevelopmentAuthority>>;

  beforeAll(async () => {
    local = await createDevelopmentAuthority('urn:test:local', 'local-key');
    remote = await createDevelopmentAuthority('urn:test:remote', 'remote-key');
    server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(remote.jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('accepts a token of the local key set and one of the remote JWKS', async () => {
    const verifier = new TokenVerifier({ jwks: local.jwks, jwksUrl: url });
    await expect(verifier.verify(await local.sign({ sub: 'a', roles: ['x.y'] }))).resolves.toMatchObject({
      sub: 'a',
      roles: ['x.y'],
    });
    await expect(verifier.verify(await remote.sign({ sub: 'b', ministry: 'MOH' }))).resolves.toMatchObject({
      sub: 'b',
      ministry: 'MOH',
    });
  });

  it('refuses a token signed by neither, and one signed by a different key under a known kid', async () => {
    const verifier = new TokenVerifier({ jwks: local.jwks, jwksUrl: url });
    const stranger = await createDevelopmentAuthority('urn:test:stranger', 'stranger-key');
    await expect(verifier.verify(await stranger.sign({ sub: 'c' }))).rejects.toBeInstanceOf(InvalidTokenError);
    const impostor = await createDevelopmentAuthority('urn:test:impostor', 'local-key');
    await expect(verifier.verify(await impostor.sign({ sub: 'd' }))).rejects.toBeInstanceOf(InvalidTokenError);
  });
});

describe('TokenVerifier cache of verified tokens', () => {
  it('answers a repeated token from memory, and stops at its expiry', async () => {
    const authority = await createDevelopmentAuthority('urn:test:cache', 'cache-key');
    const verifier = new TokenVerifier({ jwks: authority.jwks });
    const token = await authority.sign({ sub: 'e', roles: ['a.b'] }, '2s');
    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
  });
});

/**
 * The identity block unreachable (restarting, a network cut) for longer than the keys are kept fresh: tokens of
 * the keys read before still verify; a token whose key was never read cannot be checked, which is "not now" (503
 * at the guard), not "invalid" (401, which sends people to sign in again, to the same unreachable block).
 */
describe('TokenVerifier while the identity block cannot be reached', () => {
  let server: Server;
  let url: string;
  let up = true;
  let fetches = 0;
  let jwks: object;
  const failures: string[] = [];

  beforeAll(async () => {
    server = createServer((_request, response) => {
      fetches++;
      if (!up) {
        response.statusCode = 503;
        response.end();
        return;
      }
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    up = true;
    failures.length = 0;
  });

  const verifierFor = () =>
    new TokenVerifier({
      jwksUrl: url,
      keySet: { maxAgeMs: 200, cooldownMs: 100, onFetchFailed: (error) => failures.push(error.message) },
    });

  it('keeps verifying tokens of the keys it read, long after they went stale, and tells of the failed fetches', async () => {
    const identity = await createDevelopmentAuthority('urn:test:identity', 'key-1');
    jwks = identity.jwks;
    const verifier = verifierFor();
    await expect(verifier.verify(await identity.sign({ sub: 'before' }))).resolves.toMatchObject({ sub: 'before' });
    up = false;
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250)); // stale again each time
      // A new token each time (a verified one is remembered): each needs the key.
      await expect(verifier.verify(await identity.sign({ sub: `during-${i}` }))).resolves.toMatchObject({
        sub: `during-${i}`,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]).toContain('503');
  });

  it('cannot check a token of a key it never read while the keys cannot be read: KeySetUnavailableError, then verifies once they can', async () => {
    const before = await createDevelopmentAuthority('urn:test:identity', 'key-1');
    jwks = before.jwks;
    const verifier = verifierFor();
    await verifier.verify(await before.sign({ sub: 'before' }));
    // The keys rotated while the identity block is unreachable.
    const rotated = await createDevelopmentAuthority('urn:test:identity', 'key-2');
    jwks = rotated.jwks;
    up = false;
    const token = await rotated.sign({ sub: 'after-rotation' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(KeySetUnavailableError);
    // Within the cooldown, no fetch: still "cannot check", not "invalid".
    const asked = fetches;
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(KeySetUnavailableError);
    expect(fetches).toBe(asked);
    up = true;
    await new Promise((resolve) => setTimeout(resolve, 150));
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'after-rotation' });
    // A key no one published is still refused as invalid once the keys can be read.
    const stranger = await createDevelopmentAuthority('urn:test:identity', 'key-x');
    await new Promise((resolve) => setTimeout(resolve, 150));
    await expect(verifier.verify(await stranger.sign({ sub: 'x' }))).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('cannot check any token before it ever read the keys: KeySetUnavailableError', async () => {
    up = false;
    const identity = await createDevelopmentAuthority('urn:test:identity', 'key-1');
    jwks = identity.jwks;
    await expect(verifierFor().verify(await identity.sign({ sub: 'a' }))).rejects.toBeInstanceOf(
      KeySetUnavailableError,
    );
  });
});
