import { MAX_JSON_DEPTH, jsonBodyProblem, urlProblem } from './input-hygiene';

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
