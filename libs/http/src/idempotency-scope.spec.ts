import { idempotencyScope } from './idempotency.interceptor';

describe('the scope of an Idempotency-Key', () => {
  const request = (originalUrl: string, sub = 'starter', method = 'POST') => ({
    method,
    originalUrl,
    url: originalUrl,
    user: { sub },
  });

  it('is the resource itself: one key never answers for another instance of the same route', () => {
    const first = idempotencyScope(request('/workflow/instances/0f2b0f2c-1111-4e4e-8c8c-000000000001/stop'));
    const second = idempotencyScope(request('/workflow/instances/0f2b0f2c-1111-4e4e-8c8c-000000000002/stop'));
    expect(first).not.toBe(second);
  });

  it('is the caller and the method too, and the query', () => {
    const path = '/registration/applications/a1/documents?type=plan';
    expect(idempotencyScope(request(path, 'clerk-1'))).not.toBe(idempotencyScope(request(path, 'clerk-2')));
    expect(idempotencyScope(request(path))).not.toBe(idempotencyScope(request(path, 'starter', 'PUT')));
    expect(idempotencyScope(request(path))).not.toBe(
      idempotencyScope(request('/registration/applications/a1/documents?type=id')),
    );
    expect(idempotencyScope(request(path))).toBe(idempotencyScope(request(path)));
  });
});
