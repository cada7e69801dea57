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

/** Writes a problem+json answer from plain Node (before NestJS routes the request). */
export function writeProblem(response: ServerResponse, problem: ProblemDetails): void {
  response.statusCode = problem.status;
  response.setHeader('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
  response.end(JSON.stringify(problem));
}

/**
 * Refuses, before any handler, input that no handler should have to defend against: a NUL character in the
 * address or a JSON body, and JSON nested deeper than MAX_JSON_DEPTH (a library recursing through it overflows
 * the stack: a 500). Mounted after the body parsers, for every route of every block.
 */
export function inputHygiene(
  request: IncomingMessage & { body?: unknown; originalUrl?: string },
  response: ServerResponse,
  next: () => void,
): void {
  const url = request.originalUrl ?? request.url ?? '/';
  const problem = urlProblem(url) ?? jsonBodyProblem(request.body);
  if (!problem) return next();
  writeProblem(
    response,
    problemDetails(400, 'PLATFORM.BAD_REQUEST', {
      detail: problem,
      instance: url.split('?')[0],
      traceId: activeTraceId(),
    }),
  );
}
