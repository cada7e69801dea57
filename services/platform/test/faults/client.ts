/** A bearer token; `fresh` asks for a new one (the block did not accept the last). */
export type TokenSource = (fresh?: boolean) => Promise<string>;

export interface Request {
  json?: unknown;
  form?: string;
  /** Bytes sent as they are, with their media type (a document). */
  bytes?: { type: string; body: Buffer };
  token?: TokenSource;
  basic?: string;
  /** Statuses that mean "not yet" (the block has not heard of it yet): asked again, not a violation. */
  notYet?: number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PATIENCE_MS = 180_000;

/**
 * The clients of the fault test: every request as a client makes it, retried with the same Idempotency-Key on 503,
 * 409 PLATFORM.IDEMPOTENCY_IN_PROGRESS, a lost connection or a timeout, for up to three minutes, against the block's replicas in
 * turn. Every answer's status is counted; a 5xx other than 503, and any refusal not expected, is a violation.
 */
export class FaultClient {
  readonly statuses = new Map<string, number>();
  readonly violations: string[] = [];
  private turn = 0;

  constructor(
    /** The URLs of a block's replicas, now. */
    private readonly replicas: (block: string) => string[],
    /** The run's seeded random numbers (pauses between retries). */
    private readonly random: () => number,
  ) {}

  /** One request, retried until it is answered with a 2xx; answers its body. */
  async call(
    block: string,
    method: string,
    route: string,
    key?: string,
    init: Request = {},
  ): Promise<Record<string, unknown>> {
    return this.ask(block, method, route, key, init, (body) => body);
  }

  /** Reads `route` until `pick` finds what it waits for in the answer (a 404 is "not yet"). */
  async until<T>(
    block: string,
    route: string,
    token: TokenSource | undefined,
    pick: (body: Record<string, unknown>) => T | undefined,
  ): Promise<T> {
    return this.ask(block, 'GET', route, undefined, { token, notYet: [404] }, pick);
  }

  private async ask<T>(
    block: string,
    method: string,
    route: string,
    key: string | undefined,
    init: Request,
    pick: (body: Record<string, unknown>) => T | undefined,
  ): Promise<T> {
    const targets = this.replicas(block);
    const deadline = Date.now() + PATIENCE_MS;
    let lastStatus = 0;
    let last = '';
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      const target = targets[this.turn++ % targets.length];
      let status = 0;
      let text = '';
      try {
        const bearer = init.token && (await init.token(attempt > 0 && lastStatus === 401));
        const type = init.bytes
          ? init.bytes.type
          : init.json !== undefined
            ? 'application/json'
            : init.form !== undefined
              ? 'application/x-www-form-urlencoded'
              : undefined;
        const response = await fetch(`${target}${route}`, {
          method,
          headers: {
            ...(bearer && { authorization: `Bearer ${bearer}` }),
            ...(init.basic && { authorization: `Basic ${Buffer.from(init.basic).toString('base64')}` }),
            ...(type && { 'content-type': type }),
            ...(key && { 'idempotency-key': key }),
          },
          body: init.bytes ? init.bytes.body : init.json !== undefined ? JSON.stringify(init.json) : init.form,
          signal: AbortSignal.timeout(15_000),
        });
        status = response.status;
        text = await response.text();
      } catch {
        status = 0; // no answer: the process was killed, or it did not answer in time
      }
      this.statuses.set(String(status), (this.statuses.get(String(status)) ?? 0) + 1);
      lastStatus = status;
      last = `${status} ${text.slice(0, 300)}`;
      if (status >= 200 && status < 300) {
        const found = pick(text ? (JSON.parse(text) as Record<string, unknown>) : {});
        if (found !== undefined) return found;
      } else if (status === 401 && init.token && attempt < 10) {
        // A token the block cannot check yet (it restarted and fetches the key set; the keys were just
        // rotated): a fresh token, and again.
      } else if (
        status !== 0 &&
        status !== 503 &&
        !(status === 409 && text.includes('PLATFORM.IDEMPOTENCY_IN_PROGRESS')) &&
        !init.notYet?.includes(status)
      ) {
        this.violations.push(`${method} ${block}${route}: ${last}`);
        throw new Error(`${method} ${block}${route} answered ${last}`);
      }
      // Waiting for a state (a 2xx without it yet) is asked again within 2 s; a failure backs off to 5 s.
      const ceiling = status >= 200 && status < 300 ? 2_000 : 5_000;
      await sleep(Math.min(ceiling, 200 * 2 ** Math.min(attempt, 5)) * (0.5 + this.random() / 2));
    }
    throw new Error(`${method} ${block}${route}: not done within three minutes (last: ${last})`);
  }
}
