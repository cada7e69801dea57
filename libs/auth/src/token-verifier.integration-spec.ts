import { createServer, type Server } from 'node:http';
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
