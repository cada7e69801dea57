import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from 'jose';

type CryptoKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
import * as x509 from '@peculiar/x509';
import * as client from 'openid-client';
import { WalletBindingBound, WalletBindingRevoked } from '@onedoor/contracts';
import { api } from '@onedoor/testing';
import { startIdentity, type IdentityUnderTest } from './identity-harness';

// Two parties, as at a one-door counter: the counter's browser (a relying party's sign-in, waiting on the QR code)
// and the citizen's phone (a wallet app, bound to the citizen once with a one-time code, then signing with its key).

const OPERATOR = { id: 'platform-operator', secret: 'operator-secret-from-configuration-0123456789' };
const REDIRECT = 'http://127.0.0.1:9/counter-callback';
const API = 'urn:onedoor:api';

let identity: IdentityUnderTest;
let issuer: string;
let wallet: string; // the wallet backend's token (role identity.wallet)
let registry: string; // the civil registry's (identity.registrar)
const people: { id: string; uin: string }[] = [];
const usedChallenges = new Set<string>();

async function serviceToken(id: string, secret: string): Promise<string> {
  const response = await fetch(`${issuer}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function register(operator: string, request: Record<string, unknown>): Promise<string> {
  const created = await api(`${identity.url}/client-mgmt/oidc-client`, {
    method: 'POST',
    token: operator,
    body: { requestTime: new Date().toISOString(), request },
  });
  expect(created.status).toBe(201);
  return (created.json.response as { clientSecret: string }).clientSecret;
}

/** A GovStack call: the envelope in, the answer (always 200) out. */
async function govstack(path: string, request: Record<string, unknown>, token?: string) {
  const answer = await api(`${identity.url}/govstack${path}`, {
    method: 'POST',
    token,
    body: { requestTime: new Date().toISOString(), request },
  });
  expect(answer.status).toBe(200);
  return answer.json as { response?: Record<string, unknown>; errors?: { errorCode: string }[] };
}
const errorOf = (answer: { errors?: { errorCode: string }[] }) => answer.errors?.[0]?.errorCode;

/** The phone: a key pair, bound to a person through the wallet backend with the code the person received. */
async function bindPhone(person: { id: string; uin: string }, keys?: { publicKey: CryptoKey; privateKey: CryptoKey }) {
  keys ??= await generateKeyPair('ES256', { extractable: true });
  const sent = await govstack('/binding-otp', { individualId: person.uin }, wallet);
  expect(sent).toMatchObject({ response: {}, errors: [] });
  const { code, challengeId } = await identity.deliveredCode(
    (e) => e.personId === person.id && e.purpose === 'wallet-binding' && !usedChallenges.has(e.challengeId),
  );
  usedChallenges.add(challengeId);
  const bound = await govstack(
    '/wallet-binding',
    {
      individualId: person.uin,
      authFactorType: 'WLA',
      format: 'jwt',
      challengeList: [{ authFactorType: 'OTP', challenge: code, format: 'alpha-numeric' }],
      publicKey: await exportJWK(keys.publicKey),
    },
    wallet,
  );
  return { keys, bound };
}

/** The phone's proof: a JWT signed with the bound key, for this sign-in, fresh. */
const walletJwt = (
  privateKey: CryptoKey,
  walletUserId: string,
  claims: { sub: string; aud: string },
  iat = Math.floor(Date.now() / 1000),
  alg = 'ES256',
) =>
  new SignJWT({})
    .setProtectedHeader({ alg, kid: walletUserId })
    .setSubject(claims.sub)
    .setAudience(claims.aud)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 60)
    .sign(privateKey);

/** The counter: a relying party's authorization request, followed to the sign-in page; its interaction id. */
async function counterSignIn(config: client.Configuration) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: 'openid profile phone',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    resource: API,
    claims: JSON.stringify({ userinfo: { name: { essential: true }, phone_number: null } }),
  });
  // The counter's browser keeps the provider's cookies (by name: enough for one sign-in).
  const cookies = new Map<string, string>();
  const get = async (target: URL, form?: Record<string, string>) => {
    const answer = await fetch(target, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form && { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      body: form && new URLSearchParams(form).toString(),
    });
    for (const cookie of answer.headers.getSetCookie()) {
      const [name, ...value] = cookie.split(';')[0].split('=');
      cookies.set(name.trim(), value.join('='));
    }
    return answer;
  };
  let response = await get(url);
  while (response.status >= 300 && response.status < 400) {
    response = await get(new URL(response.headers.get('location')!, url));
  }
  const html = await response.text();
  const transactionId = /\/identity\/interaction\/([^/?"]+)/.exec(html)![1];
  return { verifier, state, transactionId, html, browser: get };
}

let counterConfig: client.Configuration;
let bounmyBinding: string;

/** The whole linked sign-in, on the happy path: the counter's tokens for the person the phone signs in. */
async function signInByPhone(
  person: { uin: string },
  phone: { keys: { privateKey: CryptoKey }; bound: { response?: Record<string, unknown> } },
  alg = 'ES256',
) {
  const walletUserId = String(phone.bound.response!.walletUserId);
  const counter = await counterSignIn(counterConfig);
  const code = String(
    (await govstack('/linked-authorization/link-code', { transactionId: counter.transactionId })).response!.linkCode,
  );
  const linked = String(
    (await govstack('/linked-authorization/link-transaction', { linkCode: code })).response!.linkTransactionId,
  );
  const jwt = await walletJwt(phone.keys.privateKey, walletUserId, { sub: person.uin, aud: linked }, undefined, alg);
  const steps = [
    await govstack('/linked-authorization/authenticate', {
      linkedTransactionId: linked,
      individualId: person.uin,
      challengeList: [{ authFactorType: 'WLA', challenge: jwt, format: 'jwt' }],
    }),
    await govstack('/linked-authorization/consent', {
      linkedTransactionId: linked,
      acceptedClaims: ['name'],
      permittedAuthorizeScopes: ['profile'],
    }),
  ];
  expect(steps.map((step) => step.errors)).toEqual([[], []]);
  const issued = (
    await govstack('/linked-authorization/link-auth-code', { transactionId: counter.transactionId, linkedCode: code })
  ).response as { code: string; state: string };
  return client.authorizationCodeGrant(
    counterConfig,
    new URL(`${REDIRECT}?code=${issued.code}&state=${issued.state}&iss=${encodeURIComponent(issuer)}`),
    { pkceCodeVerifier: counter.verifier, expectedState: counter.state },
    { resource: API },
  );
}

beforeAll(async () => {
  identity = await startIdentity(
    {
      IDENTITY_OPERATOR_CLIENT_ID: OPERATOR.id,
      IDENTITY_OPERATOR_CLIENT_SECRET: OPERATOR.secret,
      IDENTITY_LINK_POLL_SECONDS: '2',
    },
    { asIssuer: true },
  );
  issuer = identity.url;
  const operator = await serviceToken(OPERATOR.id, OPERATOR.secret);
  registry = await serviceToken(
    'civil-registry',
    await register(operator, {
      clientId: 'civil-registry',
      clientName: 'Civil registry',
      redirectUris: [],
      grantTypes: ['client_credentials'],
      clientAuthMethods: ['client_secret_basic'],
      roles: ['identity.registrar'],
    }),
  );
  for (const [given, phone] of [
    ['Bounmy', '+8562055501234'],
    ['Chanthaly', '+8562055505678'],
    ['Daovone', '+8562055509012'],
    ['Kongkeo', '+8562055503456'],
  ]) {
    const enrolled = await api(`${identity.url}/persons`, {
      method: 'POST',
      token: registry,
      body: {
        givenNameLo: 'ບຸນມີ',
        familyNameLo: 'ພົມມະຈັນ',
        givenNameEn: given,
        familyNameEn: 'Phommachanh',
        dateOfBirth: { Bounmy: '1988-03-14', Chanthaly: '1991-11-02', Daovone: '1979-07-25' }[given] ?? '1966-01-30',
        sex: 'F',
        address: { provinceCode: '06', districtCode: '0601' },
        phone,
      },
    });
    expect(enrolled.status).toBe(201);
    people.push({ id: enrolled.json.id as string, uin: enrolled.json.uin as string });
  }
  wallet = await serviceToken(
    'lao-citizen-wallet',
    await register(operator, {
      clientId: 'lao-citizen-wallet',
      clientName: 'Lao citizen wallet',
      redirectUris: [],
      grantTypes: ['client_credentials'],
      clientAuthMethods: ['client_secret_basic'],
      roles: ['identity.wallet'],
    }),
  );
  const counterSecret = await register(operator, {
    clientId: 'xieng-khouang-counter',
    clientName: 'Xieng Khouang one-door counter',
    redirectUris: [REDIRECT],
    grantTypes: ['authorization_code'],
    clientAuthMethods: ['client_secret_basic'],
  });
  counterConfig = await client.discovery(new URL(issuer), 'xieng-khouang-counter', counterSecret, undefined, {
    execute: [client.allowInsecureRequests],
  });
});
afterAll(async () => {
  await identity?.close();
});

describe('wallet binding', () => {
  it("binds a phone's key with the person's one-time code, answers a certificate over it, and refuses what is not proven", async () => {
    const [bounmy, chanthaly] = people;
    const keys = await generateKeyPair('ES256', { extractable: true });
    const publicKey = await exportJWK(keys.publicKey);
    const request = (code: string, more: Record<string, unknown> = {}) => ({
      individualId: bounmy.uin,
      authFactorType: 'WLA',
      format: 'jwt',
      challengeList: [{ authFactorType: 'OTP', challenge: code, format: 'alpha-numeric' }],
      publicKey,
      ...more,
    });
    // Only a wallet's client binds.
    const notWallet = await api(`${identity.url}/govstack/wallet-binding`, {
      method: 'POST',
      token: registry,
      body: { requestTime: new Date().toISOString(), request: request('123456') },
    });
    expect(notWallet.status).toBe(403);
    // Without a code sent, no code works; a private key, another factor or format is refused before any code is checked.
    expect(errorOf(await govstack('/wallet-binding', request('123456'), wallet))).toBe('invalid_auth_challenge');
    expect(
      errorOf(
        await govstack('/wallet-binding', request('123456', { publicKey: await exportJWK(keys.privateKey) }), wallet),
      ),
    ).toBe('invalid_public_key');
    expect(errorOf(await govstack('/wallet-binding', request('123456', { format: 'alpha-numeric' }), wallet))).toBe(
      'unsupported_challenge_format',
    );
    expect(errorOf(await govstack('/wallet-binding', request('123456', { authFactorType: 'PIN' }), wallet))).toBe(
      'invalid_request',
    );
    const stale = await govstack('/wallet-binding', { ...request('123456') }, wallet);
    expect(errorOf(stale)).toBe('invalid_auth_challenge');
    const old = await api(`${identity.url}/govstack/wallet-binding`, {
      method: 'POST',
      token: wallet,
      body: { requestTime: '2020-01-01T00:00:00.000Z', request: request('123456') },
    });
    expect(errorOf(old.json as never)).toBe('invalid_request');

    const { bound } = await bindPhone(bounmy, keys);
    expect(bound.errors).toEqual([]);
    const { walletUserId, certificate, expireDateTime } = bound.response as Record<string, string>;
    expect(Date.parse(expireDateTime)).toBeGreaterThan(Date.now() + 300 * 86_400_000);
    // The certificate is over the phone's key, names the binding and verifies with the block's credential key.
    x509.cryptoProvider.set(webcrypto as never);
    const parsed = new x509.X509Certificate(certificate);
    expect(parsed.subject).toContain(walletUserId);
    const certified = await webcrypto.subtle.exportKey('jwk', await parsed.publicKey.export());
    expect([certified.x, certified.y]).toEqual([publicKey.x, publicKey.y]);
    const credentialKeys = await api(`${identity.url}/credentials/jwks.json`);
    const issuerKey = (credentialKeys.json.keys as Record<string, unknown>[]).find((k) =>
      parsed.issuer.includes(String(k.kid)),
    )!;
    const verifyWith = await webcrypto.subtle.importKey(
      'jwk',
      issuerKey as webcrypto.JsonWebKey,
      { name: 'ECDSA', namedCurve: 'P-256' },
      true,
      ['verify'],
    );
    expect(await parsed.verify({ publicKey: verifyWith as never, signatureOnly: true })).toBe(true);
    const [event] = await identity.events<Record<string, unknown>>(
      WalletBindingBound.topic,
      WalletBindingBound.type,
      (e) => e.bindingId === walletUserId,
    );
    expect(event).toMatchObject({ personId: bounmy.id, partnerId: 'lao-citizen-wallet', replaces: null });
    expect(JSON.stringify(event)).not.toContain(publicKey.x!);

    // The same key for another person is refused, even with that person's right code.
    const taken = await bindPhone(chanthaly, keys);
    expect(errorOf(taken.bound)).toBe('duplicate_public_key');
  });
});

describe('linked authorization: a counter signed in by the phone', () => {
  it('goes from QR code to tokens with the person consenting on the phone; each step once, the counter learning only the outcome', async () => {
    const [bounmy] = people;
    const phone = await bindPhone(bounmy);
    const walletUserId = (phone.bound.response as { walletUserId: string }).walletUserId;
    bounmyBinding = walletUserId;
    const counter = await counterSignIn(counterConfig);

    // Counter: a link code for its transaction; nothing scanned yet, so the long poll times out.
    expect(errorOf(await govstack('/linked-authorization/link-code', { transactionId: 'no-such-sign-in' }))).toBe(
      'invalid_transaction_id',
    );
    const linkCode = await govstack('/linked-authorization/link-code', { transactionId: counter.transactionId });
    const code = (linkCode.response as { linkCode: string }).linkCode;
    expect(Date.parse((linkCode.response as { expireDateTime: string }).expireDateTime)).toBeGreaterThan(Date.now());
    const waiting = await govstack('/linked-authorization/link-status', {
      transactionId: counter.transactionId,
      linkCode: code,
    });
    expect(errorOf(waiting)).toBe('response_timeout');

    // Phone scans while the counter waits: the counter sees LINKED.
    const status = govstack('/linked-authorization/link-status', {
      transactionId: counter.transactionId,
      linkCode: code,
    });
    const scanned = await govstack('/linked-authorization/link-transaction', { linkCode: code });
    expect(scanned.response).toMatchObject({
      clientName: 'Xieng Khouang one-door counter',
      authorizeScopes: ['profile', 'phone'],
      essentialClaims: ['name'],
      authFactors: [[{ type: 'Wallet' }]],
    });
    expect((scanned.response as { voluntaryClaims: string[] }).voluntaryClaims).toEqual(
      expect.arrayContaining(['phone_number', 'family_name']),
    );
    expect((await status).response).toMatchObject({ transactionId: counter.transactionId, linkStatus: 'LINKED' });
    // A second scan of the same code (another phone) gets nothing.
    expect(errorOf(await govstack('/linked-authorization/link-transaction', { linkCode: code }))).toBe(
      'invalid_link_code',
    );
    const linkTransactionId = (scanned.response as { linkTransactionId: string }).linkTransactionId;

    // Phone authenticates: a signature by another key, or for another sign-in, fails; the bound key for this one works.
    const stranger = await generateKeyPair('ES256');
    const authenticate = (challenge: string) =>
      govstack('/linked-authorization/authenticate', {
        linkedTransactionId: linkTransactionId,
        individualId: bounmy.uin,
        challengeList: [{ authFactorType: 'WLA', challenge, format: 'jwt' }],
      });
    expect(
      errorOf(
        await authenticate(
          await walletJwt(stranger.privateKey, walletUserId, { sub: bounmy.uin, aud: linkTransactionId }),
        ),
      ),
    ).toBe('auth_failed');
    expect(
      errorOf(
        await authenticate(await walletJwt(phone.keys.privateKey, walletUserId, { sub: bounmy.uin, aud: 'another' })),
      ),
    ).toBe('auth_failed');
    // Consent before authentication is out of order.
    expect(
      errorOf(
        await govstack('/linked-authorization/consent', { linkedTransactionId: linkTransactionId, acceptedClaims: [] }),
      ),
    ).toBe('invalid_transaction');
    const proof = await walletJwt(phone.keys.privateKey, walletUserId, { sub: bounmy.uin, aud: linkTransactionId });
    expect((await authenticate(proof)).response).toEqual({ linkedTransactionId: linkTransactionId });
    expect(errorOf(await authenticate(proof))).toBe('invalid_transaction');

    // Counter waits for the code while the person consents: a claim not asked for is refused; name accepted, phone not.
    const authCode = govstack('/linked-authorization/link-auth-code', {
      transactionId: counter.transactionId,
      linkedCode: code,
    });
    const consent = (acceptedClaims: string[], permittedAuthorizeScopes: string[]) =>
      govstack('/linked-authorization/consent', {
        linkedTransactionId: linkTransactionId,
        acceptedClaims,
        permittedAuthorizeScopes,
      });
    expect(errorOf(await consent(['uin'], ['profile']))).toBe('invalid_accepted_claim');
    expect(errorOf(await consent(['name'], ['onedoor']))).toBe('invalid_permitted_scope');
    expect((await consent(['name', 'given_name', 'family_name'], ['profile'])).errors).toEqual([]);
    const issued = (await authCode).response as { code: string; redirectUri: string; state: string };
    expect(issued).toMatchObject({ redirectUri: REDIRECT, state: counter.state });
    expect(
      errorOf(
        await govstack('/linked-authorization/link-auth-code', {
          transactionId: counter.transactionId,
          linkedCode: code,
        }),
      ),
    ).toBe('invalid_transaction');

    // The relying party exchanges the code as after any sign-in (PKCE), and gets only what was allowed.
    const callback = new URL(
      `${issued.redirectUri}?code=${issued.code}&state=${issued.state}&iss=${encodeURIComponent(issuer)}`,
    );
    const tokens = await client.authorizationCodeGrant(
      counterConfig,
      callback,
      { pkceCodeVerifier: counter.verifier, expectedState: counter.state },
      { resource: API },
    );
    expect(tokens.claims()).toMatchObject({ sub: bounmy.id, aud: 'xieng-khouang-counter' });
    // The API token says how the person signed in: with their wallet's key, as a citizen.
    expect(decodeJwt(tokens.access_token)).toMatchObject({ acr: 'urn:onedoor:acr:wallet', roles: ['citizen'] });
    const me = await api(`${identity.url}/persons/me`, { token: tokens.access_token });
    expect([me.status, me.json.id]).toEqual([200, bounmy.id]);

    // The person sees the binding, revokes it; the phone then signs no one in.
    const bindings = await api(`${identity.url}/persons/me/wallet-bindings`, { token: tokens.access_token });
    expect(bindings.json).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: walletUserId, wallet: 'lao-citizen-wallet', active: true }),
      ]),
    );
    const revoked = await api(`${identity.url}/persons/me/wallet-bindings/${walletUserId}`, {
      method: 'DELETE',
      token: tokens.access_token,
    });
    expect(revoked.json).toMatchObject({ active: false, revokedReason: 'revoked-by-person' });
    const again = await api(`${identity.url}/persons/me/wallet-bindings/${walletUserId}`, {
      method: 'DELETE',
      token: tokens.access_token,
    });
    expect(again.status).toBe(409);
    const [revokedEvent] = await identity.events<Record<string, unknown>>(
      WalletBindingRevoked.topic,
      WalletBindingRevoked.type,
      (e) => e.bindingId === walletUserId && e.reason === 'revoked-by-person',
    );
    expect(revokedEvent).toMatchObject({ personId: bounmy.id });

    const next = await counterSignIn(counterConfig);
    const nextCode = (
      (await govstack('/linked-authorization/link-code', { transactionId: next.transactionId })).response as {
        linkCode: string;
      }
    ).linkCode;
    const nextLink = (
      (await govstack('/linked-authorization/link-transaction', { linkCode: nextCode })).response as {
        linkTransactionId: string;
      }
    ).linkTransactionId;
    const afterRevocation = await govstack('/linked-authorization/authenticate', {
      linkedTransactionId: nextLink,
      individualId: bounmy.uin,
      challengeList: [
        {
          authFactorType: 'WLA',
          challenge: await walletJwt(phone.keys.privateKey, walletUserId, { sub: bounmy.uin, aud: nextLink }),
          format: 'jwt',
        },
      ],
    });
    expect(errorOf(afterRevocation)).toBe('auth_failed');
  });

  it("replaces the person's earlier key when the same wallet binds a new one (a new phone)", async () => {
    const [, chanthaly] = people;
    const first = await bindPhone(chanthaly);
    const second = await bindPhone(chanthaly);
    const firstId = (first.bound.response as { walletUserId: string }).walletUserId;
    const secondId = (second.bound.response as { walletUserId: string }).walletUserId;
    const [bound] = await identity.events<Record<string, unknown>>(
      WalletBindingBound.topic,
      WalletBindingBound.type,
      (e) => e.bindingId === secondId,
    );
    expect(bound.replaces).toBe(firstId);
    const token = (await signInByPhone(chanthaly, second)).access_token;
    const list = (await api(`${identity.url}/persons/me/wallet-bindings`, { token })).json as unknown as {
      id: string;
      active: boolean;
      revokedReason: string | null;
    }[];
    expect(list.map((b) => [b.id, b.active, b.revokedReason])).toEqual([
      [secondId, true, null],
      [firstId, false, 'replaced'],
    ]);
    // Another person's binding is as unknown as none.
    const other = await api(`${identity.url}/persons/me/wallet-bindings/${bounmyBinding}`, {
      method: 'DELETE',
      token,
    });
    expect(other.status).toBe(404);
  });

  it("offers the phone on the counter's sign-in page: a QR code drawn without script, then on to the relying party", async () => {
    const daovone = people[2];
    const phone = await bindPhone(daovone);
    const walletUserId = String(phone.bound.response!.walletUserId);
    const counter = await counterSignIn(counterConfig);
    const phoneLink = /href="(\/identity\/interaction\/[^"]+\/phone[^"]*)"/
      .exec(counter.html)![1]
      .replace(/&amp;/g, '&');
    const shown = await counter.browser(new URL(phoneLink, issuer));
    const page = await shown.text();
    expect(shown.status).toBe(200);
    expect(page).toContain('<svg');
    expect(page).not.toContain('<script');
    const linkCode = /name="linkCode" value="([^"]+)"/.exec(page)![1];
    const continueUrl = new URL(`${issuer}/interaction/${counter.transactionId}/phone?lang=lo`);
    // Pressed before the phone approved: still waiting (after the long poll), the same code shown again.
    const early = await counter.browser(continueUrl, { linkCode });
    expect(early.status).toBe(202);
    expect(await early.text()).toContain(linkCode);
    // The phone scans, proves the person and allows; Continue goes on to the relying party with the code.
    const linked = String(
      (await govstack('/linked-authorization/link-transaction', { linkCode })).response!.linkTransactionId,
    );
    const proof = await walletJwt(phone.keys.privateKey, walletUserId, { sub: daovone.uin, aud: linked });
    await govstack('/linked-authorization/authenticate', {
      linkedTransactionId: linked,
      individualId: daovone.uin,
      challengeList: [{ authFactorType: 'WLA', challenge: proof, format: 'jwt' }],
    });
    await govstack('/linked-authorization/consent', {
      linkedTransactionId: linked,
      acceptedClaims: ['name'],
      permittedAuthorizeScopes: ['profile'],
    });
    const approved = await counter.browser(continueUrl, { linkCode });
    expect(approved.status).toBe(303);
    const callback = new URL(approved.headers.get('location')!);
    expect(callback.href.startsWith(REDIRECT)).toBe(true);
    // The redirect carries code, state and iss (RFC 9207): a standard relying party takes it as any other.
    const tokens = await client.authorizationCodeGrant(
      counterConfig,
      callback,
      { pkceCodeVerifier: counter.verifier, expectedState: counter.state },
      { resource: API },
    );
    expect(tokens.claims()).toMatchObject({ sub: daovone.id });
    // Pressed again: the sign-in has ended (its interaction is gone: nothing is left in the counter's browser).
    const again = await counter.browser(continueUrl, { linkCode });
    expect([again.status, (await again.text()).includes('expired')]).toEqual([400, true]);
  });

  it('takes an RSA key too, signing with PS256 or RS256, and refuses an algorithm the key was not bound for', async () => {
    const kongkeo = people[3];
    const rsa = await generateKeyPair('PS256', { extractable: true, modulusLength: 2048 });
    const phone = await bindPhone(kongkeo, rsa);
    expect(phone.bound.errors).toEqual([]);
    const tokens = await signInByPhone(kongkeo, phone, 'PS256');
    expect(tokens.claims()).toMatchObject({ sub: kongkeo.id });
    // An RSA binding never verifies an ES256 header (nor the reverse): the algorithm follows the key.
    const counter = await counterSignIn(counterConfig);
    const code = String(
      (await govstack('/linked-authorization/link-code', { transactionId: counter.transactionId })).response!.linkCode,
    );
    const linked = String(
      (await govstack('/linked-authorization/link-transaction', { linkCode: code })).response!.linkTransactionId,
    );
    const walletUserId = String(phone.bound.response!.walletUserId);
    const mismatched = await govstack('/linked-authorization/authenticate', {
      linkedTransactionId: linked,
      individualId: kongkeo.uin,
      challengeList: [
        {
          authFactorType: 'WLA',
          challenge: `${Buffer.from(JSON.stringify({ alg: 'ES256', kid: walletUserId })).toString('base64url')}.${Buffer.from(
            JSON.stringify({ sub: kongkeo.uin, aud: linked }),
          ).toString('base64url')}.AAAA`,
          format: 'jwt',
        },
      ],
    });
    expect(errorOf(mismatched)).toBe('auth_failed');
  });
});
