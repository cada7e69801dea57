import { webcrypto } from 'node:crypto';
import { request } from 'node:http';
import { compactDecrypt, createLocalJWKSet, exportJWK, importJWK, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { TokenVerifier } from '@onedoor/auth';
import { api, SignInBrowser } from '@onedoor/testing';
import { totp } from '../src/domain/totp';
import { startIdentity, type IdentityUnderTest } from './identity-harness';

const OPERATOR = { id: 'platform-operator', secret: 'operator-secret-from-configuration-0123456789' };
const REDIRECT = 'http://127.0.0.1:9/callback';
const API = 'urn:onedoor:api';

let identity: IdentityUnderTest;
let issuer: string;

function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]+)"`).exec(html);
  if (!match) throw new Error(`no ${name} in page`);
  return match[1];
}

async function serviceToken(id: string, secret: string, scope?: string): Promise<string> {
  const response = await fetch(`${issuer}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }).toString(),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

async function registerClient(operator: string, request: Record<string, unknown>) {
  const created = await api(`${identity.url}/client-mgmt/oidc-client`, {
    method: 'POST',
    token: operator,
    body: { requestTime: new Date().toISOString(), request },
  });
  expect(created.status).toBe(201);
  return (created.json.response as { clientSecret?: string }).clientSecret!;
}

let registry: string; // a service client acting as the civil registry: registrar and HR roles
let registrySecret: string;
let citizen: { id: string; uin: string };

beforeAll(async () => {
  identity = await startIdentity(
    { IDENTITY_OPERATOR_CLIENT_ID: OPERATOR.id, IDENTITY_OPERATOR_CLIENT_SECRET: OPERATOR.secret },
    { asIssuer: true },
  );
  issuer = identity.url;
  const operator = await serviceToken(OPERATOR.id, OPERATOR.secret);
  const secret = await registerClient(operator, {
    clientId: 'civil-registry',
    clientName: 'Civil registry synchronisation',
    redirectUris: [],
    grantTypes: ['client_credentials'],
    clientAuthMethods: ['client_secret_basic'],
    roles: ['identity.registrar', 'identity.hr'],
  });
  registrySecret = secret;
  registry = await serviceToken('civil-registry', secret);
  const enrolled = await api(`${identity.url}/persons`, {
    method: 'POST',
    token: registry,
    body: {
      givenNameLo: 'ຄຳແພງ',
      familyNameLo: 'ສີສະຫວັດ',
      givenNameEn: 'Khamphaeng',
      familyNameEn: 'Sisavath',
      dateOfBirth: '1979-06-02',
      sex: 'M',
      address: { provinceCode: '06', districtCode: '0601' },
      phone: '+8562099887766',
    },
  });
  expect(enrolled.status).toBe(201);
  citizen = { id: enrolled.json.id as string, uin: enrolled.json.uin as string };
});
afterAll(async () => {
  await identity?.close();
});

describe('OpenID Connect provider', () => {
  it('publishes discovery under GovStack paths, and a JWKS with the signing key', async () => {
    const discovery = await api(`${issuer}/.well-known/openid-configuration`);
    expect(discovery.json).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/oauth/token`,
      userinfo_endpoint: `${issuer}/oidc/userinfo`,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      revocation_endpoint: `${issuer}/oauth/revoke`,
      code_challenge_methods_supported: ['S256'],
    });
    // A request naming another host gets the same document: every URL derives from the configured issuer.
    const poisoned = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const url = new URL(`${issuer}/.well-known/openid-configuration`);
      request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
        },
        (answer) => {
          let body = '';
          answer.on('data', (chunk) => (body += chunk));
          answer.on('end', () => resolve(JSON.parse(body) as Record<string, unknown>));
        },
      )
        .on('error', reject)
        .end();
    });
    expect(poisoned).toMatchObject({
      issuer,
      token_endpoint: `${issuer}/oauth/token`,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
    });
    expect(JSON.stringify(poisoned)).not.toContain('evil.example');
    // No introspection: every token a resource server gets is a JWT it verifies with the key set.
    expect(discovery.json.introspection_endpoint).toBeUndefined();
    expect((await fetch(`${issuer}/oauth/introspect`, { method: 'POST' })).status).toBe(404);
    const jwks = await api(`${issuer}/.well-known/jwks.json`);
    // ES256 keys for OneDoor's tokens, RS256 ones for GovStack's relying parties; public halves only.
    const published = jwks.json.keys as { kty: string; alg: string; d?: string }[];
    expect([...new Set(published.map((k) => `${k.kty} ${k.alg}`))].sort()).toEqual(['EC ES256', 'RSA RS256']);
    expect(published.every((k) => !k.d)).toBe(true);
  });

  it('issues service tokens (client credentials) that another block verifies with the published keys', async () => {
    const verifier = new TokenVerifier({ jwksUrl: `${issuer}/.well-known/jwks.json`, issuer, audience: API });
    const caller = await verifier.verify(registry);
    expect(caller).toMatchObject({ clientId: 'civil-registry', roles: ['identity.registrar', 'identity.hr'] });
    const bad = await fetch(`${issuer}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('civil-registry:wrong').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(bad.status).toBe(401);
  });

  it("issues a ministry's service client tokens that carry its ministry and province, and refuses a province alone", async () => {
    const operator = await serviceToken(OPERATOR.id, OPERATOR.secret);
    const secret = await registerClient(operator, {
      clientId: 'moic-licensing-admin',
      clientName: 'MOIC licensing administration',
      redirectUris: [],
      grantTypes: ['client_credentials'],
      clientAuthMethods: ['client_secret_basic'],
      roles: ['registration.admin', 'workflow.admin'],
      ministry: 'MOIC',
      province: '01',
    });
    const verifier = new TokenVerifier({ jwksUrl: `${issuer}/.well-known/jwks.json`, issuer, audience: API });
    expect(await verifier.verify(await serviceToken('moic-licensing-admin', secret))).toMatchObject({
      clientId: 'moic-licensing-admin',
      roles: ['registration.admin', 'workflow.admin'],
      ministry: 'MOIC',
      province: '01',
    });
    // Made national again by the operator: the next token carries no scope.
    const widened = await api(`${identity.url}/client-mgmt/oidc-client/moic-licensing-admin`, {
      method: 'PUT',
      token: operator,
      body: { request: { ministry: null, province: null } },
    });
    expect(widened.status).toBe(200);
    const national = await verifier.verify(await serviceToken('moic-licensing-admin', secret));
    expect([national.ministry, national.province]).toEqual([undefined, undefined]);
    const provinceAlone = await api(`${identity.url}/client-mgmt/oidc-client/moic-licensing-admin`, {
      method: 'PUT',
      token: operator,
      body: { request: { province: '01' } },
    });
    expect([provinceAlone.status, provinceAlone.json.code]).toEqual([422, 'IDENTITY.INVALID_CLIENT_METADATA']);
    const badCode = await api(`${identity.url}/client-mgmt/oidc-client`, {
      method: 'POST',
      token: operator,
      body: {
        request: {
          clientId: 'bad-scope',
          clientName: 'Bad scope',
          redirectUris: [],
          grantTypes: ['client_credentials'],
          clientAuthMethods: ['client_secret_basic'],
          ministry: 'moic; drop',
        },
      },
    });
    expect(badCode.status).toBe(400);
  });

  it('logs a citizen in with their UIN and a one-time code, through authorization code with PKCE (openid-client)', async () => {
    const operator = await serviceToken(OPERATOR.id, OPERATOR.secret);
    const secret = await registerClient(operator, {
      clientId: 'lpb-service-portal',
      clientName: 'Luang Prabang one-door service portal',
      redirectUris: [REDIRECT],
      grantTypes: ['authorization_code', 'refresh_token'],
      clientAuthMethods: ['client_secret_basic'],
      firstParty: true,
    });
    const config = await client.discovery(new URL(issuer), 'lpb-service-portal', secret, undefined, {
      execute: [client.allowInsecureRequests],
    });
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const authorizationUrl = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid profile phone onedoor offline_access',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      prompt: 'consent',
      resource: API,
      ui_locales: 'lo',
    });

    const browser = new SignInBrowser(REDIRECT);
    const loginPage = await browser.follow(authorizationUrl.href);
    expect(loginPage.status).toBe(200);
    expect(loginPage.html).toContain('lang="lo"');
    const interaction = /\/identity\/interaction\/([^/?"]+)/.exec(loginPage.html)![1];
    const codePage = await browser.request(`${issuer}/interaction/${interaction}/citizen`, {
      method: 'POST',
      form: { uin: citizen.uin },
    });
    expect(codePage.status).toBe(200);
    const challengeId = hidden(codePage.html, 'challengeId');
    const requested = await identity.deliveredCode(challengeId);
    expect(requested).toMatchObject({
      personId: citizen.id,
      channel: 'sms',
      destination: '+8562099887766',
      language: 'lo',
    });

    const wrong = await browser.request(`${issuer}/interaction/${interaction}/citizen/code`, {
      method: 'POST',
      form: { uin: citizen.uin, challengeId, code: requested.code === '000000' ? '111111' : '000000' },
    });
    expect(wrong.status).toBe(401);
    const signedIn = await browser.request(`${issuer}/interaction/${interaction}/citizen/code`, {
      method: 'POST',
      form: { uin: citizen.uin, challengeId, code: requested.code },
    });
    expect(signedIn.status).toBe(303);
    const callback = await browser.follow(signedIn.location!);
    expect(callback.location).toMatch(new RegExp(`^${REDIRECT}\\?code=`));

    const tokens = await client.authorizationCodeGrant(
      config,
      new URL(callback.location!),
      { pkceCodeVerifier: verifier, expectedState: state },
      { resource: API },
    );
    expect(tokens.claims()).toMatchObject({ sub: citizen.id, iss: issuer, aud: 'lpb-service-portal' });
    expect(tokens.refresh_token).toBeDefined();

    // The access token is a JWT for every block's API: the identity block itself accepts it.
    const me = await api(`${identity.url}/persons/me`, { token: tokens.access_token });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ id: citizen.id, uin: citizen.uin });
    const others = await api(`${identity.url}/persons?uin=${citizen.uin}`, { token: tokens.access_token });
    expect(others.status).toBe(403);

    // Refresh for a userinfo token (no resource), and read the claims.
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    const userinfo = await client.fetchUserInfo(config, refreshed.access_token, citizen.id);
    expect(userinfo).toMatchObject({
      sub: citizen.id,
      uin: citizen.uin,
      'given_name#lo': 'ຄຳແພງ',
      phone_number: '+8562099887766',
    });

    // An API access token (a JWT, 10 minutes) is not revocable, and says so as RFC 7009 does.
    const revokeAccess = await fetch(`${issuer}/oauth/revoke`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`lpb-service-portal:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ token: tokens.access_token, token_type_hint: 'access_token' }).toString(),
    });
    expect([revokeAccess.status, ((await revokeAccess.json()) as { error: string }).error]).toEqual([
      400,
      'unsupported_token_type',
    ]);
    // Revoking the refresh token ends the session for the app.
    await client.tokenRevocation(config, refreshed.refresh_token ?? tokens.refresh_token!);
    await expect(client.refreshTokenGrant(config, refreshed.refresh_token ?? tokens.refresh_token!)).rejects.toThrow();
  });

  it('serves a GovStack relying party: private_key_jwt at the token endpoint, userinfo as a signed then encrypted JWT', async () => {
    const operator = await serviceToken(OPERATOR.id, OPERATOR.secret);
    // The relying party's key pair: it signs its client assertions and userinfo is encrypted to it (WebCrypto, as
    // openid-client takes it; the same key imported for ECDH-ES to read the userinfo).
    const { publicKey, privateKey } = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as webcrypto.CryptoKeyPair;
    const registered = await api(`${identity.url}/govstack/client-mgmt/oidc-client`, {
      method: 'POST',
      token: operator,
      body: {
        requestTime: new Date().toISOString(),
        request: {
          clientId: 'moh-health-portal',
          clientName: 'Ministry of Health portal',
          relyingPartyId: 'moh',
          logoUri: 'https://portal.moh.gov.la/logo.png',
          redirectUris: [REDIRECT],
          publicKey: await exportJWK(publicKey),
          authContextRefs: ['idbb:acr:generated-code'],
          userClaims: ['name', 'phone_number'],
          grantTypes: ['authorization_code'],
          clientAuthMethods: ['private_key_jwt'],
        },
      },
    });
    expect(registered.json.errors).toEqual([]);
    const config = await client.discovery(
      new URL(issuer),
      'moh-health-portal',
      { token_endpoint_auth_method: 'private_key_jwt' },
      client.PrivateKeyJwt(privateKey),
      { execute: [client.allowInsecureRequests] },
    );
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const browser = new SignInBrowser(REDIRECT);
    const loginPage = await browser.follow(
      client.buildAuthorizationUrl(config, {
        redirect_uri: REDIRECT,
        scope: 'openid profile phone',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
      }).href,
    );
    const interaction = /\/identity\/interaction\/([^/?"]+)/.exec(loginPage.html)![1];
    const codePage = await browser.request(`${issuer}/interaction/${interaction}/citizen`, {
      method: 'POST',
      form: { uin: citizen.uin },
    });
    const challengeId = hidden(codePage.html, 'challengeId');
    const { code } = await identity.deliveredCode(challengeId);
    const signedIn = await browser.request(`${issuer}/interaction/${interaction}/citizen/code`, {
      method: 'POST',
      form: { uin: citizen.uin, challengeId, code },
    });
    // Not a government first-party app: the person consents to what it asks.
    let next = await browser.follow(signedIn.location!);
    if (!next.location?.startsWith(REDIRECT)) {
      const consentInteraction = /\/identity\/interaction\/([^/?"]+)/.exec(next.html)![1];
      const consented = await browser.request(`${issuer}/interaction/${consentInteraction}/consent`, {
        method: 'POST',
        form: { decision: 'allow' },
      });
      next = await browser.follow(consented.location!);
    }
    expect(next.location).toMatch(new RegExp(`^${REDIRECT}\\?code=`));
    const tokens = await client.authorizationCodeGrant(config, new URL(next.location!), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    expect(tokens.claims()).toMatchObject({ sub: citizen.id, aud: 'moh-health-portal' });

    const userinfo = await fetch(`${issuer}/oidc/userinfo`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(userinfo.headers.get('content-type')).toContain('application/jwt');
    const decryptionKey = await importJWK({ ...(await exportJWK(privateKey)), alg: 'ECDH-ES' }, 'ECDH-ES');
    const { plaintext, protectedHeader } = await compactDecrypt(await userinfo.text(), decryptionKey);
    expect(protectedHeader).toMatchObject({ alg: 'ECDH-ES', enc: 'A256GCM' });
    const jwks = (await (await fetch(`${issuer}/.well-known/jwks.json`)).json()) as Parameters<
      typeof createLocalJWKSet
    >[0];
    const { payload } = await jwtVerify(new TextDecoder().decode(plaintext), createLocalJWKSet(jwks), {
      issuer,
      audience: 'moh-health-portal',
    });
    expect(payload).toMatchObject({ sub: citizen.id, phone_number: '+8562099887766' });
  });

  it('logs a civil servant in with password and authenticator code; the token carries roles and scope', async () => {
    const enrolled = await api(`${identity.url}/persons`, {
      method: 'POST',
      token: registry,
      body: {
        givenNameLo: 'ວັນນາ',
        familyNameLo: 'ພົມມະຈັນ',
        dateOfBirth: '1985-11-30',
        sex: 'F',
        address: { provinceCode: '06', districtCode: '0601' },
        email: 'vanna@moh.gov.la',
      },
    });
    const registered = await api(`${identity.url}/civil-servants`, {
      method: 'POST',
      token: registry,
      body: {
        personId: enrolled.json.id,
        employeeNumber: 'MOH-000777',
        posting: { ministryCode: 'MOH', provinceCode: '06', level: 'province', position: 'Officer', grade: '3-1' },
        effectiveFrom: '2026-03-01',
        roles: ['identity.registrar'],
      },
    });
    expect(registered.status).toBe(201);
    const { activationCode } = (
      await api(`${identity.url}/civil-servants/${enrolled.json.id}/activation-code`, {
        method: 'POST',
        token: registry,
      })
    ).json as {
      activationCode: string;
    };
    // HR's code alone activates nothing: the person proves it is them with a code sent to their own e-mail.
    const proof = await api(`${identity.url}/civil-servants/activation/proof`, {
      method: 'POST',
      body: { employeeNumber: 'MOH-000777', activationCode },
    });
    expect(proof.json).toMatchObject({ channel: 'email', challengeId: expect.any(String) });
    const withoutProof = await api(`${identity.url}/civil-servants/activation`, {
      method: 'POST',
      body: {
        employeeNumber: 'MOH-000777',
        activationCode,
        challengeId: proof.json.challengeId,
        code: '000000',
        password: 'correct horse battery 77',
      },
    });
    expect([withoutProof.status, withoutProof.json.code]).toEqual([401, 'IDENTITY.ACTIVATION_REFUSED']);
    const delivered = await identity.deliveredCode(proof.json.challengeId as string);
    expect(delivered).toMatchObject({ purpose: 'activation', destination: 'vanna@moh.gov.la' });
    const { secret } = (
      await api(`${identity.url}/civil-servants/activation`, {
        method: 'POST',
        body: {
          employeeNumber: 'MOH-000777',
          activationCode,
          challengeId: proof.json.challengeId,
          code: delivered.code,
          password: 'correct horse battery 77',
        },
      })
    ).json as { secret: string };

    const operator = await serviceToken(OPERATOR.id, OPERATOR.secret);
    const clientSecret = await registerClient(operator, {
      clientId: 'moh-case-desk',
      clientName: 'Ministry of Health case desk',
      redirectUris: [REDIRECT],
      grantTypes: ['authorization_code'],
      clientAuthMethods: ['client_secret_basic'],
      firstParty: true,
    });
    const config = await client.discovery(new URL(issuer), 'moh-case-desk', clientSecret, undefined, {
      execute: [client.allowInsecureRequests],
    });
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid onedoor',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      resource: API,
    });
    const browser = new SignInBrowser(REDIRECT);
    const page = await browser.follow(url.href);
    const interaction = /\/identity\/interaction\/([^/?"]+)/.exec(page.html)![1];
    const form = (code: string, password = 'correct horse battery 77') => ({
      employeeNumber: 'MOH-000777',
      password,
      totp: code,
    });
    const noSecondFactor = await browser.request(`${issuer}/interaction/${interaction}/civil-servant`, {
      method: 'POST',
      form: form('123456'),
    });
    expect(noSecondFactor.status).toBe(401);
    const usedCode = totp(secret);
    const signedIn = await browser.request(`${issuer}/interaction/${interaction}/civil-servant`, {
      method: 'POST',
      form: form(usedCode),
    });
    expect(signedIn.status).toBe(303);
    const callback = await browser.follow(signedIn.location!);
    const tokens = await client.authorizationCodeGrant(
      config,
      new URL(callback.location!),
      { pkceCodeVerifier: verifier, idTokenExpected: true },
      { resource: API },
    );
    const caller = await new TokenVerifier({
      jwksUrl: `${issuer}/.well-known/jwks.json`,
      issuer,
      audience: API,
    }).verify(tokens.access_token);
    // The staff account's own subject: never the person's id, never the citizen role.
    expect(caller.sub).toBe(registered.json.accountId);
    expect(caller.sub).not.toBe(enrolled.json.id);
    expect(caller.roles).not.toContain('citizen');
    const asCitizen = await api(`${identity.url}/persons/me`, { token: tokens.access_token });
    expect(asCitizen.status).toBe(403);
    const ownRecord = await api(`${identity.url}/civil-servants/${enrolled.json.id}`, { token: tokens.access_token });
    expect(ownRecord.json).toMatchObject({ employeeNumber: 'MOH-000777', accountId: caller.sub });
    expect(caller).toMatchObject({
      roles: ['identity.registrar'],
      ministry: 'MOH',
      province: '06',
      unit: 'MOH',
    });
    // Acting as a registrar of province 06: people of province 06 are visible.
    const search = await api(`${identity.url}/persons?uin=${citizen.uin}`, { token: tokens.access_token });
    expect(search.json.total).toBe(1);

    // An authenticator code works once: the same code in another sign-in is refused.
    const again = new SignInBrowser(REDIRECT);
    const secondPage = await again.follow(
      client.buildAuthorizationUrl(config, {
        redirect_uri: REDIRECT,
        scope: 'openid',
        code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
        code_challenge_method: 'S256',
      }).href,
    );
    const secondInteraction = /\/identity\/interaction\/([^/?"]+)/.exec(secondPage.html)![1];
    const replayed = await again.request(`${issuer}/interaction/${secondInteraction}/civil-servant`, {
      method: 'POST',
      form: form(usedCode),
    });
    expect(replayed.status).toBe(401);
  });

  it('locks an account after repeated failures, on every path', async () => {
    const browser = new SignInBrowser(REDIRECT);
    const operator = await serviceToken(OPERATOR.id, OPERATOR.secret);
    const secret = await registerClient(operator, {
      clientId: 'lockout-probe',
      clientName: 'Lockout probe',
      redirectUris: [REDIRECT],
      grantTypes: ['authorization_code'],
      clientAuthMethods: ['client_secret_basic'],
    });
    const config = await client.discovery(new URL(issuer), 'lockout-probe', secret, undefined, {
      execute: [client.allowInsecureRequests],
    });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const page = await browser.follow(url.href);
    const interaction = /\/identity\/interaction\/([^/?"]+)/.exec(page.html)![1];
    const attempt = () =>
      browser.request(`${issuer}/interaction/${interaction}/civil-servant`, {
        method: 'POST',
        form: { employeeNumber: 'MOH-999999', password: 'guess', totp: '000000' },
      });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('rotates the signing key: new tokens use the new key, tokens signed before still verify', async () => {
    const operator = await serviceToken(OPERATOR.id, OPERATOR.secret);
    const before = await serviceToken(OPERATOR.id, OPERATOR.secret);
    const rotated = await api(`${identity.url}/keys/rotation`, { method: 'POST', token: operator });
    expect(rotated.status).toBe(200);
    const after = await serviceToken(OPERATOR.id, OPERATOR.secret);
    const kid = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).kid;
    expect(kid(after)).toBe(rotated.json.kid);
    expect(kid(before)).not.toBe(kid(after));
    const verifier = new TokenVerifier({ jwksUrl: `${issuer}/.well-known/jwks.json`, issuer, audience: API });
    await expect(verifier.verify(before)).resolves.toMatchObject({ roles: ['platform.operator'] });
    await expect(verifier.verify(after)).resolves.toMatchObject({ roles: ['platform.operator'] });
  });

  it('refuses client registration to anyone but operators, and bad metadata with problem+json', async () => {
    const notOperator = await api(`${identity.url}/client-mgmt/oidc-client`, {
      method: 'POST',
      token: registry,
      body: {
        request: {
          clientId: 'x',
          clientName: 'x',
          redirectUris: [],
          grantTypes: ['client_credentials'],
          clientAuthMethods: ['client_secret_basic'],
        },
      },
    });
    expect(notOperator.status).toBe(403);
    const operator = await serviceToken(OPERATOR.id, OPERATOR.secret);
    const noKey = await api(`${identity.url}/client-mgmt/oidc-client`, {
      method: 'POST',
      token: operator,
      body: {
        request: {
          clientId: 'rp-1',
          clientName: 'RP',
          redirectUris: [REDIRECT],
          grantTypes: ['authorization_code'],
          clientAuthMethods: ['private_key_jwt'],
        },
      },
    });
    expect(noKey.status).toBe(422);
    expect(noKey.json.code).toBe('IDENTITY.INVALID_PUBLIC_KEY');
    const deactivated = await api(`${identity.url}/client-mgmt/oidc-client/civil-registry`, {
      method: 'PUT',
      token: operator,
      body: { request: { status: 'INACTIVE' } },
    });
    expect(deactivated.status).toBe(200);
    await expect(serviceToken('civil-registry', registrySecret)).rejects.toThrow(/no token/);
    // GovStack writes the status in lower case; a method the client has no key or secret for is refused.
    const reactivated = await api(`${identity.url}/client-mgmt/oidc-client/civil-registry`, {
      method: 'PUT',
      token: operator,
      body: { request: { status: 'active' } },
    });
    expect(reactivated.json.response).toMatchObject({ status: 'ACTIVE' });
    await expect(serviceToken('civil-registry', registrySecret)).resolves.toBeDefined();
    const toKey = await api(`${identity.url}/client-mgmt/oidc-client/civil-registry`, {
      method: 'PUT',
      token: operator,
      body: { request: { clientAuthMethods: ['private_key_jwt'] } },
    });
    expect([toKey.status, toKey.json.code]).toEqual([422, 'IDENTITY.INVALID_PUBLIC_KEY']);
  });
});
