import { randomUUID } from 'node:crypto';

/** A field's problem as the blocks report it (problem+json `errors`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** What a block answered when it did not do what was asked: its status and problem+json. */
export class BlockProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(`${status} ${code ?? ''} ${detail}`.trim());
  }

  /** The block could not be reached, or said it is briefly unavailable (503). */
  get unavailable(): boolean {
    return this.status === 503 || this.status === 0;
  }
}

/**
 * The block's refusal (a 4xx the citizen can act on), for a page to show; anything else is thrown on to the error
 * pages: an expired sign-in (401: sign in again), a fault, the block away.
 */
export function refusal(error: unknown): BlockProblem {
  if (error instanceof BlockProblem && error.status >= 400 && error.status < 500 && error.status !== 401) return error;
  throw error;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Raw bytes (an uploaded document) with their media type, instead of a JSON body. */
  bytes?: { data: Buffer; mediaType: string };
  method?: string;
  query?: Record<string, string | number | undefined>;
  /** A write's key: a retry after a lost answer is answered as the first time (the blocks keep it a day). */
  idempotencyKey?: string;
  lang?: string;
  /** The citizen's address, for the block's limits per client (X-Forwarded-For; the block trusts the app's). */
  clientAddress?: string;
}

const TIMEOUT_MS = 15_000;

/**
 * The blocks' public APIs as the app calls them: over HTTP, under one base URL (`<base>/<block>`), with the
 * citizen's token when signed in. The app holds no data and no private way in: what it shows, any client could.
 */
export class BlocksClient {
  /** `baseUrl`: each block at `<baseUrl>/<block>`, unless `blockUrls` gives its own base URL. */
  constructor(
    private readonly baseUrl: string,
    private readonly blockUrls: Record<string, string> = {},
  ) {}

  url(block: string, route: string): string {
    const base = this.blockUrls[block] ?? `${this.baseUrl}/${block}`;
    return `${base.replace(/\/$/, '')}${route}`;
  }

  /** A file's bytes as the block serves them (a document to preview): its media type, or the block's problem. */
  async bytes(block: string, route: string, options: { token?: string }): Promise<{ data: Buffer; mediaType: string }> {
    let response: Response;
    try {
      response = await fetch(this.url(block, route), {
        headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new BlockProblem(0, 'UNREACHABLE', `${block}: ${(error as Error).message}`);
    }
    if (!response.ok) throw new BlockProblem(response.status, undefined, (await response.text()).slice(0, 200));
    return {
      data: Buffer.from(await response.arrayBuffer()),
      mediaType: response.headers.get('content-type') ?? 'application/octet-stream',
    };
  }

  async call<T = Record<string, unknown>>(block: string, route: string, options: CallOptions = {}): Promise<T> {
    const url = new URL(this.url(block, route));
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
    }
    const method = options.method ?? (options.body !== undefined || options.bytes ? 'POST' : 'GET');
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.lang) headers['accept-language'] = options.lang;
    if (options.clientAddress) headers['x-forwarded-for'] = options.clientAddress;
    if (method !== 'GET') headers['idempotency-key'] = options.idempotencyKey ?? randomUUID();
    let body: BodyInit | undefined;
    if (options.bytes) {
      headers['content-type'] = options.bytes.mediaType;
      body = new Uint8Array(options.bytes.data);
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new BlockProblem(0, 'UNREACHABLE', `${block}: ${(error as Error).message}`);
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const problem = (json ?? {}) as { code?: string; detail?: string; title?: string; errors?: FieldProblem[] };
      throw new BlockProblem(
        response.status,
        problem.code,
        problem.detail ?? problem.title ?? text.slice(0, 200),
        Array.isArray(problem.errors) ? problem.errors : [],
      );
    }
    return json as T;
  }
}
