import { applyDecorators, Catch, Inject, type ArgumentsHost } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { XMLBuilder } from 'fast-xml-parser';
import { ProblemDetailsFilter } from '@onedoor/http';
import type { Logger } from '@onedoor/observability';
import { LOGGER } from '@onedoor/platform-kit';

/** GeoReport v2 answers in JSON, or in XML (its required format), as the resource's suffix asks. */
export type Open311Format = 'json' | 'xml';

const builder = new XMLBuilder({ format: true, suppressEmptyNode: false });

/**
 * XML per the specification's mapping of its JSON (the Spark convention): a list under its root element, one
 * element per item (`<service_requests><request>…`); a nested list the same way (`<attributes><attribute>…`).
 */
export function toXml(root: string, value: unknown, item?: string): string {
  const plural: Record<string, string> = {
    attributes: 'attribute',
    values: 'value',
    notes: 'note',
    endpoints: 'endpoint',
    formats: 'format',
  };
  const shape = (node: unknown, name?: string): unknown => {
    if (node === null || node === undefined) return '';
    if (Array.isArray(node)) {
      const child = name && plural[name];
      return child ? { [child]: node.map((n) => shape(n)) } : node.map((n) => shape(n));
    }
    if (node instanceof Date) return node.toISOString();
    if (typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, member]) => [key, shape(member, key)]));
    }
    return node;
  };
  const body = item ? { [root]: { [item]: (value as unknown[]).map((n) => shape(n)) } } : { [root]: shape(value) };
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(body) as string}`;
}

/** What a route returns for Nest to send (passthrough): JSON as is, XML as text with its root (and item) element. */
export function answer(response: Response, format: Open311Format, root: string, value: unknown, item?: string) {
  if (format === 'json') return value;
  response.type('text/xml; charset=utf-8');
  return toXml(root, value, item);
}

/** Sends an Open311 answer: JSON as is, XML with its root (and item) element. */
export function send(
  response: Response,
  format: Open311Format,
  status: number,
  root: string,
  value: unknown,
  item?: string,
) {
  response.status(status);
  if (format === 'xml') {
    response.type('text/xml; charset=utf-8').send(toXml(root, value, item));
  } else {
    response.type('application/json; charset=utf-8').send(JSON.stringify(value));
  }
}

export const formatOf = (request: Request): Open311Format =>
  /\.xml(?:$|\?)/.test(request.originalUrl) ? 'xml' : 'json';

/**
 * Every refusal of the Open311 routes in GeoReport v2's error format (`[{code, description}]`, `<errors><error>`),
 * with the HTTP status the specification names: 400 for input it cannot take (OneDoor's 422s too), 403 for a missing
 * or revoked api_key, 404 for an unknown service, request or token; 429 when a source floods. Unexpected errors are
 * logged and answered 500 without internals, as everywhere.
 */
@Catch()
export class Open311ErrorFilter extends ProblemDetailsFilter {
  constructor(@Inject(LOGGER) logger: Logger) {
    super(logger);
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(exception, request);
    this.report(problem, exception, request, response);
    const status = problem.status === 422 || problem.status === 415 || problem.status === 409 ? 400 : problem.status;
    const fields = (problem.errors ?? []).map((e) => `${e.field}: ${e.message}`);
    const description =
      fields.length && !problem.detail?.includes(fields[0])
        ? `${problem.detail} (${fields.join('; ')})`
        : problem.detail;
    send(
      response,
      formatOf(request),
      status,
      'errors',
      [{ code: status, description: description ?? problem.title }],
      'error',
    );
  }
}

const ERRORS = {
  type: 'array',
  items: {
    type: 'object',
    required: ['code', 'description'],
    properties: { code: { type: 'integer' }, description: { type: 'string' } },
  },
};

/** Documents GeoReport v2's refusals: its own error format, in JSON and in XML, not problem+json. */
export const Open311Errors = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: "GeoReport v2's error format",
        content: { 'application/json': { schema: ERRORS }, 'text/xml': { schema: { type: 'string' } } },
      }),
    ),
  );
