import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '@onedoor/http';
import { BearerAuthGuard, RequireRoles, RequireScope, requestedScope } from './auth.guard';
import type { Caller } from './caller';
import { KeySetUnavailableError } from './remote-key-set';
import { InvalidTokenError, type TokenVerifier } from './token-verifier';

class Handlers {
  @RequireRoles('registration.officer')
  @RequireScope({ province: 'query:province', ministry: 'body:service.ministryCode' })
  scoped() {}
}

function context(request: Record<string, unknown>): ExecutionContext {
  return {
    getHandler: () => Handlers.prototype.scoped,
    getClass: () => Handlers,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

const verifierFor = (caller: Caller) => ({ verify: async () => caller }) as unknown as TokenVerifier;
const request = (query: Record<string, string>, body: unknown) => ({
  header: () => 'Bearer a.b.c',
  params: {},
  query,
  body,
});

describe('BearerAuthGuard scope', () => {
  const officer = (scope: Partial<Caller>): Caller => ({ sub: 'o', roles: ['registration.officer'], ...scope });

  it('reads the scope a request names from query and body paths', () => {
    expect(
      requestedScope(request({ province: '06' }, { service: { ministryCode: 'MOH' } }) as never, {
        province: 'query:province',
        ministry: 'body:service.ministryCode',
      }),
    ).toEqual({
      province: '06',
      ministry: 'MOH',
    });
  });

  it('lets a caller act inside their scope, and refuses outside it with 403 PLATFORM.OUT_OF_SCOPE', async () => {
    const inside = new BearerAuthGuard(new Reflector(), verifierFor(officer({ province: '06', ministry: 'MOH' })));
    await expect(
      inside.canActivate(context(request({ province: '06' }, { service: { ministryCode: 'MOH' } }))),
    ).resolves.toBe(true);
    const outside = new BearerAuthGuard(new Reflector(), verifierFor(officer({ province: '01' })));
    const refusal = outside.canActivate(context(request({ province: '06' }, {})));
    await expect(refusal).rejects.toBeInstanceOf(ProblemException);
    await expect(refusal).rejects.toMatchObject({ code: 'PLATFORM.OUT_OF_SCOPE' });
  });

  it('makes a scoped caller name the scope; a national caller need not', async () => {
    const scoped = new BearerAuthGuard(new Reflector(), verifierFor(officer({ province: '06' })));
    await expect(scoped.canActivate(context(request({}, {})))).rejects.toMatchObject({ code: 'PLATFORM.OUT_OF_SCOPE' });
    const national = new BearerAuthGuard(new Reflector(), verifierFor(officer({})));
    await expect(national.canActivate(context(request({}, {})))).resolves.toBe(true);
  });

  it('checks roles before scope', async () => {
    const guard = new BearerAuthGuard(new Reflector(), verifierFor({ sub: 'c', roles: ['citizen'] }));
    await expect(guard.canActivate(context(request({ province: '06' }, {})))).rejects.toMatchObject({
      code: 'PLATFORM.FORBIDDEN',
    });
  });
});

describe('BearerAuthGuard when a token cannot be checked', () => {
  const failing = (error: Error) => ({ verify: async () => Promise.reject(error) }) as unknown as TokenVerifier;
  const refusal = async (error: Error) => {
    const guard = new BearerAuthGuard(new Reflector(), failing(error));
    const thrown = await guard.canActivate(context(request({}, {}))).catch((e: ProblemException) => e);
    return thrown instanceof ProblemException ? [thrown.getStatus(), thrown.code] : thrown;
  };

  it('answers 401 for a token that is not valid, and 503 PLATFORM.KEYS_UNAVAILABLE when the keys cannot be read', async () => {
    expect(await refusal(new InvalidTokenError('signature verification failed'))).toEqual([
      401,
      'PLATFORM.UNAUTHENTICATED',
    ]);
    expect(await refusal(new KeySetUnavailableError('the identity block cannot be reached'))).toEqual([
      503,
      'PLATFORM.KEYS_UNAVAILABLE',
    ]);
  });
});
