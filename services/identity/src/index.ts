import type { BlockDefinition } from '@onedoor/platform-kit';
import { IdentityModule } from './identity.module';
import { OidcProviderService } from './api/oidc/oidc-provider.service';
import { SigningKeyStore } from './application/ports';
import { IDENTITY_MIGRATIONS } from './persistence/migrations';
import { IDENTITY_ENTITIES } from './persistence/entities';

export const IdentityBlock: BlockDefinition = {
  name: 'identity',
  title: 'Identity',
  description:
    "Who every citizen and civil servant is: enrolment, unique ID numbers, OpenID Connect login for every block, and civil servants' verifiable cards.",
  module: IdentityModule,
  entities: IDENTITY_ENTITIES,
  migrations: IDENTITY_MIGRATIONS,
  consumes: [],
  // The OpenID provider serves its own paths (discovery, authorize, token, userinfo, JWKS…) ahead of NestJS.
  mount(app, server) {
    const oidc = app.get(OidcProviderService);
    const keys = app.get(SigningKeyStore);
    server.use('/identity', (request, response, next) => void oidc.handle(request, response, next));
    // GovStack's base URL is /identity/govstack (ADR 0017). Its OpenID endpoints are the provider's own, served
    // there as well; authorize sends the browser to the issuer's, where the sign-in pages and their cookies live.
    server.use('/identity/govstack', (request, response, next) => {
      const path = request.url ?? '/';
      // GovStack's key set: the RS256 keys its relying parties' tokens are signed with, each with its certificate.
      if (/^\/\.well-known\/jwks\.json(\?|$)/.test(path) && request.method === 'GET') {
        void keys.publicKeys('token-rsa').then((published) => {
          response.setHeader('content-type', 'application/json');
          response.setHeader('cache-control', 'public, max-age=300');
          response.end(JSON.stringify({ keys: published }));
        }, next);
        return;
      }
      if (/^\/(authorize|oidc\/logout)(\?|$)/.test(path)) {
        response.statusCode = 303;
        response.setHeader('location', `/identity${path}`);
        return void response.end();
      }
      if (/^\/(oauth\/(token|revoke)|oidc\/userinfo|\.well-known\/openid-configuration)(\?|$)/.test(path)) {
        return void oidc.handle(request, response, next);
      }
      next();
    });
  },
};
export { verhoeffCheckDigit, hasValidVerhoeffCheckDigit } from './domain/uin/verhoeff';
