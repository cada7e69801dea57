type AnswerCheck = (method: string, url: string, status: number, json: unknown) => void;
let answerCheck: AnswerCheck | undefined;

/**
 * Every answer `api` gets from now on goes through `check` as well (documentedAnswers().check: what the blocks'
 * OpenAPI documents say); undefined stops it. Set by a test file for its own calls.
 */
export function checkAnswers(check: AnswerCheck | undefined): void {
  answerCheck = check;
}

/** A JSON call to a block's API, as a client would make it: status, headers, and the body parsed when it is JSON. */
export async function api(
  url: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  answerCheck?.(init.method ?? 'GET', url, response.status, json);
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    json: json as Record<string, unknown>,
    text,
    headers: response.headers,
  };
}

/**
 * Waits until a block consumes events: sends a diagnostics probe through Kafka and waits for the block's receipt
 * (a consumer group can take a while to be given its partitions on a busy broker). `operator`: a token with
 * the role platform.operator. `base`: the block's URL, such as http://127.0.0.1:3004/workflow.
 */
export async function untilConsuming(base: string, operator: string, timeoutMs = 90_000): Promise<void> {
  const probe = await api(`${base}/diagnostics/probes`, { method: 'POST', token: operator, body: {} });
  if (probe.status >= 300) throw new Error(`probe refused: ${probe.status} ${probe.text}`);
  const deadline = Date.now() + timeoutMs;
  while (
    (await api(`${base}/diagnostics/probes/${probe.json.probeId as string}`, { token: operator })).status !== 200
  ) {
    if (Date.now() > deadline) throw new Error(`${base} consumed no events within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
