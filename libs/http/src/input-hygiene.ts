import type { IncomingMessage, ServerResponse } from 'node:http';
import { activeTraceId } from '@onedoor/observability';
import { PROBLEM_CONTENT_TYPE, problemDetails, type ProblemDetails } from './problem';

/** How deep a JSON body may nest: far beyond any OneDoor form, far below what recursion in a library survives. */
export const MAX_JSON_DEPTH = 32;

/** The first reason a parsed JSON body is refused: nesting deeper than MAX_JSON_DEPTH, or a NUL character. */
export function jsonBodyProblem(body: unknown): string | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value: body, depth: 0 }];
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return 'A text in the body contains a NUL character (\\u0000).';
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return `The body nests deeper than ${MAX_JSON_DEPTH} levels.`;
    for (const [key, member] of Object.entries(value)) {
      if (key.includes('\u0000')) return 'A name in the body contains a NUL character (\\u0000).';
      stack.push({ value: member, depth: depth + 1 });
    }
  }
  return undefined;
}

/** A NUL character in the path or the query (`%00`), which no identifier or filter of OneDoor contains. */
export function urlProblem(url: string): string | undefined {
  return /%00/i.test(url) || url.includes('\u0000') ? 'The address contains a NUL character (%00).' : undefined;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
/** What OneDoor's operations take as a body: JSON (and `+json`), and HTML forms (the sign-in pages). */
const ACCEPTED_BODY = /^application\/(?:json|[\w.+-]+\+json|x-www-form-urlencoded)\s*(?:;|$)/i;

const TAKES_MULTIPART = Symbol('onedoor.takes-multipart');

/**
 * Middleware for the few routes that take `multipart/form-data` (an upload a specification writes as a form, such
 * as GovStack's POST /documents): mounted on their path by the block (BlockDefinition.mount), it lets such a body
 * through to the route's own form parser. Every other route still refuses it with 415.
 */
export function takesMultipart(request: IncomingMessage, _response: ServerResponse, next: () => void): void {
  (request as IncomingMessage & { [TAKES_MULTIPART]?: boolean })[TAKES_MULTIPART] = true;
  next();
}

/**
 * A body of a media type no OneDoor operation reads (`text/plain`, XML, none at all): 415, not a 400 from a
 * validator that saw no fields. A route that takes other bytes (a document upload) mounts its own raw parser,
 * and its body arrives here as a Buffer: accepted.
 */
export function mediaTypeProblem(request: IncomingMessage & { body?: unknown }): string | undefined {
  if (!BODY_METHODS.has(request.method ?? '')) return undefined;
  const length = Number(request.headers['content-length'] ?? 0);
  if (!(length > 0) && !request.headers['transfer-encoding']) return undefined;
  if (Buffer.isBuffer(request.body)) return undefined;
  const type = request.headers['content-type'];
  if (type && ACCEPTED_BODY.test(type)) return undefined;
  const multipart = (request as { [TAKES_MULTIPART]?: boolean })[TAKES_MULTIPART];
  if (multipart && type && /^multipart\/form-data\s*;/i.test(type)) return undefined;
  return `This operation takes a body of type application/json, not ${type ? JSON.stringify(type.split(';')[0].trim()) : 'one without a Content-Type'}.`;
}

/** Writes a problem+json answer from plain Node (before NestJS routes the request). */
export function writeProblem(response: ServerResponse, problem: ProblemDetails): void {
  response.statusCode = problem.status;
  response.setHeader('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
  response.end(JSON.stringify(problem));
}

/**
 * Refuses, before any handler, input that no handler should have to defend against: a NUL character in the
 * address or a JSON body, JSON nested deeper than MAX_JSON_DEPTH (a library recursing through it overflows
 * the stack: a 500), and a body of a media type no operation reads (415). Mounted after the body parsers, for
 * every route of every block.
 */
export function inputHygiene(
  request: IncomingMessage & { body?: unknown; originalUrl?: string },
  response: ServerResponse,
  next: () => void,
): void {
  const url = request.originalUrl ?? request.url ?? '/';
  const refuse = (status: number, code: string, detail: string) =>
    writeProblem(
      response,
      problemDetails(status, code, { detail, instance: url.split('?')[0], traceId: activeTraceId() }),
    );
  const badAddress = urlProblem(url);
  if (badAddress) return refuse(400, 'PLATFORM.BAD_REQUEST', badAddress);
  const unsupported = mediaTypeProblem(request);
  if (unsupported) return refuse(415, 'PLATFORM.UNSUPPORTED_MEDIA_TYPE', unsupported);
  const badBody = jsonBodyProblem(request.body);
  if (badBody) return refuse(400, 'PLATFORM.BAD_REQUEST', badBody);
  next();
}
