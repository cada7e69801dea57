import * as oidc from 'openid-client';
import { BlockProblem } from '../platform/blocks.client';
import { newCsrfToken, type Session, type SignInTransaction } from './session';

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
    this.config ??= oidc
      .discovery(new URL(this.issuer), this.client.id, this.client.secret, undefined, {
        execute: this.issuer.startsWith('http:') ? [oidc.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        this.config = undefined;
        throw new BlockProblem(0, 'UNREACHABLE', `identity: ${(error as Error).message}`);
      });
    return this.config;
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
    return {
      accessToken: tokens.access_token,
      expiresAt: Math.floor(Date.now() / 1000) + (tokens.expires_in ?? 600),
      subject: tokens.claims()?.sub ?? '',
      csrf: newCsrfToken(),
    };
  }
}
