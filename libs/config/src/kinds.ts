import { z } from 'zod';

/**
 * The kinds of value a setting takes: each a zod schema over the environment variable's text, with the words
 * that tell an operator what it accepts (shown in the start-up error and the README's configuration table).
 */
export interface Kind<T> {
  schema: z.ZodType<T, string>;
  accepts: string;
}

const kind = <T>(schema: z.ZodType<T, string>, accepts: string): Kind<T> => ({ schema, accepts });

export function wholeNumber(min: number, max: number): Kind<number> {
  return kind(
    z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max)),
    `a whole number from ${min} to ${max}`,
  );
}

export const port = kind(
  z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(0).max(65_535)),
  'a port number from 0 to 65535 (0: any free port)',
);

export const boolean = kind(
  z.enum(['true', 'false']).transform((value) => value === 'true'),
  '`true` or `false`',
);

export const text = kind(z.string().min(1), 'text');

export function oneOf<const T extends readonly [string, ...string[]]>(values: T): Kind<T[number]> {
  return kind(z.enum(values), values.map((v) => `\`${v}\``).join(', '));
}

export function url(protocols: readonly string[], accepts: string): Kind<string> {
  return kind(
    z.string().refine((value) => {
      try {
        const parsed = new URL(value);
        return protocols.includes(parsed.protocol) && parsed.hostname !== '';
      } catch {
        return false;
      }
    }),
    accepts,
  );
}

export const httpUrl = url(['http:', 'https:'], 'an http:// or https:// URL');
export const postgresUrl = url(['postgres:', 'postgresql:'], 'a postgres:// URL');

/** A comma-separated setting's items, trimmed, empty ones left out. */
const items = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** A comma-separated list, each item checked by `item`; empty items are ignored. */
export function list<T>(item: Kind<T>, accepts: string): Kind<T[]> {
  return kind(
    z
      .string()
      .transform(items)
      .pipe(z.array(item.schema as z.ZodType<T, string>)),
    accepts,
  );
}

/** Comma-separated `<name>=<value>` pairs (split at each pair's first `=`), each value checked by `item`. */
export function pairs<T>(item: Kind<T>, accepts: string): Kind<Record<string, T>> {
  return kind(
    z
      .string()
      .transform((value) =>
        items(value).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
      )
      .pipe(z.array(z.tuple([z.string().regex(/^[A-Za-z0-9._-]{1,64}$/), item.schema as z.ZodType<T, string>])))
      .transform((entries) => Object.fromEntries(entries) as Record<string, T>),
    accepts,
  );
}

const HOST_PORT =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/;
export const brokers = list(
  kind(
    z.string().refine((value) => {
      const match = HOST_PORT.exec(value);
      return !!match && Number(match[1]) > 0 && Number(match[1]) <= 65_535;
    }),
    'host:port',
  ),
  'a comma-separated list of Kafka brokers as host:port (e.g. `kafka-1:9092,kafka-2:9092`)',
);

/** A setting's text read as JSON (the kinds below say what it must hold). */
const jsonText = z.string().transform((value, context) => {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    context.addIssue({ code: 'custom', message: 'not JSON' });
    return z.NEVER;
  }
});

/** A JSON Web Key Set: `{"keys": [{"kty": …}, …]}`. */
export const jwks = kind(
  jsonText.pipe(
    z.looseObject({
      keys: z.array(z.looseObject({ kty: z.string().min(1) })).min(1),
    }),
  ),
  'a JSON Web Key Set as JSON: `{"keys":[{"kty":…},…]}`',
);

/** An elliptic-curve key on P-256 as a JSON Web Key: a private one (with `d`) or a public one (without). */
export function ecKey(part: 'private' | 'public'): Kind<Record<string, unknown>> {
  return kind(
    jsonText.pipe(
      z
        .looseObject({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string().min(1), y: z.string().min(1) })
        .refine((key) => (part === 'private') === (typeof key.d === 'string')),
    ),
    `a ${part} P-256 key as a JSON Web Key (\`npm run keys:sealing\` makes a pair)`,
  );
}

/** 32 bytes in base64. */
export const key32 = kind(
  z.string().refine((value) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32),
  '32 bytes in base64 (`openssl rand -base64 32`)',
);

export function secret(minLength: number): Kind<string> {
  return kind(z.string().min(minLength), `a secret of at least ${minLength} characters`);
}

/** A positive number (fractions allowed). */
export const positiveNumber = kind(
  z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number)
    .pipe(z.number().positive()),
  'a positive number',
);

export const digits = kind(z.string().regex(/^\d+$/), 'digits');

/** An e-mail address, alone or as `Name <address>`. */
export const mailbox = kind(
  z.string().regex(/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/),
  'an e-mail address, or `Name <address>`',
);
