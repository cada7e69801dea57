import { randomUUID } from 'node:crypto';

/**
 * Malformed requests for every operation of an OpenAPI 3.1 document, from a seeded generator (the seed is printed,
 * so a failure can be replayed with FUZZ_SEED). Each case is one request: odd path ids, query values of the wrong
 * type, bodies that are empty, of the wrong type, not JSON, too big, or a plausible body with one field wrong.
 */

type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
export interface Operation {
  block: string;
  method: string;
  /** The path template, with its {parameters}. */
  path: string;
  parameters: Parameter[];
  body?: Schema;
  /** The operation answers HTML (a sign-in page): its refusals are pages, not problem+json. */
  html: boolean;
  /** Media types the operation documents for its refusals besides problem+json (Open311's own error format). */
  errorTypes: string[];
  /** Where the documented JSON body of each successful status is, in the block's document (a JSON pointer). */
  answers: Record<string, string>;
}

export interface FuzzCase {
  operation: Operation;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** What this case does wrong, for the report. */
  kind: string;
}

/** mulberry32: a small, fast, seeded PRNG. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof randomSource>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The operations of one block's document, with $refs to components resolved on use. */
export function operationsOf(block: string, document: Record<string, unknown>): Operation[] {
  const operations: Operation[] = [];
  const paths = document.paths as Record<string, Record<string, Record<string, unknown>>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const content = (operation.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content;
      const responses = Object.values((operation.responses ?? {}) as Record<string, { content?: object }>);
      operations.push({
        block,
        method: method.toUpperCase(),
        path,
        parameters: [
          ...((item.parameters as unknown as Parameter[]) ?? []),
          ...((operation.parameters as Parameter[]) ?? []),
        ],
        body: content?.['application/json']?.schema && resolve(document, content['application/json'].schema),
        html: responses.some((r) => r.content && 'text/html' in r.content),
        errorTypes: Object.entries((operation.responses ?? {}) as Record<string, { content?: object }>)
          .filter(([status, response]) => /^4/.test(status) && response.content)
          .flatMap(([, response]) => Object.keys(response.content!)),
        answers: Object.fromEntries(
          Object.entries((operation.responses ?? {}) as Record<string, { content?: Record<string, unknown> }>)
            .filter(([status, response]) => status.startsWith('2') && response.content?.['application/json'])
            .map(([status]) => [
              status,
              `#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${status}/content/application~1json/schema`,
            ]),
        ),
      });
    }
  }
  return operations;
}

function resolve(document: Record<string, unknown>, schema: Schema, depth = 0): Schema {
  if (depth > 8) return {};
  const ref = schema.$ref as string | undefined;
  const target: Schema = ref
    ? (ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], document) as Schema)
    : schema;
  if (!target) return {};
  const out: Schema = { ...target };
  if (target.properties) {
    out.properties = Object.fromEntries(
      Object.entries(target.properties as Record<string, Schema>).map(([k, v]) => [k, resolve(document, v, depth + 1)]),
    );
  }
  if (target.items) out.items = resolve(document, target.items as Schema, depth + 1);
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    if (Array.isArray(target[key])) out[key] = (target[key] as Schema[]).map((s) => resolve(document, s, depth + 1));
  }
  return out;
}

const ODD_IDS = [
  'not-a-uuid',
  '0',
  '-1',
  '9'.repeat(40),
  'ສົມພອນ',
  'a'.repeat(400),
  "x'; DROP TABLE x;--",
  '..%2F..%2Fetc%2Fpasswd',
  '%20',
  'null',
  '00000000-0000-0000-0000-000000000000',
  '{}',
];
const ODD_VALUES: unknown[] = [
  null,
  -1,
  0,
  1e308,
  Number.MAX_SAFE_INTEGER,
  'x',
  '',
  ' ',
  true,
  [],
  {},
  'ສ'.repeat(3_000),
  '<script>alert(1)</script>',
  '2026-02-30',
  [null],
  { $ne: null },
];

/** A plausible value for a schema: the shape the operation expects, so that a mutation reaches deep. */
export function sample(schema: Schema, random: Random, depth = 0): unknown {
  if (depth > 6) return null;
  if (Array.isArray(schema.enum)) return random.pick(schema.enum as unknown[]);
  if ('const' in schema) return schema.const;
  const variants = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (variants?.length) return sample(random.pick(variants), random, depth + 1);
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...(schema.allOf as Schema[]).map((s) => sample(s, random, depth + 1)));
  }
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
    case undefined: {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      if (!Object.keys(properties).length) return type === 'object' ? {} : 'x';
      const required = new Set((schema.required as string[]) ?? []);
      return Object.fromEntries(
        Object.entries(properties)
          .filter(([name]) => required.has(name) || random.chance(0.5))
          .map(([name, property]) => [name, sample(property, random, depth + 1)]),
      );
    }
    case 'array':
      return Array.from({ length: 1 + random.int(2) }, () => sample((schema.items ?? {}) as Schema, random, depth + 1));
    case 'integer':
      return random.int(1_000);
    case 'number':
      return random.next() * 1_000;
    case 'boolean':
      return random.chance(0.5);
    default:
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'date') return '2026-01-15';
      if (schema.format === 'email') return 'someone@example.la';
      return random.pick(['ສົມພອນ', 'MOIC', '01', 'abc-123', 'Somphone']);
  }
}

/** A plausible body with one value (anywhere in it) replaced by a value of the wrong kind. */
function mutate(value: unknown, random: Random): unknown {
  if (value === null || typeof value !== 'object') return random.pick(ODD_VALUES);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  const keys = Object.keys(copy);
  if (!keys.length || random.chance(0.2)) {
    (copy as Record<string, unknown>)[random.pick(['__proto__x', 'extra', 'ສ', 'constructor'])] =
      random.pick(ODD_VALUES);
    return copy;
  }
  const key = random.pick(keys);
  const target = copy as Record<string, unknown>;
  target[key] = random.chance(0.4) ? mutate(target[key], random) : random.pick(ODD_VALUES);
  return copy;
}

function pathWith(operation: Operation, random: Random): string {
  return operation.path.replace(/\{([^}]+)\}/g, () =>
    random.chance(0.3) ? randomUUID() : encodeURIComponent(random.pick(ODD_IDS)).replace(/%25/g, '%'),
  );
}

function queryWith(operation: Operation, random: Random): string {
  const query = new URLSearchParams();
  for (const parameter of operation.parameters.filter((p) => p.in === 'query')) {
    if (!random.chance(0.6)) continue;
    query.set(parameter.name, String(random.pick([...ODD_VALUES, ...ODD_IDS, '-5', '1e309', '100000'])));
  }
  if (random.chance(0.1)) query.set('unknownParameter', 'x');
  const text = query.toString();
  return text ? `?${text}` : '';
}

const BODY_KINDS = ['mutated', 'mutated', 'mutated', 'empty-object', 'none', 'wrong-type', 'not-json', 'huge'] as const;

/** One malformed request for the operation. */
export function fuzzCase(base: string, operation: Operation, random: Random): FuzzCase {
  const url = `${base}${pathWith(operation, random)}${queryWith(operation, random)}`;
  const headers: Record<string, string> = {};
  if (operation.method === 'GET' || operation.method === 'DELETE') {
    return { operation, method: operation.method, url, headers, kind: 'odd-path-or-query' };
  }
  if (random.chance(0.2)) headers['idempotency-key'] = `fuzz-${random.int(1_000_000)}`;
  const kind = random.pick(BODY_KINDS);
  const json = (value: unknown) => {
    headers['content-type'] = 'application/json';
    return JSON.stringify(value);
  };
  let body: string | undefined;
  switch (kind) {
    case 'mutated':
      body = json(mutate(sample(operation.body ?? { type: 'object' }, random), random));
      break;
    case 'empty-object':
      body = json({});
      break;
    case 'none':
      break;
    case 'wrong-type':
      body = json(random.pick([[], 'text', 42, null, [{}]]));
      break;
    case 'not-json':
      headers['content-type'] = random.pick(['application/json', 'text/plain', 'application/xml']);
      body = random.pick(['{"a":', '<a/>', 'ສົມພອນ', '{"a":1}}']);
      break;
    case 'huge':
      body = json({ text: 'ສ'.repeat(400_000), items: Array.from({ length: 5_000 }, (_, i) => i) });
      break;
  }
  return { operation, method: operation.method, url, headers, body, kind };
}
