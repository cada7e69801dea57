import { createHash } from 'node:crypto';
import { HttpStatus, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, concatMap, from, of, switchMap, type Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
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

type Claim = { kind: 'run'; scope: string; key: string } | { kind: 'replay'; status: number; body: unknown };

/**
 * `Idempotency-Key` on POST: the first request with a key runs and its response is kept (IDEMPOTENCY_KEY_TTL_HOURS); a retry with the
 * same key and body gets the same response without running again (header `Idempotent-Replayed: true`); the same
 * key with another body is refused (422), and a retry while the first is still running gets 409.
 */
export class IdempotencyInterceptor implements NestInterceptor {
  /**
   * `run` executes the interceptor's statements (fixed texts, values in parameters); blocks pass one that
   * prepares them once per connection. Without it, `dataSource.query`.
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly run: (text: string, values: unknown[]) => Promise<unknown[]> = (text, values) =>
      dataSource.query(text, values),
  ) {}

  private get table(): string {
    return `"${this.schema}".idempotency_keys`;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.header(IDEMPOTENCY_HEADER);
    if (request.method !== 'POST' || key === undefined) return next.handle();
    return from(this.claim(request, key)).pipe(
      switchMap((claim) => {
        if (claim.kind === 'replay') {
          response.status(claim.status).setHeader('Idempotent-Replayed', 'true');
          return of(claim.body);
        }
        return next.handle().pipe(
          concatMap(async (body) => {
            await this.run(
              `UPDATE ${this.table} SET status_code = $3, response = $4, completed_at = now() WHERE scope = $1 AND key = $2`,
              [claim.scope, claim.key, response.statusCode, JSON.stringify(body ?? null)],
            );
            return body;
          }),
          catchError(async (error) => {
            // The request failed: nothing was kept, so the client may retry with the same key.
            await this.run(`DELETE FROM ${this.table} WHERE scope = $1 AND key = $2`, [claim.scope, claim.key]).catch(
              () => undefined,
            );
            throw error;
          }),
        );
      }),
    );
  }

  private async claim(request: Request, key: string): Promise<Claim> {
    if (!KEY_FORMAT.test(key)) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'PLATFORM.IDEMPOTENCY_KEY_INVALID',
        'Idempotency-Key must be 1 to 200 printable ASCII characters.',
      );
    }
    const caller = (request as Request & { user?: { sub?: string } }).user?.sub ?? 'anonymous';
    const scope = `${request.method} ${request.baseUrl}${request.route?.path ?? request.path} ${caller}`;
    const hash = createHash('sha256')
      .update(JSON.stringify(request.body ?? null))
      .digest('hex');
    // Claim the key, or take it over when its previous use has expired; otherwise look at what is stored. A
    // failed request deletes its claim, so the row can vanish between the two statements: then claim again.
    for (;;) {
      const claimed = await this.run(
        `INSERT INTO ${this.table} AS k (scope, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (scope, key) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, status_code = NULL, response = NULL, created_at = now(), completed_at = NULL
           WHERE k.created_at < now() - make_interval(hours => $4)
         RETURNING key`,
        [scope, key, hash, IDEMPOTENCY_KEY_TTL_HOURS],
      );
      if (claimed.length > 0) return { kind: 'run', scope, key };
      const [stored] = (await this.run(
        `SELECT request_hash, status_code, response FROM ${this.table} WHERE scope = $1 AND key = $2`,
        [scope, key],
      )) as StoredKey[];
      if (stored) return this.decide(stored, hash);
    }
  }

  private decide(stored: StoredKey, hash: string): Claim {
    if (stored.request_hash !== hash) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'PLATFORM.IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used with a different request body.',
      );
    }
    if (stored.status_code === null) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'PLATFORM.IDEMPOTENCY_IN_PROGRESS',
        'A request with this Idempotency-Key is still being processed; retry shortly.',
      );
    }
    return { kind: 'replay', status: stored.status_code, body: stored.response };
  }
}
