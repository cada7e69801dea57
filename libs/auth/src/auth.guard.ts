import { HttpStatus, SetMetadata, createParamDecorator, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { valueAt } from '@onedoor/contracts';
import { ProblemException } from '@onedoor/http';
import { scopeCovers, type Caller, type Scope } from './caller';
import { KeySetUnavailableError } from './remote-key-set';
import { InvalidTokenError, type TokenVerifier } from './token-verifier';

const PUBLIC = 'onedoor:public';
const ROLES_REQUIRED = 'onedoor:roles';
const SCOPE_SOURCES = 'onedoor:scope';

/** Where a request names the scope it acts in: a route parameter, a query parameter or a body field (dotted path). */
export type ScopeSource = `${'param' | 'query' | 'body'}:${string}`;

/** An endpoint anyone may call (health, metrics, API documents). Everything else needs a valid token. */
export const Public = () => SetMetadata(PUBLIC, true);

/** Whether a route (its handler, or its whole controller) is @Public(): for the OpenAPI document's `security: []`. */
export function isPublicRoute(reflector: Reflector, handler: object, controller: object): boolean {
  return !!reflector.getAllAndOverride<boolean>(PUBLIC, [handler as never, controller as never]);
}
/** The roles a route requires (any one of them); undefined when any signed-in caller may call it. */
export function requiredRoles(reflector: Reflector, handler: object, controller: object): string[] | undefined {
  return reflector.getAllAndOverride<string[] | undefined>(ROLES_REQUIRED, [handler as never, controller as never]);
}
/** The caller needs at least one of these roles. */
export const RequireRoles = (...roles: string[]) => SetMetadata(ROLES_REQUIRED, roles);

/**
 * The caller's token must cover the scope the request names, e.g. `@RequireScope({ province: 'query:province' })`
 * or `{ ministry: 'body:posting.ministryCode' }`. A scoped caller must name it; a national caller need not.
 * For records whose scope is only known after loading them, check `scopeCovers()` in the use case instead.
 */
export const RequireScope = (sources: Partial<Record<keyof Scope, ScopeSource>>) => SetMetadata(SCOPE_SOURCES, sources);

/** The scope a request names, read from where `sources` says. */
export function requestedScope(request: Request, sources: Partial<Record<keyof Scope, ScopeSource>>): Scope {
  const scope: Scope = {};
  for (const [dimension, source] of Object.entries(sources) as [keyof Scope, ScopeSource][]) {
    const [where, path] = source.split(/:(.*)/s) as ['param' | 'query' | 'body', string];
    const value = valueAt(where === 'param' ? request.params : where === 'query' ? request.query : request.body, path);
    if (typeof value === 'string' && value) scope[dimension] = value;
  }
  return scope;
}

export type AuthenticatedRequest = Request & { user?: Caller };

/**
 * The verified caller of this request (a handler parameter); on @Public() endpoints, the caller when a valid token
 * came with the request (a citizen signed in, who may also act anonymously), else undefined.
 */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<AuthenticatedRequest>().user,
);

/** Global guard: every request carries a valid bearer token unless the endpoint is @Public(). */
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.header('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) {
      // Open to anyone; a token that comes along is still checked, and names the caller.
      if (match) request.user = await this.verifier.verify(match[1]).catch(() => undefined);
      return true;
    }
    if (!match) {
      throw new ProblemException(
        HttpStatus.UNAUTHORIZED,
        'PLATFORM.UNAUTHENTICATED',
        'A bearer access token is required.',
      );
    }
    try {
      request.user = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        throw new ProblemException(
          HttpStatus.UNAUTHORIZED,
          'PLATFORM.UNAUTHENTICATED',
          'The access token is not valid.',
        );
      }
      if (error instanceof KeySetUnavailableError) {
        // The token may well be good: the keys to check it cannot be read now. Retry; do not sign in again.
        throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          'PLATFORM.KEYS_UNAVAILABLE',
          'The access token cannot be checked now: the identity service cannot be reached. Retry shortly.',
        );
      }
      throw error;
    }
    const required = this.reflector.getAllAndOverride<string[] | undefined>(ROLES_REQUIRED, targets);
    if (required?.length && !required.some((role) => request.user!.roles.includes(role))) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'PLATFORM.FORBIDDEN',
        `This needs one of the roles: ${required.join(', ')}.`,
      );
    }
    const sources = this.reflector.getAllAndOverride<Partial<Record<keyof Scope, ScopeSource>> | undefined>(
      SCOPE_SOURCES,
      targets,
    );
    if (sources && !scopeCovers(request.user!, requestedScope(request, sources))) {
      const own = Object.entries({
        ministry: request.user!.ministry,
        province: request.user!.province,
        unit: request.user!.unit,
      })
        .filter(([, value]) => value)
        .map(([key, value]) => `${key} ${value}`)
        .join(', ');
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'PLATFORM.OUT_OF_SCOPE',
        `Your account acts for ${own}; this request is outside it.`,
      );
    }
    return true;
  }
}
