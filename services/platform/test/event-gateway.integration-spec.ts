/**
 * The information mediator as an integrator without Kafka uses it, with nothing but GovStack's pub/sub document
 * and OneDoor's guide: the blocks' events over HTTP, by PULL and by PUSH (signed, retried, paused), replayed from
 * a point in time, and only the event types a client is granted. The five blocks and the mediator run on the real
 * broker and database.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ROLES } from '@onedoor/contracts';
import { api, waitFor } from '@onedoor/testing';
import { startAllBlocks, type AllBlocks } from './all-blocks';

let blocks: AllBlocks;
let operator: string;
const CLIENT = 'LA/GOV/MOF/tax-system';
const ROOM = '/govstack/r1/LA/GOV/ONEDOOR';
const TYPE = 'admin-area.saved.v1';

const gateway = (path: string, token: string | undefined, method = 'GET', body?: object, client = CLIENT) =>
  api(`${blocks.platform.urls.mediator}${ROOM}${path}`, {
    method,
    token,
    body,
    headers: client ? { 'x-govstack-client': client } : {},
  });
const grant = (clientId: string, room: string, type: string, method = 'PUT') =>
  api(`${blocks.platform.urls.mediator}/grants/${clientId}/${room}/${type}`, { method, token: operator });
let village = 100;
/** An event of the type: the identity block saves a village (`identity.admin-area.saved`). */
async function saveVillage(): Promise<string> {
  const code = `0101${String(village++).padStart(3, '0')}`;
  const saved = await api(`${blocks.platform.urls.identity}/admin-areas/${code}`, {
    method: 'PUT',
    token: operator,
    body: { level: 'village', parentCode: '0101', nameLo: `ບ້ານ ${code}`, nameEn: `Ban ${code}` },
  });
  expect(saved.status).toBe(200);
  return code;
}
type EventItem = { id: string; sequence: number; eventType: string; event: { code: string }; publisherId: object };

const savedBlockUrls = process.env.MEDIATOR_BLOCK_URLS;

beforeAll(async () => {
  blocks = await startAllBlocks('event_gateway');
  operator = await blocks.token({ sub: 'platform-operator', roles: [ROLES.platformOperator] });
  // Each block on a port of its own here: where the directory reads their documents.
  process.env.MEDIATOR_BLOCK_URLS = Object.entries(blocks.platform.urls)
    .map(([block, url]) => `${block}=${url}`)
    .join(',');
}, 120_000);

afterAll(async () => {
  await blocks?.close();
  if (savedBlockUrls === undefined) delete process.env.MEDIATOR_BLOCK_URLS;
  else process.env.MEDIATOR_BLOCK_URLS = savedBlockUrls;
});

describe('event types and grants', () => {
  it('offers a client only the types the operators granted it, never those that carry secrets', async () => {
    const tax = await blocks.token({ sub: 'tax-system', clientId: 'tax-system', roles: [] });
    expect((await gateway('/identity/api/v1/eventType', tax)).status).toBe(204);
    expect((await gateway(`/identity/api/v1/eventType/${TYPE}`, tax)).status).toBe(404);
    expect((await gateway(`/identity/api/v1/subs/${TYPE}`, tax, 'POST', { delivery: 'PULL' })).status).toBe(404);
    // The operators see every type of a room; the one-time codes' event (sealed) is not among them.
    const all = await gateway('/identity/api/v1/eventType', operator);
    expect(all.json).toEqual(expect.arrayContaining([TYPE, 'person.enrolled.v1']));
    expect(all.json).not.toContain('one-time-code.requested.v2');
    expect((await grant('tax-system', 'identity', 'one-time-code.requested.v2')).status).toBe(404);
    expect((await grant('tax-system', 'feedback', 'submitter-notice.requested.v1')).status).toBe(404);
    // Granted: listed, with its JSON Schema.
    expect((await grant('tax-system', 'identity', TYPE)).status).toBe(200);
    expect((await gateway('/identity/api/v1/eventType', tax)).json).toEqual([TYPE]);
    const type = await gateway(`/identity/api/v1/eventType/${TYPE}`, tax);
    expect(type.json).toMatchObject({
      eventType: TYPE,
      schema: { $id: 'urn:onedoor:event:la.gov.onedoor.identity.admin-area.saved.v1' },
    });
    // Only the operators keep grants; every operation names its calling system.
    expect((await api(`${blocks.platform.urls.mediator}/grants`, { token: tax })).status).toBe(403);
    const unnamed = await gateway('/identity/api/v1/eventType', tax, 'GET', undefined, '');
    expect([unnamed.status, unnamed.json.code]).toEqual([400, 'PLATFORM.VALIDATION_FAILED']);
    const published = await gateway(`/identity/pub/v1/${TYPE}`, tax, 'POST', { eventType: TYPE, event: {} });
    expect([published.status, published.json.code]).toEqual([405, 'MEDIATOR.NOT_OFFERED']);
  });
});

describe('PULL', () => {
  it('gives the next event until it is acknowledged, in order; replays from a time; stops when the grant goes', async () => {
    const client = await blocks.token({ sub: 'land-office', clientId: 'land-office', roles: [] });
    const other = await blocks.token({ sub: 'other-system', clientId: 'other-system', roles: [] });
    expect((await grant('land-office', 'identity', '*')).status).toBe(200);
    expect((await grant('other-system', 'identity', TYPE)).status).toBe(200);
    const subscribed = await gateway(`/identity/api/v1/subs/${TYPE}`, client, 'POST', {
      eventType: TYPE,
      delivery: 'PULL',
      options: { TTL: 86_400 },
    });
    expect(subscribed.status).toBe(200);
    expect(subscribed.json).toMatchObject({ eventType: TYPE, delivery: 'PULL', options: { TTL: 86_400 } });
    expect(subscribed.json.signingSecret).toBeUndefined();
    const again = await gateway(`/identity/api/v1/subs/${TYPE}`, client, 'POST', { delivery: 'PULL' });
    expect(again.status).toBe(409);
    // A new subscription starts after the events already received.
    expect((await gateway(`/identity/pull/v1/${TYPE}`, client)).status).toBe(404);
    const since = new Date();
    const codes = [await saveVillage(), await saveVillage()];
    // Both logged, in the order the mediator received them (two villages: two aggregates, no order between them).
    const [first, second] = await waitFor('both events are logged', async () => {
      const rows = await blocks.db.query<{ id: string; code: string }>(
        `SELECT id, data->>'code' AS code FROM mediator.events WHERE event_type = $1 AND data->>'code' = ANY($2)
          ORDER BY sequence`,
        [TYPE, codes],
      );
      return rows.length === 2 ? rows : undefined;
    });
    const pulled = (await gateway(`/identity/pull/v1/${TYPE}`, client)).json as unknown as EventItem;
    if (pulled.id !== first.id) {
      // Seen about once in ten CI runs: the second event came first. What the mediator held then, for the record.
      const state = await blocks.db.query(
        `SELECT s.cursor::text AS cursor, s.created_at, s.updated_at,
                (SELECT json_agg(json_build_object('sequence', e.sequence, 'code', e.data->>'code', 'id', e.id,
                        'receivedAt', e.received_at) ORDER BY e.sequence)
                   FROM mediator.events e WHERE e.event_type = s.event_type AND e.sequence > s.cursor - 5) AS events
           FROM mediator.subscriptions s WHERE s.client_id = 'land-office' AND s.event_type = $1`,
        [TYPE],
      );
      process.stdout.write(`PULL gave ${pulled.id}, expected ${first.id}: ${JSON.stringify(state)}\n`);
    }
    expect(pulled).toMatchObject({ id: first.id, eventType: TYPE, event: { code: first.code } });
    expect(pulled.publisherId).toEqual({
      instanceId: 'LA',
      memberClass: 'GOV',
      memberCode: 'ONEDOOR',
      applicationCode: 'identity',
    });
    // Not acknowledged: the same again. The second cannot be acknowledged before the first.
    expect((await gateway(`/identity/pull/v1/${TYPE}`, client)).json.id).toBe(pulled.id);
    const next = second.id;
    expect((await gateway(`/identity/pull/v1/${TYPE}/${next}`, client, 'DELETE')).status).toBe(409);
    expect((await gateway(`/identity/pull/v1/${TYPE}/${pulled.id}`, client, 'DELETE')).status).toBe(204);
    expect((await gateway(`/identity/pull/v1/${TYPE}/${pulled.id}`, client, 'DELETE')).status).toBe(204);
    const then = await gateway(`/identity/pull/v1/${TYPE}`, client);
    expect([then.json.id, (then.json.event as { code: string }).code]).toEqual([next, second.code]);
    expect((await gateway(`/identity/pull/v1/${TYPE}/${next}`, client, 'DELETE')).status).toBe(204);
    expect((await gateway(`/identity/pull/v1/${TYPE}`, client)).status).toBe(404);
    // Another client granted the type sees neither this subscription nor its events.
    expect((await gateway('/identity/api/v1/subs', other)).json).toEqual([]);
    expect((await gateway(`/identity/pull/v1/${TYPE}`, other)).status).toBe(404);
    expect((await gateway(`/identity/api/v1/subs/${TYPE}`, other)).status).toBe(404);
    // Replay from a point in time: the same events again, in order.
    const replay = await gateway(`/identity/api/v1/subs/${TYPE}`, client, 'PATCH', { replayFrom: since.toISOString() });
    expect(replay.status).toBe(201);
    expect((await gateway(`/identity/pull/v1/${TYPE}`, client)).json.id).toBe(pulled.id);
    // A PUSH subscription is not pulled from; the grant revoked, nothing is.
    expect((await grant('land-office', 'identity', '*', 'DELETE')).status).toBe(204);
    expect((await gateway(`/identity/pull/v1/${TYPE}`, client)).status).toBe(404);
    expect((await gateway(`/identity/api/v1/subs/${TYPE}`, client, 'DELETE')).status).toBe(204);
    expect((await gateway(`/identity/api/v1/subs/${TYPE}`, client)).status).toBe(404);
  });
});

describe('PUSH', () => {
  let server: Server;
  const received: { id: string; code: string; signature: string; body: string }[] = [];
  let refuse = 0;
  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        if (refuse > 0) {
          refuse -= 1;
          response.writeHead(503).end();
          return;
        }
        const item = JSON.parse(body) as EventItem;
        received.push({
          id: item.id,
          code: item.event.code,
          signature: String(request.headers['x-onedoor-signature']),
          body,
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('POSTs each event in order, signed; retries a refusal with backoff; pauses after repeated failure until resumed', async () => {
    const client = await blocks.token({ sub: 'civil-registry', clientId: 'civil-registry', roles: [] });
    expect((await grant('civil-registry', 'identity', TYPE)).status).toBe(200);
    const pushUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
    const refused = await gateway(`/identity/api/v1/subs/${TYPE}`, client, 'POST', {
      delivery: 'PUSH',
      pushUrl: 'http://10.0.0.8/events',
    });
    expect([refused.status, refused.json.code]).toEqual([400, 'PLATFORM.VALIDATION_FAILED']);
    const subscribed = await gateway(`/identity/api/v1/subs/${TYPE}`, client, 'POST', { delivery: 'PUSH', pushUrl });
    expect(subscribed.status).toBe(200);
    const secret = subscribed.json.signingSecret as string;
    expect(secret).toMatch(/^[\w-]{40,}$/);
    // The subscriber is down for the first two attempts: retried, then delivered in order.
    refuse = 2;
    const codes = [await saveVillage(), await saveVillage(), await saveVillage()];
    await waitFor('three events pushed', async () => (received.length >= 3 ? true : undefined), 60_000);
    // In the order the mediator logged them (each village is its own aggregate: Kafka orders within one only).
    const logged = await blocks.db.query<{ code: string }>(
      `SELECT data->>'code' AS code FROM mediator.events WHERE data->>'code' = ANY($1) ORDER BY sequence`,
      [codes],
    );
    expect(received.map((r) => r.code)).toEqual(logged.map((row) => row.code));
    expect([...codes].sort()).toEqual(logged.map((row) => row.code).sort());
    for (const { signature, body } of received) {
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature) ?? [];
      expect(v1).toBe(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
    }
    const state = await gateway(`/identity/api/v1/subs/${TYPE}`, client);
    expect(state.json).toMatchObject({ delivery: 'PUSH', status: 'active' });
    expect(state.json.signingSecret).toBeUndefined();
    // Failing on: after eight failures in a row the subscription pauses and its events wait.
    await blocks.db.query(
      `UPDATE mediator.subscriptions SET failures = 7, next_attempt_at = now() WHERE client_id = 'civil-registry'`,
    );
    refuse = 1_000;
    const waiting = await saveVillage();
    const paused = await waitFor('paused', async () => {
      const read = await gateway(`/identity/api/v1/subs/${TYPE}`, client);
      return read.json.status === 'paused' ? read.json : undefined;
    });
    expect(paused).toMatchObject({ failures: 8, lastError: 'HTTP 503' });
    refuse = 0;
    const resumed = await gateway(`/identity/api/v1/subs/${TYPE}`, client, 'PATCH', { resume: true });
    expect([resumed.status, resumed.json.status]).toEqual([201, 'active']);
    await waitFor('the waiting event pushed', async () =>
      received.some((r) => r.code === waiting) ? true : undefined,
    );
    expect(new Set(received.map((r) => r.id)).size).toBe(received.length);
  });
});

describe("the information mediator's directory services", () => {
  type Service = {
    serviceCode: string;
    applicationCode: string;
    endpointList: { member: { method: string; path: string }[] };
  };
  const directory = (path: string, token: string | undefined, client = CLIENT) =>
    api(`${blocks.platform.urls.mediator}/govstack${path}`, {
      token,
      headers: client ? { 'x-govstack-client': client } : {},
    });
  const endpoints = (services: Service[], code: string) =>
    services.find((service) => service.serviceCode === code)?.endpointList.member.map((e) => `${e.method} ${e.path}`) ??
    [];

  it('lists the platform, its blocks and its event clients; each block’s services and endpoints; those a caller’s roles open', async () => {
    const citizen = await blocks.token({ sub: 'citizen-1', roles: [ROLES.citizen] });
    expect((await grant('statistics-bureau', 'registration', '*')).status).toBe(200);
    const clients = await directory('/listClients', citizen);
    const ids = (clients.json.member as { id: Record<string, string> }[]).map((m) => m.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        { objectType: 'MEMBER', instanceId: 'LA', memberClass: 'GOV', memberCode: 'ONEDOOR' },
        {
          objectType: 'APPLICATION',
          instanceId: 'LA',
          memberClass: 'GOV',
          memberCode: 'ONEDOOR',
          applicationCode: 'registration',
        },
        { objectType: 'APPLICATION', instanceId: 'LA', applicationCode: 'statistics-bureau' },
      ]),
    );
    expect((await directory('/listClients?instanceId=TH', citizen)).json).toEqual({ member: [] });
    // A block's two REST services: OneDoor's API and its GovStack face.
    const methods = await directory('/r1/LA/GOV/ONEDOOR/registration/listMethods', citizen);
    expect(methods.status).toBe(200);
    const services = methods.json.member as Service[];
    expect(services.map((service) => service.serviceCode).sort()).toEqual(['registration', 'registration-govstack']);
    expect(endpoints(services, 'registration-govstack')).toContain('GET /registration/govstack/services');
    expect(endpoints(services, 'registration').every((e) => !e.includes('/govstack/'))).toBe(true);
    const only = await directory(
      '/r1/LA/GOV/ONEDOOR/registration/listMethods?serviceId=registration-govstack',
      citizen,
    );
    expect((only.json.member as Service[]).map((service) => service.serviceCode)).toEqual(['registration-govstack']);
    // Allowed: the grants are the operators' alone; the pub/sub API is any signed-in client's.
    const allowed = async (token: string) =>
      endpoints(
        (await directory('/r1/LA/GOV/ONEDOOR/mediator/allowedMethods?serviceId=mediator', token)).json
          .member as Service[],
        'mediator',
      );
    expect(await allowed(operator)).toContain('PUT /mediator/grants/{clientId}/{room}/{eventType}');
    expect(await allowed(citizen)).not.toContain('PUT /mediator/grants/{clientId}/{room}/{eventType}');
    const all = endpoints(
      (await directory('/r1/LA/GOV/ONEDOOR/mediator/listMethods', citizen)).json.member as Service[],
      'mediator',
    );
    expect(all).toContain('PUT /mediator/grants/{clientId}/{room}/{eventType}');
  });

  it('gives one service’s OpenAPI document; refuses an unknown service or provider and a call that names no system', async () => {
    const token = await blocks.token({ sub: 'tax-system', clientId: 'tax-system', roles: [] });
    const document = await directory(
      '/r1/LA/GOV/ONEDOOR/registration/getOpenAPI?serviceCode=registration-govstack',
      token,
    );
    expect(document.status).toBe(200);
    expect(document.json.openapi).toBe('3.1.0');
    const paths = Object.keys(document.json.paths as object);
    expect(paths.length).toBeGreaterThan(5);
    expect(paths.every((path) => path.startsWith('/registration/govstack/'))).toBe(true);
    const unknown = await directory('/r1/LA/GOV/ONEDOOR/registration/getOpenAPI?serviceCode=payments', token);
    expect([unknown.status, unknown.json.code]).toEqual([404, 'MEDIATOR.SERVICE_NOT_FOUND']);
    const provider = await directory('/r1/LA/GOV/ONEDOOR/payments/listMethods', token);
    expect([provider.status, provider.json.code]).toEqual([404, 'MEDIATOR.SERVICE_NOT_FOUND']);
    const unnamed = await directory('/r1/LA/GOV/ONEDOOR/registration/listMethods', token, '');
    expect(unnamed.status).toBe(400);
    expect((await directory('/r1/LA/GOV/ONEDOOR/registration/getOpenAPI', token)).status).toBe(400);
  });
});
