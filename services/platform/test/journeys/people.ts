import { createHmac } from 'node:crypto';
import * as client from 'openid-client';
import { api, SignInBrowser } from '@onedoor/testing';
import { OPERATOR, type Reach } from './platform';

export const API = 'urn:onedoor:api';

/** The answer had `status`; else the failure shows what came back instead. */
export function expectStatus<T extends { status: number; text: string }>(answer: T, status: number): T {
  if (answer.status !== status)
    throw new Error(`expected ${status}, got ${answer.status}: ${answer.text.slice(0, 500)}`);
  return answer;
}
const REDIRECT = 'http://127.0.0.1:9/callback';

/** An authenticator app (RFC 6238: HMAC-SHA1, 6 digits, 30 s) holding the base32 seed shown once at activation. */
export function authenticatorCode(seed: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of seed.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

export async function serviceToken(p: Reach, id: string, secret: string): Promise<string> {
  const response = await fetch(`${p.urls.identity}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token for ${id}: ${JSON.stringify(body)}`);
  return body.access_token;
}

export const operatorToken = (p: Reach) => serviceToken(p, OPERATOR.id, OPERATOR.secret);

/** Registers a client with the identity block (GovStack's client management); answers its secret. */
export async function registerClient(p: Reach, request: Record<string, unknown>): Promise<string> {
  const created = await api(`${p.urls.identity}/client-mgmt/oidc-client`, {
    method: 'POST',
    token: await operatorToken(p),
    body: { requestTime: new Date().toISOString(), request },
  });
  if (created.status !== 201) throw new Error(`client ${String(request.clientId)}: ${created.status} ${created.text}`);
  return (created.json.response as { clientSecret: string }).clientSecret;
}

/** A web app signing people in with authorization code and PKCE, as any relying party does (openid-client). */
export class RelyingParty {
  private constructor(
    private readonly p: Reach,
    private readonly config: client.Configuration,
  ) {}

  static async register(p: Reach, clientId: string, clientName: string): Promise<RelyingParty> {
    const secret = await registerClient(p, {
      clientId,
      clientName,
      redirectUris: [REDIRECT],
      grantTypes: ['authorization_code'],
      clientAuthMethods: ['client_secret_basic'],
      firstParty: true,
    });
    const config = await client.discovery(new URL(p.urls.identity), clientId, secret, undefined, {
      execute: [client.allowInsecureRequests],
    });
    return new RelyingParty(p, config);
  }

  /**
   * One sign-in: the provider's page in `language`, `fill` completes its forms in the browser; the code goes back
   * to the app, which exchanges it with its verifier for an API token.
   */
  private async signIn(
    fill: (browser: SignInBrowser, interaction: string) => Promise<{ status: number; location?: string }>,
  ): Promise<string> {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(this.config, {
      redirect_uri: REDIRECT,
      scope: 'openid onedoor',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      resource: API,
      ui_locales: 'lo',
    });
    const browser = new SignInBrowser(REDIRECT);
    const page = await browser.follow(url.href);
    expect(page.html).toContain('lang="lo"');
    const interaction = /\/identity\/interaction\/([^/?"]+)/.exec(page.html)![1];
    const signedIn = await fill(browser, `${this.p.urls.identity}/interaction/${interaction}`);
    expect(signedIn.status).toBe(303);
    const callback = await browser.follow(signedIn.location!);
    const tokens = await client.authorizationCodeGrant(
      this.config,
      new URL(callback.location!),
      { pkceCodeVerifier: verifier, expectedState: state },
      { resource: API },
    );
    return tokens.access_token;
  }

  /** A citizen: their UIN, then the code the identity block sent to their phone by SMS. */
  citizen(uin: string, phone: string): Promise<string> {
    return this.signIn(async (browser, interaction) => {
      const before = this.p.sms().length;
      const codePage = await browser.request(`${interaction}/citizen`, { form: { uin } });
      expect(codePage.status).toBe(200);
      const challengeId = /name="challengeId" value="([^"]+)"/.exec(codePage.html)![1];
      const text = await this.p.smsTo(phone, (t) => /\b\d{6}\b/.test(t), 'a sign-in code', before);
      const code = /\b(\d{6})\b/.exec(text)![1];
      return browser.request(`${interaction}/citizen/code`, { form: { uin, challengeId, code } });
    });
  }

  /** A civil servant: employee number, password, and the authenticator's code. */
  staff(account: StaffAccount): Promise<string> {
    return this.signIn((browser, interaction) =>
      browser.request(`${interaction}/civil-servant`, {
        form: {
          employeeNumber: account.employeeNumber,
          password: account.password,
          totp: authenticatorCode(account.seed),
        },
      }),
    );
  }
}

export interface StaffAccount {
  employeeNumber: string;
  password: string;
  seed: string;
}

export interface Posting {
  ministryCode: string;
  departmentCode?: string;
  provinceCode: string;
  level: 'central' | 'province' | 'district';
}

/**
 * A civil servant from enrolment to a working account: HR (a service client) enrols the person, registers the
 * posting and roles and hands over an activation code; the person proves the account is theirs with the code
 * mailed to them, sets a password and keeps the authenticator seed.
 */
export async function onboardStaff(
  p: Reach,
  hr: string,
  who: { givenName: string; email: string; employeeNumber: string; posting: Posting; roles: string[] },
): Promise<StaffAccount> {
  const person = await api(`${p.urls.identity}/persons`, {
    method: 'POST',
    token: hr,
    body: {
      givenNameLo: who.givenName,
      familyNameLo: 'ພົມມະວົງ',
      dateOfBirth: '1984-03-15',
      sex: 'F',
      address: { provinceCode: who.posting.provinceCode, districtCode: `${who.posting.provinceCode}01` },
      email: who.email,
      preferredLanguage: 'lo',
    },
  });
  expectStatus(person, 201);
  const registered = await api(`${p.urls.identity}/civil-servants`, {
    method: 'POST',
    token: hr,
    body: {
      personId: person.json.id,
      employeeNumber: who.employeeNumber,
      posting: { ...who.posting, position: 'Officer', grade: '3-1' },
      effectiveFrom: '2026-01-05',
      roles: who.roles,
    },
  });
  expectStatus(registered, 201);
  const handedOver = await api(`${p.urls.identity}/civil-servants/${String(person.json.id)}/activation-code`, {
    method: 'POST',
    token: hr,
  });
  const activationCode = handedOver.json.activationCode as string;
  const proof = await api(`${p.urls.identity}/civil-servants/activation/proof`, {
    method: 'POST',
    body: { employeeNumber: who.employeeNumber, activationCode },
  });
  expect(proof.json).toMatchObject({ channel: 'email' });
  const mail = await p.mailTo(who.email, (m) => /\b\d{6}\b/.test(m.text), 'the activation code');
  const password = `journey ${who.employeeNumber} password`;
  const activated = await api(`${p.urls.identity}/civil-servants/activation`, {
    method: 'POST',
    body: {
      employeeNumber: who.employeeNumber,
      activationCode,
      challengeId: proof.json.challengeId,
      code: /\b(\d{6})\b/.exec(mail.text)![1],
      password,
    },
  });
  expectStatus(activated, 200);
  return { employeeNumber: who.employeeNumber, password, seed: activated.json.secret as string };
}
