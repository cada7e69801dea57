import { HttpStatus, SetMetadata, createParamDecorator, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ProblemException } from '@onedoor/http';
import type { Caller } from './caller';
import { InvalidTokenError, type TokenVerifier } from './token-verifier';

const PUBLIC = 'onedoor:public';
const ROLES_REQUIRED = 'onedoor:roles';

/** An endpoint anyone may call (health, metrics, API documents). Everything else needs a valid token. */
export const Public = () => SetMetadata(PUBLIC, true);
/** The caller needs at least one of these roles. */
export const RequireRoles = (...roles: string[]) => SetMetadata(ROLES_REQUIRED, roles);

export type AuthenticatedRequest = Request & { user?: Caller };

/** The verified caller of this request (a handler parameter); undefined only on @Public() endpoints. */
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
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.header('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
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
    return true;
  }
}
