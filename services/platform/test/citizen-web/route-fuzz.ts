import { randomUUID } from 'node:crypto';

/**
 * Values a person, a broken phone or an attacker sends: empty, long, markup, traversal, lists and objects
 * (`a[]=`, `a[b]=`), numbers out of range, another alphabet, control characters.
 */
export const FUZZ_VALUES = [
  '',
  ' ',
  'x'.repeat(5_000),
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '-1',
  '99999999999999999999',
  '1516-K7Q4-M9XH-$',
  'ນ້ຳປະປາ',
  '2026-02-31',
  'null',
  '\u0000\u001f',
];

/** What a route's address is made of in one request: a value, an id, a query of the names given. */
export interface FuzzDraw {
  pick<T>(list: readonly T[]): T;
  value(): string;
  id(): string;
  query(): string;
}

export interface RouteFuzz {
  baseUrl: string;
  routes: [method: 'GET' | 'POST', path: (draw: FuzzDraw) => string][];
  /** The names a query and a posted form are drawn from. */
  queryNames: string[];
  formNames: string[];
  /** Cookie headers to send (signed out, signed in, forged). */
  sessions: string[];
  /** The route that takes JSON (a script's call), sent JSON most of the time. */
  jsonRoute?: string;
  requests: number;
  /** Values of this run drawn as often as the others (a session's form token, a real case's number, a task's id). */
  known?: string[];
  /** The same seed draws the same requests (`FUZZ_SEED` replays a run). */
  seed: number;
}

/** Random requests over the routes: the answers of 500 and over (or none), as `METHOD path: status`. */
export async function fuzzRoutes(fuzz: RouteFuzz): Promise<string[]> {
  let state = fuzz.seed;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const values = [...FUZZ_VALUES, ...(fuzz.known ?? [])];
  const value = () => pick(values);
  const fields = (names: string[], share: number, listed: (name: string) => string) => {
    const params = new URLSearchParams();
    for (const name of names) if (random() < share) params.append(random() < 0.2 ? listed(name) : name, value());
    return params.toString();
  };
  const draw: FuzzDraw = {
    pick,
    value,
    id: () => pick([randomUUID(), 'not-an-id', '', '..', '%2e%2e', 'ນ', ...(fuzz.known ?? [])]),
    query: () => fields(fuzz.queryNames, 0.4, (name) => `${name}[]`),
  };
  const failures: string[] = [];
  for (let i = 0; i < fuzz.requests; i++) {
    const [method, path] = pick(fuzz.routes);
    const target = path(draw);
    const json = target === fuzz.jsonRoute && random() < 0.7;
    const answer = await fetch(`${fuzz.baseUrl}${target}`, {
      method,
      redirect: 'manual',
      headers: {
        cookie: pick(fuzz.sessions),
        ...(method === 'POST' && {
          'content-type': json
            ? 'application/json'
            : pick(['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data']),
        }),
      },
      body:
        method === 'POST'
          ? json
            ? pick(['{', '[]', '{"data":[1]}', `{"data":{},"key":"${randomUUID()}"}`, 'null'])
            : fields(fuzz.formNames, 0.5, (name) => `${name}[x]`)
          : undefined,
    }).catch((error: Error) => ({ status: 0, error }));
    if (answer.status >= 500 || answer.status === 0)
      failures.push(`${method} ${target.slice(0, 120)}: ${answer.status}`);
  }
  return failures;
}
