import { createHash, randomUUID } from 'node:crypto';
import {
  HttpStatus,
  Inject,
  Injectable,
  Delete as NestDelete,
  Patch as NestPatch,
  Post as NestPost,
  Put as NestPut,
  SetMetadata,
  UseInterceptors,
  applyDecorators,
  createParamDecorator,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { Request, Response } from 'express';
import { catchError, concatMap, finalize, from, of, switchMap, type Observable } from 'rxjs';
import { ProblemException } from './problem';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** How long a key's response is kept and replayed; the blocks' housekeeping deletes older keys. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;
const KEY_FORMAT = /^[\x21-\x7e]{1,200}$/;

interface StoredKey {
  request_hash: string;
  status_code: number | null;
  response: unknown;
}

type Claim = { kind: 'run'; scope: string; key: string; token: string } | IdempotentReplay;

/**
 * One request's database work as one transaction (persistence's UnitOfWork): `run` runs the handler with every
 * statement it sends going over the unit's connection; `finish` runs a last statement, then commits.
 */
export interface RequestUnit {
  run<T>(work: () => T): T;
  finish<T>(last: (query: (text: string, values: unknown[]) => Promise<unknown[]>) => Promise<T>): Promise<T>;
}

/**
 * Where a block's idempotency keys are kept: its schema, how to run a statement (prepared per connection), and
 * a unit of work for a request whose answer is kept with its work.
 */
export interface IdempotencyStore {
  schema: string;
  run(text: string, values: unknown[]): Promise<unknown[]>;
  unitOfWork(): RequestUnit;
}
/** The IdempotencyStore provider's token; every block's app provides one (createBlockApp). */
export const IDEMPOTENCY_STORE = 'onedoor:idempotency-store';

/**
 * A POST route that keeps `Idempotency-Key`s (use it instead of @nestjs/common's Post; lint refuses that one).
 * By default the IdempotencyInterceptor runs on the route: it claims the key, runs the handler, keeps its answer.
 * `{ writesIdempotencyKey: true }`: the handler writes the key itself, in the statement that makes its change
 * (`IdempotencyKeys.insert`), so the key, its answer and the change are committed together and a first request
 * costs no statement of its own; it takes the request's claim with `@IdempotencyClaimOf()`, and throws what
 * `IdempotencyKeys.answer` gives when the key was used (ProblemDetailsFilter sends the replay).
 *
 * The interceptor is put on POST routes only, not made global: a route without interceptors skips Nest's
 * interceptor chain, which cost the registration block about 18% of its submissions per second.
 */
export function Post(path?: string | string[], options: { writesIdempotencyKey?: boolean } = {}): MethodDecorator {
  return options.writesIdempotencyKey
    ? applyDecorators(NestPost(path), SetMetadata(WRITES_KEY, true))
    : applyDecorators(NestPost(path), UseInterceptors(IdempotencyInterceptor));
}
const WRITES_KEY = 'onedoor:writes-idempotency-key';

/** A PUT route that keeps `Idempotency-Key`s, as Post does (use it instead of @nestjs/common's Put). */
export const Put = (path?: string | string[]): MethodDecorator =>
  applyDecorators(NestPut(path), UseInterceptors(IdempotencyInterceptor));

/** A PATCH route that keeps `Idempotency-Key`s, as Post does (use it instead of @nestjs/common's Patch). */
export const Patch = (path?: string | string[]): MethodDecorator =>
  applyDecorators(NestPatch(path), UseInterceptors(IdempotencyInterceptor));

/** A DELETE route that keeps `Idempotency-Key`s, as Post does (use it instead of @nestjs/common's Delete). */
export const Delete = (path?: string | string[]): MethodDecorator =>
  applyDecorators(NestDelete(path), UseInterceptors(IdempotencyInterceptor));

/** The methods that change state: a retry of any of them with the same key gets the first answer. */
const KEYED_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A request's `Idempotency-Key` as a handler that writes it needs it: scope, key, body hash, answer status. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  requestHash: string;
  /** The status the route answers with (its `@HttpCode`, or 201 for a POST). */
  status: number;
}

/** The key's scope (method, route, caller) and the body's hash; 400 for a malformed key. */
/**
 * What a key is scoped to: the method, the request's own address (path and query, not the route's pattern: a key
 * used to stop one instance must never answer for another instance) and the caller.
 */
export function idempotencyScope(
  request: Pick<Request, 'method' | 'originalUrl' | 'url'> & { user?: { sub?: string } },
): string {
  return `${request.method} ${request.originalUrl ?? request.url} ${request.user?.sub ?? 'anonymous'}`;
}

function identify(request: Request, key: string): { scope: string; hash: string } {
  if (!KEY_FORMAT.test(key)) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      'PLATFORM.IDEMPOTENCY_KEY_INVALID',
      'Idempotency-Key must be 1 to 200 printable ASCII characters.',
    );
  }
  const scope = idempotencyScope(request);
  const hash = createHash('sha256')
    .update(JSON.stringify(request.body ?? null))
    .digest('hex');
  return { scope, hash };
}

/**
 * The request's IdempotencyClaim on a route that writes its key (`@Post(path, { writesIdempotencyKey: true })`),
 * or undefined when the request came without a key; 400 for a malformed key.
 */
export const IdempotencyClaimOf = createParamDecorator(
  (_: unknown, context: ExecutionContext): IdempotencyClaim | undefined => {
    const request = context.switchToHttp().getRequest<Request>();
    const key = request.header(IDEMPOTENCY_HEADER);
    if (key === undefined) return undefined;
    const { scope, hash } = identify(request, key);
    const status =
      (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ?? HttpStatus.CREATED;
    return { scope, key, requestHash: hash, status };
  },
);

/** Thrown by a handler whose key was used before by the same request: the stored answer, sent again. */
export class IdempotentReplay {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

const inProgress = () =>
  new ProblemException(
    HttpStatus.CONFLICT,
    'PLATFORM.IDEMPOTENCY_IN_PROGRESS',
    'A request with this Idempotency-Key is still being processed; retry shortly.',
  );

/** What a stored key means for a request with this body hash: 422 (another body), 409 (still running) or a replay. */
function decide(stored: StoredKey, hash: string): IdempotentReplay {
  if (stored.request_hash !== hash) {
    throw new ProblemException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'PLATFORM.IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was used with a different request body.',
    );
  }
  if (stored.status_code === null) throw inProgress();
  return new IdempotentReplay(stored.status_code, stored.response);
}

/** A block's idempotency keys (its store), for handlers that write theirs in their own statement (see Post). */
export class IdempotencyKeys {
  readonly table: string;

  constructor(private readonly store: IdempotencyStore) {
    this.table = `"${store.schema}".idempotency_keys`;
  }

  /**
   * The key's record with its answer, as a data-modifying CTE (`k AS (…)`) with parameters numbered from $first:
   * it returns a row only when the key is new (or its earlier use expired). Make the change depend on it
   * (`INSERT … SELECT … FROM k`), so a used key writes nothing, and nothing else in the statement may skip a
   * row on conflict, or the key would be kept without its change.
   */
  insert(claim: IdempotencyClaim, answer: unknown, first: number): { statement: string; params: unknown[] } {
    const n = first;
    return {
      statement: `INSERT INTO ${this.table} AS k (scope, key, request_hash, status_code, response, completed_at)
        VALUES ($${n}, $${n + 1}, $${n + 2}, $${n + 3}::integer, $${n + 4}::jsonb, now())
        ON CONFLICT (scope, key) DO UPDATE
          SET request_hash = EXCLUDED.request_hash, status_code = EXCLUDED.status_code, response = EXCLUDED.response,
              created_at = now(), completed_at = now()
          WHERE k.created_at < now() - make_interval(hours => $${n + 5}::integer)
        RETURNING key`,
      params: [
        claim.scope,
        claim.key,
        claim.requestHash,
        claim.status,
        JSON.stringify(answer ?? null),
        IDEMPOTENCY_KEY_TTL_HOURS,
      ],
    };
  }

  /**
   * When the statement wrote no key: the replay of the stored answer (throws 422 for another body, 409 while
   * the first is still running), or undefined when the stored key has just gone (expired): run the statement again.
   */
  async answer(claim: Pick<IdempotencyClaim, 'scope' | 'key' | 'requestHash'>): Promise<IdempotentReplay | undefined> {
    const [stored] = (await this.store.run(
      `SELECT request_hash, status_code, response FROM ${this.table} WHERE scope = $1 AND key = $2`,
      [claim.scope, claim.key],
    )) as StoredKey[];
    return stored && decide(stored, claim.requestHash);
  }
}

/**
 * How long an unanswered claim holds its key after its last sign of life: a request that is still running renews
 * its claim every third of this; one whose process died stops renewing, and the key is free again this long
 * after (nothing of that request was committed: see IdempotencyInterceptor).
 */
export const IDEMPOTENCY_CLAIM_LEASE_SECONDS = 10;

/**
 * `Idempotency-Key` on a state-changing route (see Post, Put, Patch, Delete): the first request with a key runs and its response is kept
 * (IDEMPOTENCY_KEY_TTL_HOURS); a retry with the same key and body gets the same response without running again
 * (header `Idempotent-Replayed: true`); the same key with another body is refused (422), and a retry while the
 * first is still running gets 409.
 *
 * The request's database work and its answer are committed together, in one transaction (the store's
 * RequestUnit), so a crash at any moment leaves either both or neither: a retry then gets the first answer, or
 * runs afresh once the dead request's claim has lapsed (IDEMPOTENCY_CLAIM_LEASE_SECONDS). The claim carries a
 * token of its own, and the answer is only kept under that token: a request whose claim lapsed and was taken
 * over (it stalled past its lease) keeps nothing and answers 409.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly keys: IdempotencyKeys;
  private readonly table: string;

  constructor(@Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore) {
    this.keys = new IdempotencyKeys(store);
    this.table = this.keys.table;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.header(IDEMPOTENCY_HEADER);
    if (!KEYED_METHODS.has(request.method) || key === undefined) return next.handle();
    return from(this.claim(request, key)).pipe(
      switchMap((claim) => {
        if (claim instanceof IdempotentReplay) {
          response.status(claim.status).setHeader('Idempotent-Replayed', 'true');
          return of(claim.body);
        }
        const token = JSON.stringify({ claim: claim.token });
        const renewal = setInterval(
          () =>
            void this.store
              .run(
                `UPDATE ${this.table} SET created_at = now()
                  WHERE scope = $1 AND key = $2 AND status_code IS NULL AND response = $3::jsonb`,
                [claim.scope, claim.key, token],
              )
              .catch(() => undefined),
          (IDEMPOTENCY_CLAIM_LEASE_SECONDS * 1000) / 3,
        );
        renewal.unref();
        const unit = this.store.unitOfWork();
        return unit
          .run(() => next.handle())
          .pipe(
            // The handler failed: what it committed stays (as without a key), the claim goes, so the client may
            // retry with the same key. (Before the answer is kept: a failure to keep it is not handled twice.)
            catchError(async (error) => {
              await unit
                .finish((query) =>
                  query(
                    `DELETE FROM ${this.table} WHERE scope = $1 AND key = $2 AND status_code IS NULL AND response = $3::jsonb`,
                    [claim.scope, claim.key, token],
                  ),
                )
                .catch(() => undefined);
              throw error;
            }),
            concatMap((body) =>
              unit.finish(async (query) => {
                const kept = await query(
                  `UPDATE ${this.table} SET status_code = $3, response = $4::jsonb, completed_at = now()
                    WHERE scope = $1 AND key = $2 AND status_code IS NULL AND response = $5::jsonb RETURNING key`,
                  [claim.scope, claim.key, response.statusCode, JSON.stringify(body ?? null), token],
                );
                // The claim lapsed and was taken over (this request stalled past its lease): keep nothing.
                if (kept.length === 0) throw inProgress();
                return body;
              }),
            ),
            finalize(() => clearInterval(renewal)),
          );
      }),
    );
  }

  private async claim(request: Request, key: string): Promise<Claim> {
    const { scope, hash } = identify(request, key);
    const token = randomUUID();
    // Claim the key, or take it over when its previous use has expired or its claim lapsed (the request that
    // made it died); otherwise look at what is stored. A failed request deletes its claim, so the row can
    // vanish between the two statements: then claim again.
    for (;;) {
      const claimed = await this.store.run(
        `INSERT INTO ${this.table} AS k (scope, key, request_hash, response) VALUES ($1, $2, $3, $6::jsonb)
         ON CONFLICT (scope, key) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, status_code = NULL, response = EXCLUDED.response,
               created_at = now(), completed_at = NULL
           WHERE k.created_at < now() - make_interval(hours => $4)
              OR (k.status_code IS NULL AND k.created_at < now() - make_interval(secs => $5))
         RETURNING key`,
        [
          scope,
          key,
          hash,
          IDEMPOTENCY_KEY_TTL_HOURS,
          IDEMPOTENCY_CLAIM_LEASE_SECONDS,
          JSON.stringify({ claim: token }),
        ],
      );
      if (claimed.length > 0) return { kind: 'run', scope, key, token };
      const replay = await this.keys.answer({ scope, key, requestHash: hash });
      if (replay) return replay;
    }
  }
}
