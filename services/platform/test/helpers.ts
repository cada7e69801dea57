import { BLOCKS } from '@onedoor/contracts';
import { api, freePort } from '@onedoor/testing';

export { api };

export const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
export const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

/** What every block serves, whatever the mode: health, readiness, metrics, OpenAPI 3.1 and its page. */
export async function expectOperationalSurface(urls: Record<string, string>) {
  for (const block of BLOCKS) {
    const base = urls[block];
    expect((await api(`${base}/health/live`)).status).toBe(200);
    const ready = await api(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.json.checks).toMatchObject({ database: 'up', broker: 'up' });
    const openapi = await api(`${base}/openapi.json`);
    expect(openapi.json.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.json.paths as object)).toContain(`/${block}/diagnostics/probes`);
    const docs = await api(`${base}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.contentType).toContain('text/html');
    const metrics = await api(`${base}/metrics`);
    expect(metrics.text).toContain(`onedoor_outbox_pending{block="${block}"}`);
    expect(metrics.text).toMatch(
      new RegExp(`onedoor_consumer_lag\\{group="onedoor\\.${block}",topic="onedoor\\.platform\\.probe\\.v1"`),
    );
  }
}

/** Sends a probe through one block and waits until every block has its receipt; returns the receipts. */
export async function probeEveryBlock(urls: Record<string, string>, origin: string, token: string) {
  const sent = await api(`${urls[origin]}/diagnostics/probes`, {
    method: 'POST',
    token,
    body: { note: 'end-to-end' },
    headers: { traceparent: TRACEPARENT },
  });
  expect(sent.status).toBe(202);
  const probeId = sent.json.probeId as string;
  const receipts: Record<string, Record<string, unknown>> = {};
  const deadline = Date.now() + 30_000;
  while (Object.keys(receipts).length < BLOCKS.length && Date.now() < deadline) {
    for (const block of BLOCKS) {
      if (receipts[block]) continue;
      const r = await api(`${urls[block]}/diagnostics/probes/${probeId}`, { token });
      if (r.status === 200) receipts[block] = r.json;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(Object.keys(receipts).sort()).toEqual([...BLOCKS].sort());
  return { probeId, receipts };
}

/**
 * Distributed mode's addresses: a free port for each block in `env`, and, as in production, the identity block
 * issuing every token and every block verifying them with its keys. Answers each block's base URL.
 */
export async function distributedAddresses(env: Record<string, string>): Promise<Record<string, string>> {
  const urls: Record<string, string> = {};
  for (const block of BLOCKS) {
    const port = await freePort();
    env[`${block.toUpperCase()}_PORT`] = String(port);
    urls[block] = `http://127.0.0.1:${port}/${block}`;
  }
  Object.assign(env, {
    IDENTITY_ISSUER: urls.identity,
    AUTH_JWKS_URL: `${urls.identity}/.well-known/jwks.json`,
    AUTH_ISSUER: urls.identity,
    AUTH_AUDIENCE: 'urn:onedoor:api',
  });
  return urls;
}
