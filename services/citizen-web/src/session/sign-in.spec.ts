import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IdentitySignIn, staffOf } from './sign-in';

/** The identity block as a container reaches it: its metadata names the public site, not this address. */
describe('signing in behind a proxy', () => {
  let server: Server;
  let reached: string;
  const PUBLIC = 'https://onedoor.gov.la/identity';

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url !== '/identity/.well-known/openid-configuration') return void response.writeHead(404).end();
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          issuer: PUBLIC,
          authorization_endpoint: `${PUBLIC}/auth`,
          token_endpoint: `${PUBLIC}/token`,
          jwks_uri: `${PUBLIC}/jwks`,
          userinfo_endpoint: 'https://elsewhere.example/userinfo',
          code_challenge_methods_supported: ['S256'],
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    reached = `http://127.0.0.1:${(server.address() as AddressInfo).port}/identity`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sends the browser to the public authorization page, and makes its own calls at the address it reaches', async () => {
    const signIn = new IdentitySignIn(reached, { id: 'citizen-web', secret: 's'.repeat(32) }, 'https://x/cb');
    const { url, transaction } = await signIn.start('lo', '/applications');
    expect(url.startsWith(`${PUBLIC}/auth?`)).toBe(true);
    const params = new URL(url).searchParams;
    expect([params.get('code_challenge_method'), params.get('state'), params.get('ui_locales')]).toEqual([
      'S256',
      transaction.state,
      'lo',
    ]);
    const metadata = (
      signIn as unknown as { config: Promise<{ serverMetadata(): Record<string, string> }> }
    ).config.then((config) => config.serverMetadata());
    await expect(metadata).resolves.toMatchObject({
      issuer: PUBLIC,
      token_endpoint: `${reached}/token`,
      jwks_uri: `${reached}/jwks`,
      // Only the issuer's own addresses are rewritten.
      userinfo_endpoint: 'https://elsewhere.example/userinfo',
    });
  });

  it('says the identity block is unreachable when its metadata cannot be read', async () => {
    const signIn = new IdentitySignIn(
      `${reached}/nowhere`,
      { id: 'citizen-web', secret: 's'.repeat(32) },
      'https://x/cb',
    );
    await expect(signIn.start('en', '/')).rejects.toMatchObject({ status: 0, code: 'UNREACHABLE' });
  });
});

describe('the staff a token is for', () => {
  const token = (claims: Record<string, unknown>) =>
    `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;

  it("reads a staff login's roles and where they act", () => {
    expect(
      staffOf(token({ sub: 'a', roles: ['feedback.handler'], ministry: 'MPWT', province: '01', unit: 'MPWT-VTE' })),
    ).toEqual({ roles: ['feedback.handler'], ministry: 'MPWT', province: '01', unit: 'MPWT-VTE' });
  });

  it("is no one for a citizen's login, a token without roles, or what is not a token", () => {
    expect(staffOf(token({ sub: 'p', roles: ['citizen'] }))).toBeUndefined();
    expect(staffOf(token({ sub: 'p', roles: [] }))).toBeUndefined();
    expect(staffOf(token({ sub: 'p' }))).toBeUndefined();
    expect(staffOf('not a token')).toBeUndefined();
  });
});
