import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import { BlockProblem } from '../platform/blocks.client';
import { newCsrfToken, type Session, type SignInTransaction, type Staff } from './session';

/** The audience of the blocks' API tokens. */
const API_RESOURCE = 'urn:onedoor:api';

/**
 * Signing citizens in at the identity block, as any relying party does: authorization code with PKCE (openid-client),
 * the code exchanged by the app with its client secret. The identity block's pages ask for the UIN and the SMS code.
 */
export class IdentitySignIn {
  private config?: Promise<oidc.Configuration>;

  constructor(
    private readonly issuer: string,
    private readonly client: { id: string; secret?: string },
    private readonly redirectUri: string,
  ) {}

  get enabled(): boolean {
    return !!this.client.secret;
  }

  private configuration(): Promise<oidc.Configuration> {
    this.config ??= this.discover().catch((error: unknown) => {
      this.config = undefined;
      throw new BlockProblem(0, 'UNREACHABLE', `identity: ${(error as Error).message}`);
    });
    return this.config;
  }

  /**
   * The identity block's metadata, read where the app reaches it (`CITIZEN_WEB_API_URL`). The browser goes to the
   * issuer's public authorization page; the app's own calls (code exchange, keys) go to the same paths at the
   * address it reaches, which behind a proxy is not the public one (a container cannot call the site's own name).
   */
  private async discover(): Promise<oidc.Configuration> {
    const reached = this.issuer.replace(/\/$/, '');
    const response = await fetch(`${reached}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`discovery answered ${response.status}`);
    const metadata = (await response.json()) as oidc.ServerMetadata;
    const issuer = metadata.issuer.replace(/\/$/, '');
    const backChannel = (address?: string) =>
      address?.startsWith(`${issuer}/`) ? `${reached}${address.slice(issuer.length)}` : address;
    const config = new oidc.Configuration(
      {
        ...metadata,
        token_endpoint: backChannel(metadata.token_endpoint),
        jwks_uri: backChannel(metadata.jwks_uri),
        userinfo_endpoint: backChannel(metadata.userinfo_endpoint),
        introspection_endpoint: backChannel(metadata.introspection_endpoint),
        revocation_endpoint: backChannel(metadata.revocation_endpoint),
      },
      this.client.id,
      this.client.secret,
    );
    if (reached.startsWith('http:')) oidc.allowInsecureRequests(config);
    return config;
  }

  /** Where to send the browser, and what the callback must check. */
  async start(lang: string, returnTo: string): Promise<{ url: string; transaction: SignInTransaction }> {
    const config = await this.configuration();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: 'openid onedoor',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      resource: API_RESOURCE,
      ui_locales: lang,
    });
    return { url: url.href, transaction: { verifier, state, returnTo } };
  }

  /** The callback's URL exchanged for the citizen's API token: their session. */
  async finish(callbackUrl: URL, transaction: SignInTransaction): Promise<Session> {
    const config = await this.configuration();
    const tokens = await oidc.authorizationCodeGrant(
      config,
      callbackUrl,
      { pkceCodeVerifier: transaction.verifier, expectedState: transaction.state },
      { resource: API_RESOURCE },
    );
    const claims = tokens.claims();
    return {
      accessToken: tokens.access_token,
      expiresAt: Math.floor(Date.now() / 1000) + (tokens.expires_in ?? 600),
      subject: claims?.sub ?? '',
      csrf: newCsrfToken(),
      staff: staffOf(tokens.access_token),
    };
  }
}

/**
 * The civil servant a token is for, read from the access token the code exchange just gave (the blocks check it on
 * every call; the app only chooses which pages to offer): a staff login carries roles and never the citizen's.
 */
export function staffOf(accessToken: string): Staff | undefined {
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(accessToken);
  } catch {
    return undefined;
  }
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
  if (!roles.length || roles.includes('citizen')) return undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    roles,
    ministry: text(claims.ministry),
    province: text(claims.province),
    unit: text(claims.unit),
  };
}
