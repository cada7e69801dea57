import { MAX_JSON_DEPTH, jsonBodyProblem, mediaTypeProblem, takesMultipart, urlProblem } from './input-hygiene';

const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('input hygiene', () => {
  it('lets ordinary bodies through, however wide, up to the depth limit', () => {
    expect(jsonBodyProblem(undefined)).toBeUndefined();
    expect(
      jsonBodyProblem({ name: { lo: 'ສົມພອນ', en: 'Somphone' }, tags: ['a', 'b'], n: 1, ok: null }),
    ).toBeUndefined();
    expect(jsonBodyProblem({ items: Array.from({ length: 10_000 }, (_, i) => ({ i })) })).toBeUndefined();
    expect(jsonBodyProblem(nested(MAX_JSON_DEPTH))).toBeUndefined();
  });

  it('refuses a body nested deeper than the limit, without recursing through it', () => {
    expect(jsonBodyProblem(nested(MAX_JSON_DEPTH + 1))).toBe(`The body nests deeper than ${MAX_JSON_DEPTH} levels.`);
    expect(jsonBodyProblem(nested(100_000))).toMatch(/nests deeper/);
  });

  it('refuses a NUL character in any text or name of the body', () => {
    expect(jsonBodyProblem({ a: [{ b: 'x\u0000y' }] })).toMatch(/NUL character/);
    expect(jsonBodyProblem({ ['k\u0000']: 1 })).toMatch(/NUL character/);
    expect(jsonBodyProblem('\u0000')).toMatch(/NUL character/);
  });

  it('refuses a NUL character in the address, encoded or not', () => {
    expect(urlProblem('/registration/services/a%00b')).toMatch(/NUL character/);
    expect(urlProblem('/registration/services?limit=1%00')).toMatch(/NUL character/);
    expect(urlProblem('/registration/services/a\u0000b')).toMatch(/NUL character/);
    expect(urlProblem('/registration/services/a%2500b')).toBeUndefined();
    expect(urlProblem('/registration/services?q=%E0%BA%81')).toBeUndefined();
  });
});

describe('the media type of a body', () => {
  const request = (method: string, headers: Record<string, string>, body?: unknown) =>
    ({ method, headers, body }) as Parameters<typeof mediaTypeProblem>[0];

  it.each([
    ['application/json', 'POST'],
    ['application/json; charset=utf-8', 'PUT'],
    ['application/merge-patch+json', 'PATCH'],
    ['application/x-www-form-urlencoded', 'POST'],
  ])('takes %s on %s', (type, method) => {
    expect(mediaTypeProblem(request(method, { 'content-type': type, 'content-length': '2' }))).toBeUndefined();
  });

  it.each([['text/plain'], ['application/xml'], ['multipart/form-data; boundary=x'], ['application/jsonp']])(
    'refuses %s with a body',
    (type) => {
      expect(mediaTypeProblem(request('POST', { 'content-type': type, 'content-length': '2' }))).toContain(
        type.split(';')[0],
      );
    },
  );

  it('refuses a body without a type; lets through a request without a body, a GET, and raw uploads', () => {
    expect(mediaTypeProblem(request('POST', { 'transfer-encoding': 'chunked' }))).toContain('without a Content-Type');
    expect(mediaTypeProblem(request('POST', { 'content-type': 'text/plain' }))).toBeUndefined();
    expect(mediaTypeProblem(request('POST', { 'content-type': 'text/plain', 'content-length': '0' }))).toBeUndefined();
    expect(mediaTypeProblem(request('GET', { 'content-type': 'text/plain', 'content-length': '5' }))).toBeUndefined();
    expect(
      mediaTypeProblem(
        request('POST', { 'content-type': 'application/pdf', 'content-length': '5' }, Buffer.from('%PDF-')),
      ),
    ).toBeUndefined();
  });

  it('lets a form through only where the route was mounted as taking one (takesMultipart)', () => {
    const form = () => request('POST', { 'content-type': 'multipart/form-data; boundary=x', 'content-length': '9' });
    const marked = form();
    takesMultipart(marked, {} as never, () => undefined);
    expect(mediaTypeProblem(marked)).toBeUndefined();
    expect(mediaTypeProblem(form())).toContain('multipart/form-data');
    const other = request('POST', { 'content-type': 'text/plain', 'content-length': '9' });
    takesMultipart(other, {} as never, () => undefined);
    expect(mediaTypeProblem(other)).toContain('text/plain');
  });
});
