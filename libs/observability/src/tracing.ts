import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ROOT_CONTEXT,
  context,
  propagation,
  trace,
  SpanKind,
  SpanStatusCode,
  type Attributes,
  type Context,
  type Link,
  type Span,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BatchSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export const TRACER_NAME = 'onedoor';
let started = false;

export interface TracingOptions {
  serviceName: string;
  /** Extra processors, for example an in-memory exporter in tests. */
  spanProcessors?: SpanProcessor[];
  exporter?: SpanExporter;
}

/**
 * Starts OpenTelemetry: W3C trace context, async context propagation, and HTTP instrumentation of outgoing
 * requests (incoming ones are traced by `traceIncoming`, see there). Call it before the NestJS application
 * module is imported. Spans are exported over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set; without it,
 * trace ids still propagate (logs, events) and nothing is exported.
 */
export function startTracing(options: TracingOptions): void {
  if (started) return;
  started = true;
  const processors: SpanProcessor[] = [...(options.spanProcessors ?? [])];
  const exporter = options.exporter ?? (process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? new OTLPTraceExporter() : undefined);
  if (exporter) processors.push(new BatchSpanProcessor(exporter));
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors: processors,
  });
  provider.register({
    contextManager: new AsyncLocalStorageContextManager().enable(),
    propagator: new W3CTraceContextPropagator(),
  });
  registerInstrumentations({
    instrumentations: [new HttpInstrumentation({ disableIncomingRequestInstrumentation: true })],
  });
}

export function tracer() {
  return trace.getTracer(TRACER_NAME);
}

/** The W3C `traceparent` (and `tracestate`) of the active context, for an event written now. */
export function currentTraceContext(): { traceparent?: string; tracestate?: string } {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return { traceparent: carrier.traceparent, tracestate: carrier.tracestate };
}

/**
 * Starts and ends a PRODUCER span for a message created now (OpenTelemetry messaging conventions: the span of
 * the message's creation), and returns its trace context for the message's headers, so consumers' spans are its
 * children, in the trace of the operation that created the message.
 */
export function producerTraceContext(
  name: string,
  attributes: Attributes,
): { traceparent?: string; tracestate?: string } {
  const span = tracer().startSpan(name, { kind: SpanKind.PRODUCER, attributes });
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), carrier);
  span.end();
  return { traceparent: carrier.traceparent, tracestate: carrier.tracestate };
}

export function contextFromTraceparent(traceparent?: string, tracestate?: string): Context {
  if (!traceparent) return context.active();
  const carrier: Record<string, string> = { traceparent };
  if (tracestate) carrier.tracestate = tracestate;
  return propagation.extract(context.active(), carrier);
}

/** Runs `work` in a new span, child of `parent`, recording errors on it. */
export async function inSpan<T>(
  name: string,
  options: { parent?: Context; kind?: SpanKind; attributes?: Attributes; links?: Link[] },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const span = tracer().startSpan(
    name,
    { kind: options.kind, attributes: options.attributes, links: options.links },
    options.parent,
  );
  return context.with(trace.setSpan(options.parent ?? context.active(), span), async () => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

const REQUEST_CONTEXT = Symbol('trace context of the request');
const JSON_BODY = /^application\/([\w.+-]+\+)?json\b/i;

/**
 * The SERVER span of an incoming HTTP request (a child of the caller's `traceparent`), made active for the
 * request's handling: events it writes, log lines and outgoing calls carry its trace. Middleware, first in the
 * chain; `resumeTrace` re-enters the context after the JSON body parser, whose continuation runs in the
 * socket's context. Other bodies (uploads) are read with the request's listeners bound to the context.
 *
 * Used instead of HttpInstrumentation's incoming side, which on the registration benchmark cost about 13% of the
 * block's throughput (event-emitter binding of every request and response, a dozen attributes, a metric).
 * `route` names the span when the response finishes (the route pattern, never the URL: no personal data).
 */
export function traceIncoming(
  request: IncomingMessage,
  response: ServerResponse,
  next: () => void,
  route: () => string | undefined,
): void {
  const method = request.method ?? 'GET';
  const span = tracer().startSpan(
    method,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': method } },
    propagation.extract(ROOT_CONTEXT, request.headers),
  );
  const active = trace.setSpan(ROOT_CONTEXT, span);
  (request as IncomingMessage & { [REQUEST_CONTEXT]?: Context })[REQUEST_CONTEXT] = active;
  response.once('finish', () => {
    const pattern = route();
    if (pattern) {
      span.updateName(`${method} ${pattern}`);
      span.setAttribute('http.route', pattern);
    }
    span.setAttribute('http.response.status_code', response.statusCode);
    if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  const length = request.headers['content-length'];
  const hasBody = request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (hasBody && !JSON_BODY.test(request.headers['content-type'] ?? '')) context.bind(active, request);
  context.with(active, next);
}

/** Middleware after the JSON body parser: the request's trace context again (see traceIncoming). */
export function resumeTrace(request: IncomingMessage, _response: ServerResponse, next: () => void): void {
  const active = (request as IncomingMessage & { [REQUEST_CONTEXT]?: Context })[REQUEST_CONTEXT];
  if (active) context.with(active, next);
  else next();
}

export function activeTraceId(): string | undefined {
  const span = trace.getActiveSpan();
  const id = span?.spanContext().traceId;
  return id && !/^0+$/.test(id) ? id : undefined;
}

export { SpanKind, trace };
