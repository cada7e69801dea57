import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ROLES } from '@onedoor/contracts';
import { LOGGER } from '@onedoor/platform-kit';
import type { Logger } from '@onedoor/observability';
import { AuthorizationRequests, OidcStore, SigningKeyStore, type PendingAuthorization } from '../../application/ports';
import { SecretBox } from '../../application/secret-box';
import {
  accountClaims,
  API_RESOURCE,
  apiTokenClaims,
  IdentityError,
  IdentityErrorCode,
  SCOPE_CLAIMS,
} from '../../domain';
import { OIDC_SETTINGS, type OidcSettings } from '../../identity.config';
import { GOVSTACK_TOKEN_PATH, govstackTokenError } from '../../govstack/token-errors';

import type { Configuration } from 'oidc-provider';

// The provider library is published as an ES module only; Node 20.19+ loads it with require().
type ProviderModule = typeof import('oidc-provider');
type Provider = InstanceType<ProviderModule['default']>;

export const ACCESS_TOKEN_TTL_SECONDS = 600;
const KEY_REFRESH_MS = 30_000;
const PURGE_MS = 10 * 60_000;

/** Paths under /identity that the provider serves itself (GovStack's names for them). */
export const OIDC_ROUTES = {
  authorization: '/authorize',
  token: '/oauth/token',
  userinfo: '/oidc/userinfo',
  jwks: '/.well-known/jwks.json',
  revocation: '/oauth/revoke',
  end_session: '/oidc/logout',
} as const;
const OIDC_PATH = /^\/(\.well-known\/|authorize(\/|$|\?)|oauth\/|oidc\/)/;

type ClaimsRequest = Record<string, { essential?: boolean } | null>;

/** The authorization request's `claims` parameter (JSON), parsed; undefined when absent or not an object. */
function requestedClaimsObject(parameter: unknown): { userinfo?: ClaimsRequest; id_token?: ClaimsRequest } | undefined {
  if (typeof parameter !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(parameter);
    return parsed && typeof parsed === 'object' ? (parsed as never) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What an authorization request asks the person for: the scopes they may permit (openid is always granted), and
 * the claims, essential (named so in the `claims` parameter) or voluntary (the others, and those of the scopes).
 */
function askedBy(params: Record<string, unknown>): { scopes: string[]; essential: string[]; voluntary: string[] } {
  const scopes = String(params.scope ?? 'openid')
    .split(' ')
    .filter((s) => s && s !== 'openid');
  const parsed = requestedClaimsObject(params.claims);
  const asked: ClaimsRequest = { ...(parsed?.id_token ?? {}), ...(parsed?.userinfo ?? {}) };
  const fromScopes = scopes.flatMap((scope) => [...(SCOPE_CLAIMS[scope as keyof typeof SCOPE_CLAIMS] ?? [])]);
  const essential = Object.entries(asked)
    .filter(([name, claim]) => claim?.essential && name !== 'sub')
    .map(([name]) => name);
  const voluntary = [...new Set([...fromScopes, ...Object.keys(asked)])].filter(
    (name) => name !== 'sub' && !essential.includes(name),
  );
  return { scopes, essential, voluntary };
}

/**
 * The OpenID Connect provider (the certified `oidc-provider` library) with OneDoor's accounts, storage, keys
 * and token claims. It is rebuilt when the signing keys change (rotation on any replica shows here within
 * 30 s). API access tokens are JWTs for the audience `urn:onedoor:api`, verified by every block with the JWKS.
 */
@Injectable()
export class OidcProviderService implements OnModuleInit, OnModuleDestroy, AuthorizationRequests {
  private providerModule?: ProviderModule;
  private current?: { provider: Provider; fingerprint: string; issuer: string };
  private building?: Promise<Provider>;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly store: OidcStore,
    private readonly keys: SigningKeyStore,
    private readonly secrets: SecretBox,
    @Inject(OIDC_SETTINGS) private readonly settings: OidcSettings,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit() {
    await this.keys.ensureSigningKey();
    if (this.settings.operatorClient) {
      const { id, secret } = this.settings.operatorClient;
      await new (this.store.adapterClass())('Client').upsert(id, {
        client_id: id,
        client_secret: secret,
        client_name: 'OneDoor platform operator',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        onedoor_roles: [ROLES.platformOperator],
        onedoor_first_party: true,
        onedoor_status: 'ACTIVE',
      });
    }
    for (const client of this.settings.webClients ?? []) {
      await new (this.store.adapterClass())('Client').upsert(client.id, {
        client_id: client.id,
        client_secret: client.secret,
        client_name: `OneDoor ${client.id}`,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [client.redirectUri],
        token_endpoint_auth_method: 'client_secret_basic',
        onedoor_roles: [],
        onedoor_first_party: true,
        onedoor_status: 'ACTIVE',
        govstack: { relyingPartyId: client.id, userClaims: [], authContextRefs: [] },
      });
    }
    if (this.settings.issuer) await this.provider(this.settings.issuer);
    this.timers.push(
      setInterval(
        () => void this.refreshKeys().catch((error) => this.logger.warn({ err: error }, 'signing key refresh failed')),
        KEY_REFRESH_MS,
      ).unref(),
      setInterval(() => void this.store.purgeExpired().catch(() => undefined), PURGE_MS).unref(),
    );
  }

  onModuleDestroy() {
    this.timers.forEach(clearInterval);
  }

  private async refreshKeys() {
    if (!this.current) return;
    const { fingerprint } = await this.keys.forProvider();
    if (fingerprint !== this.current.fingerprint) {
      this.logger.info({ fingerprint }, 'signing keys changed: provider reloaded');
      this.building = undefined;
      await this.provider(this.current.issuer, true);
    }
  }

  /** The provider; built on first use (with the issuer of the first request when none is configured). */
  async provider(issuerHint?: string, rebuild = false): Promise<Provider> {
    if (this.current && !rebuild) return this.current.provider;
    if (!this.building) {
      const issuer = this.settings.issuer ?? this.current?.issuer ?? issuerHint;
      if (!issuer) throw new Error('the OpenID provider has no issuer yet');
      this.building = this.build(issuer).finally(() => (this.building = undefined));
    }
    return this.building;
  }

  /** The issuer a request addresses (its host, or the proxy's with IDENTITY_TRUST_PROXY): the default issuer. */
  issuerOf(request: IncomingMessage): string {
    const host =
      request.headers['x-forwarded-host'] && this.settings.trustProxy
        ? request.headers['x-forwarded-host']
        : request.headers.host;
    const proto =
      request.headers['x-forwarded-proto'] && this.settings.trustProxy ? request.headers['x-forwarded-proto'] : 'http';
    return `${proto}://${host}/identity`;
  }

  /**
   * With an issuer configured, every URL the provider advertises derives from it, whatever Host or X-Forwarded-*
   * a request claims: the provider sees the issuer's host and protocol (and trusts only these forwarded headers,
   * set here). Otherwise a request with `Host: evil.example` would get discovery pointing there.
   */
  private pinToIssuer(request: IncomingMessage): void {
    if (!this.settings.issuer) return;
    const { host, protocol } = new URL(this.settings.issuer);
    request.headers.host = host;
    request.headers['x-forwarded-host'] = host;
    request.headers['x-forwarded-proto'] = protocol.replace(':', '');
    if (!this.settings.trustProxy) delete request.headers['x-forwarded-for'];
  }

  /**
   * The provider's own check of a client's metadata (redirect URIs, grant types, keys), as manage-clients takes it;
   * the first call may be the one that starts the provider (issuer from the request).
   */
  clientCheck(request: IncomingMessage) {
    return async (metadata: Record<string, unknown>) => {
      const provider = await this.provider(this.issuerOf(request));
      try {
        await (provider.Client as unknown as { validate(m: Record<string, unknown>): Promise<void> }).validate(
          metadata,
        );
      } catch (error) {
        const { error: code, error_description: description } = error as { error?: string; error_description?: string };
        throw new IdentityError(
          code === 'invalid_redirect_uri'
            ? IdentityErrorCode.INVALID_REDIRECT_URI
            : IdentityErrorCode.INVALID_CLIENT_METADATA,
          description ?? String(error),
        );
      }
    };
  }

  /** An interaction not yet finished, and its active client: the authorization request a counter waits on. */
  private async waiting(transactionId: string) {
    if (!this.current) return undefined;
    const { provider } = this.current;
    const interaction = await provider.Interaction.find(transactionId);
    if (!interaction || interaction.isExpired) return undefined;
    const params = interaction.params as Record<string, string | string[] | undefined>;
    const client = await provider.Client.find(String(params.client_id));
    if (!client || (client as never as { onedoor_status?: string }).onedoor_status === 'INACTIVE') return undefined;
    return { provider, interaction, params, client };
  }

  /** The authorization request a counter is waiting on, as linked sign-in shows it to the person. */
  async pending(transactionId: string): Promise<PendingAuthorization | undefined> {
    const found = await this.waiting(transactionId);
    if (!found) return undefined;
    const { client, interaction, params } = found;
    const { scopes, essential, voluntary } = askedBy(params);
    return {
      transactionId,
      clientId: client.clientId,
      clientName: client.clientName ?? client.clientId,
      ...(client.logoUri && { logoUri: client.logoUri }),
      scopes,
      essentialClaims: essential,
      voluntaryClaims: voluntary,
      expiresAt: new Date(interaction.exp * 1000),
    };
  }

  /**
   * Ends a counter's pending request with an authorization code for the person, as the provider would after its
   * own sign-in and consent pages, but leaving no session behind in the counter's browser: the grant holds the scopes
   * and claims the person allowed (the others rejected), the code the request's PKCE challenge, redirect and nonce.
   */
  async issueCode(
    transactionId: string,
    grantFor: { accountId: string; acr: string; amr: string[]; acceptedClaims: string[]; permittedScopes: string[] },
  ) {
    const found = await this.waiting(transactionId);
    if (!found) return undefined;
    const { provider, interaction, params, client } = found;
    const { issuer } = this.current!;
    const scope = ['openid', ...grantFor.permittedScopes].join(' ');
    const grant = new provider.Grant({ accountId: grantFor.accountId, clientId: client.clientId });
    grant.addOIDCScope(scope);
    const { essential, voluntary } = askedBy(params);
    const asked = [...essential, ...voluntary];
    grant.addOIDCClaims(['sub', ...grantFor.acceptedClaims]);
    grant.rejectOIDCClaims(asked.filter((claim) => !grantFor.acceptedClaims.includes(claim)));
    const resources = [params.resource ?? []].flat().filter((r): r is string => typeof r === 'string');
    for (const resource of resources) grant.addResourceScope(resource, scope);
    const grantId = await grant.save();
    const claims = requestedClaimsObject(params.claims);
    const code = new provider.AuthorizationCode({
      accountId: grantFor.accountId,
      acr: grantFor.acr,
      amr: grantFor.amr,
      authTime: Math.floor(Date.now() / 1000),
      ...(claims && { claims }),
      client,
      codeChallenge: params.code_challenge as string,
      codeChallengeMethod: params.code_challenge_method as string,
      grantId,
      nonce: params.nonce as string | undefined,
      redirectUri: params.redirect_uri as string,
      ...(resources.length && { resource: resources.length === 1 ? resources[0] : resources }),
      scope,
    } as never);
    const value = await code.save();
    await interaction.destroy();
    return {
      code: value,
      redirectUri: String(params.redirect_uri),
      ...(typeof params.state === 'string' && { state: params.state }),
      ...(typeof params.nonce === 'string' && { nonce: params.nonce }),
      issuer,
    };
  }

  /** Serves a request when its path is one of the provider's; otherwise hands it on. */
  async handle(request: IncomingMessage & { originalUrl?: string }, response: ServerResponse, next: () => void) {
    const path = request.url ?? '/';
    if (!OIDC_PATH.test(path)) return next();
    const route = Object.values(OIDC_ROUTES).find(
      (r) => path === r || path.startsWith(`${r}?`) || path.startsWith(`${r}/`),
    );
    const locals = (response as ServerResponse & { locals?: Record<string, unknown> }).locals;
    // The route pattern as the access log and metrics show every block's: the full path, block prefix included.
    if (locals)
      locals.route = `/identity${
        route ?? (path.startsWith('/.well-known/openid-configuration') ? '/.well-known/openid-configuration' : '/oidc')
      }`;
    try {
      const provider = await this.provider(this.issuerOf(request));
      this.pinToIssuer(request);
      provider.callback()(request, response);
    } catch (error) {
      this.logger.error({ err: error }, 'OpenID provider failed to start');
      response.statusCode = 503;
      response.setHeader('content-type', 'application/problem+json');
      response.end(
        JSON.stringify({
          type: 'about:blank',
          title: 'Service unavailable',
          status: 503,
          code: 'IDENTITY.PROVIDER_UNAVAILABLE',
        }),
      );
    }
  }

  private async build(issuer: string): Promise<Provider> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.providerModule ??= require('oidc-provider') as ProviderModule;
    const { default: ProviderClass, errors } = this.providerModule;
    const { keys, fingerprint } = await this.keys.forProvider();
    const store = this.store;
    type ClientExtras = { onedoor_roles?: unknown; onedoor_ministry?: unknown; onedoor_province?: unknown };
    const clientGrant = (client: ClientExtras | undefined) => ({
      roles: Array.isArray(client?.onedoor_roles) ? (client!.onedoor_roles as string[]) : [],
      ...(typeof client?.onedoor_ministry === 'string' && { ministry: client.onedoor_ministry }),
      ...(typeof client?.onedoor_province === 'string' && { province: client.onedoor_province }),
    });

    const configuration: Configuration = {
      adapter: store.adapterClass() as never,
      jwks: { keys: keys as never },
      cookies: {
        keys: [this.secrets.derive('cookies').toString('base64url')],
        long: { signed: true },
        short: { signed: true },
      },
      findAccount: async (_ctx, sub) => {
        const account = await store.account(sub);
        return (account && {
          accountId: sub,
          claims: async () => accountClaims(sub, account.person, account.civilServant),
        }) as never;
      },
      claims: Object.fromEntries(Object.entries(SCOPE_CLAIMS).map(([scope, claims]) => [scope, [...claims]])) as never,
      scopes: ['openid', 'offline_access', ...Object.keys(SCOPE_CLAIMS).filter((s) => s !== 'openid')],
      routes: OIDC_ROUTES,
      discovery: {
        claim_types_supported: ['normal'],
        ui_locales_supported: ['lo', 'en'],
        // GovStack's client management (ADR 0017): not RFC 7591's dynamic registration, which stays off.
        registration_endpoint: `${issuer}/govstack/client-mgmt/oidc-client`,
      },
      pkce: { required: () => true },
      responseTypes: ['code'],
      clientDefaults: {
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'ES256',
      },
      // ES256 by default; RS256 for GovStack's relying parties (keys with certificates, as their document shows).
      enabledJWA: {
        idTokenSigningAlgValues: ['ES256', 'RS256'],
        userinfoSigningAlgValues: ['ES256', 'RS256'],
      } as never,
      extraClientMetadata: {
        properties: ['onedoor_roles', 'onedoor_ministry', 'onedoor_province', 'onedoor_first_party', 'onedoor_status'],
        validator(_ctx, key, value) {
          if (
            key === 'onedoor_roles' &&
            value !== undefined &&
            (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
          ) {
            throw new errors.InvalidClientMetadata('onedoor_roles must be an array of role names');
          }
          if (
            (key === 'onedoor_ministry' || key === 'onedoor_province') &&
            value !== undefined &&
            typeof value !== 'string'
          ) {
            throw new errors.InvalidClientMetadata(`${key} must be a code`);
          }
          if (key === 'onedoor_first_party' && value !== undefined && typeof value !== 'boolean') {
            throw new errors.InvalidClientMetadata('onedoor_first_party must be a boolean');
          }
        },
      },
      features: {
        devInteractions: { enabled: false },
        // GovStack's relying parties read userinfo as a signed, then encrypted, JWT (ManageClients nestedUserinfo).
        encryption: { enabled: true },
        jwtUserinfo: { enabled: true },
        clientCredentials: { enabled: true },
        // A relying party asks for single claims (`claims`, OpenID Connect Core 5.5), essential or not.
        claimsParameter: { enabled: true },
        // A client revokes only its own tokens: refresh tokens (an API access token is a JWT every block verifies
        // offline and lives 10 minutes: revoking one is refused with unsupported_token_type, RFC 7009 2.2.1).
        // Introspection is off: the block issues no opaque token a resource server would need it for.
        revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
        introspection: { enabled: false },
        rpInitiatedLogout: { enabled: true },
        resourceIndicators: {
          enabled: true,
          // Service clients get API tokens without naming the resource; people's apps name it (RFC 8707).
          defaultResource: async (ctx, _client, oneOf) =>
            oneOf ?? (ctx.oidc.params?.grant_type === 'client_credentials' ? API_RESOURCE : undefined),
          // A token request names its resource; without one (a refresh for userinfo), the token is for userinfo.
          useGrantedResource: async () => false,
          getResourceServerInfo: async (_ctx, resource) => {
            if (resource !== API_RESOURCE) throw new errors.InvalidTarget(`unknown resource ${resource}`);
            return {
              scope: 'openid profile email phone address onedoor offline_access',
              audience: API_RESOURCE,
              accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS,
              accessTokenFormat: 'jwt',
              jwt: { sign: { alg: 'ES256' } },
            };
          },
        },
      },
      ttl: {
        AccessToken: ACCESS_TOKEN_TTL_SECONDS,
        ClientCredentials: ACCESS_TOKEN_TTL_SECONDS,
        AuthorizationCode: 60,
        IdToken: 3600,
        RefreshToken: 8 * 3600,
        Interaction: 15 * 60,
        Session: 8 * 3600,
        Grant: 8 * 3600,
      },
      issueRefreshToken: async (_ctx, client, code) =>
        client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
      extraTokenClaims: async (ctx, token) => {
        if (!('aud' in token) || !token.aud) return undefined;
        const source = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken;
        const acr = (source as { acr?: string } | undefined)?.acr;
        const accountId = (token as { accountId?: string }).accountId;
        // A staff account acts with what the civil servant is now: read at issue time.
        const civilServant = accountId ? await store.activeCivilServant(accountId) : null;
        return apiTokenClaims(token as never, acr, clientGrant(ctx.oidc.entities.Client as never), civilServant);
      },
      loadExistingGrant: async (ctx) => {
        const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
        if (grantId) return ctx.oidc.provider.Grant.find(grantId);
        // Government first-party apps need no consent screen: the grant covers what they ask for.
        if (
          ctx.oidc.client &&
          (ctx.oidc.client as never as { onedoor_first_party?: boolean }).onedoor_first_party &&
          ctx.oidc.session?.accountId
        ) {
          const grant = new ctx.oidc.provider.Grant({
            clientId: ctx.oidc.client.clientId,
            accountId: ctx.oidc.session.accountId,
          });
          grant.addOIDCScope(ctx.oidc.requestParamScopes ? [...ctx.oidc.requestParamScopes].join(' ') : 'openid');
          for (const resource of Object.keys(ctx.oidc.resourceServers ?? {})) {
            grant.addResourceScope(resource, [...(ctx.oidc.requestParamScopes ?? [])].join(' '));
          }
          await grant.save();
          return grant;
        }
        return undefined;
      },
      interactions: { url: (_ctx, interaction) => `/identity/interaction/${interaction.uid}` },
      renderError: async (ctx, out) => {
        ctx.type = 'html';
        const escape = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
        ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in error</title></head><body><main><h1>Sign-in error · ບໍ່ສາມາດເຂົ້າລະບົບ</h1><p>${escape(out.error)}: ${escape(out.error_description)}</p></main></body></html>`;
      },
    };
    const provider = new ProviderClass(issuer, configuration);
    // At GovStack's base URL, the token endpoint's refusals carry the document's codes, with status 400.
    provider.use(async (ctx, next) => {
      await next();
      const body = ctx.body as { error?: unknown; error_description?: string } | undefined;
      const url = (ctx.req as { originalUrl?: string }).originalUrl ?? '';
      if (!GOVSTACK_TOKEN_PATH.test(url) || ctx.status < 400 || typeof body?.error !== 'string') return;
      body.error = govstackTokenError(body.error, body.error_description, ctx.oidc?.params ?? {});
      if (ctx.status < 500) ctx.status = 400;
    });
    // Forwarded headers are read when a proxy is trusted, or when pinToIssuer has set them to the issuer's.
    provider.proxy = this.settings.trustProxy || !!this.settings.issuer;
    provider.on('server_error', (_ctx, error) => this.logger.error({ err: error }, 'OpenID provider error'));
    this.current = { provider, fingerprint, issuer };
    this.logger.info({ issuer, keys: fingerprint }, 'OpenID provider ready');
    return provider;
  }
}
