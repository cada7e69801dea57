import {
  Catch,
  HttpException,
  HttpStatus,
  NotFoundException,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { BlockError, databaseUnavailable } from '@onedoor/application';
import { activeTraceId, type Logger } from '@onedoor/observability';
import { problemStatusOf } from './block-problems';
import { IdempotentReplay } from './idempotency.interceptor';
import { PROBLEM_CONTENT_TYPE, ProblemException, problemDetails, type ProblemDetails } from './problem';

const DEFAULT_CODES: Record<number, string> = {
  400: 'PLATFORM.BAD_REQUEST',
  401: 'PLATFORM.UNAUTHENTICATED',
  403: 'PLATFORM.FORBIDDEN',
  404: 'PLATFORM.NOT_FOUND',
  405: 'PLATFORM.METHOD_NOT_ALLOWED',
  409: 'PLATFORM.CONFLICT',
  413: 'PLATFORM.PAYLOAD_TOO_LARGE',
  415: 'PLATFORM.UNSUPPORTED_MEDIA_TYPE',
  422: 'PLATFORM.UNPROCESSABLE',
  429: 'PLATFORM.TOO_MANY_REQUESTS',
  503: 'PLATFORM.UNAVAILABLE',
};

/** The database could not serve the request now: restarting, unreachable, or no free connection in time. */
export const DATABASE_UNAVAILABLE = 'PLATFORM.DATABASE_UNAVAILABLE';
const RETRY_AFTER_SECONDS = 5;

interface RouteLayer {
  route?: { methods: Record<string, boolean> };
  match(path: string): unknown;
}

/**
 * The methods the application serves at this path, from Express's own route table: a request that matched no
 * route but whose path another method serves is a 405 with `Allow`, not a 404.
 */
export function allowedMethods(request: Request): string[] {
  const stack = (request.app as unknown as { router?: { stack?: RouteLayer[] } } | undefined)?.router?.stack ?? [];
  // The whole path: Nest's not-found handler runs in a router mounted at the block's prefix, where `path` is cut.
  const path = (request.originalUrl ?? request.url).split('?')[0];
  const methods = new Set<string>();
  for (const layer of stack) {
    if (!layer.route || !layer.match(path)) continue;
    for (const method of Object.keys(layer.route.methods)) if (method !== '_all') methods.add(method.toUpperCase());
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

/** Nest's answer to a request that matched no route (not a handler's own "not found"). */
const noRouteMatched = (exception: unknown, request: Request) =>
  exception instanceof NotFoundException &&
  !(exception instanceof ProblemException) &&
  exception.message.startsWith(`Cannot ${request.method} `);

/**
 * Errors from the HTTP body parser carry their status and a type: `entity.*` (malformed JSON, oversize body),
 * `charset.unsupported` and `encoding.unsupported` (a body the parser cannot decode: 415).
 */
function bodyParserStatus(error: unknown): number | undefined {
  const e = error as { type?: unknown; status?: unknown };
  return typeof e?.type === 'string' && /^(entity|charset|encoding)\./.test(e.type) && typeof e.status === 'number'
    ? e.status
    : undefined;
}

/**
 * Every error leaves as RFC 9457 problem+json with a stable code and the trace id. Unexpected errors are logged
 * with their stack and answered with a 500 that reveals nothing of the internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    if (exception instanceof IdempotentReplay) {
      // Not an error: a handler that writes its Idempotency-Key found it used, and answers as it did then.
      response.status(exception.status).setHeader('Idempotent-Replayed', 'true').json(exception.body);
      return;
    }
    const allowed = noRouteMatched(exception, request) ? allowedMethods(request) : [];
    if (allowed.length && !allowed.includes(request.method)) {
      const problem = this.problem(HttpStatus.METHOD_NOT_ALLOWED, 'PLATFORM.METHOD_NOT_ALLOWED', {
        instance: request.originalUrl,
        traceId: activeTraceId(),
        detail: `${request.method} is not served at this address; it serves ${allowed.join(', ')}.`,
      });
      response.status(problem.status).setHeader('Allow', allowed.join(', '));
      response.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
      return;
    }
    const problem = this.toProblem(exception, request);
    this.report(problem, exception, request, response);
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  /**
   * What every wire format does with a server-side problem: an unexpected error is logged with its stack; a 503
   * (a dependency not there now: the database restarting or its pool busy, the document store, the identity
   * block's keys) is logged as a warning naming its code, and says when to come back (Retry-After).
   */
  protected report(problem: ProblemDetails, exception: unknown, request: Request, response: Response): void {
    if (problem.status === HttpStatus.SERVICE_UNAVAILABLE) {
      this.logger.warn(
        { code: problem.code, err: (exception as Error).message, path: request.path, method: request.method },
        'dependency unavailable; answered 503',
      );
      if (!response.getHeader('retry-after')) response.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (problem.status >= 500) {
      this.logger.error({ err: exception, path: request.path, method: request.method }, 'request failed');
    }
  }

  /** The problem an exception is answered with (another wire format may write it in its own shape). */
  toProblem(exception: unknown, request: Request): ProblemDetails {
    const base = { instance: request.originalUrl, traceId: activeTraceId() };
    const parserStatus = bodyParserStatus(exception);
    if (parserStatus) {
      const detail =
        parserStatus === 413
          ? 'The request body is larger than this endpoint accepts.'
          : parserStatus === 415
            ? 'The request body is in a character set or encoding this endpoint does not read: send UTF-8 JSON.'
            : 'The request body is not valid JSON.';
      return this.problem(parserStatus, DEFAULT_CODES[parserStatus] ?? 'PLATFORM.BAD_REQUEST', { ...base, detail });
    }
    if (exception instanceof BlockError) {
      const status = problemStatusOf(exception);
      if (status !== undefined) {
        return this.problem(status, exception.code, {
          ...exception.extensions,
          ...base,
          detail: exception.message,
          errors: exception.errors,
        });
      }
    }
    if (exception instanceof ProblemException) {
      return this.problem(exception.getStatus(), exception.code, {
        ...exception.extensions,
        ...base,
        detail: exception.message,
        errors: exception.errors,
      });
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message =
        typeof body === 'object' && body && 'message' in body
          ? (body as { message: unknown }).message
          : exception.message;
      return this.problem(status, DEFAULT_CODES[status] ?? `PLATFORM.HTTP_${status}`, {
        ...base,
        detail: Array.isArray(message) ? message.join('; ') : String(message),
      });
    }
    if (databaseUnavailable(exception)) {
      return this.problem(HttpStatus.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE, {
        ...base,
        detail:
          'The database cannot serve this request now (restarting, or every connection busy). ' +
          'Retry shortly with the same Idempotency-Key: the request is then done once.',
      });
    }
    return this.problem(HttpStatus.INTERNAL_SERVER_ERROR, 'PLATFORM.INTERNAL', {
      ...base,
      detail: 'An unexpected error occurred. It has been logged with the trace id.',
    });
  }

  private problem(status: number, code: string, rest: Partial<ProblemDetails>): ProblemDetails {
    return problemDetails(status, code, rest);
  }
}
