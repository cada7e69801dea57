/**
 * The government hotline over HTTP with the five blocks on the real broker and database: what the feedback block
 * learns from the identity block (places, offices), and the hotline's channels as their users reach them.
 */
import { ROLES } from '@onedoor/contracts';
import { api, waitFor } from '@onedoor/testing';
import { startAllBlocks, type AllBlocks } from './all-blocks';
import { Open311Client, type Format } from './open311-client';

let blocks: AllBlocks;
let operator: string;
const feedback = (path: string) => `${blocks.platform.urls.feedback}${path}`;
const identity = (path: string) => `${blocks.platform.urls.identity}${path}`;
const known = (table: string, code: string) => async () =>
  (await blocks.db.query(`SELECT 1 FROM feedback.${table} WHERE code = $1`, [code])).length > 0 || undefined;

const complaint = {
  kind: 'complaint',
  topic: 'water-supply',
  description: 'ນ້ຳປະປາບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ ຢູ່ບ້ານໂພນໄຊ',
  identity: 'anonymous',
  province: '01',
  district: '0101',
};

beforeAll(async () => {
  blocks = await startAllBlocks('hotline');
  operator = await blocks.token({ sub: 'platform-operator', roles: [ROLES.platformOperator] });
  await waitFor('the feedback block knows the districts', known('places', '0101'));
}, 120_000);

afterAll(() => blocks?.close());

describe("the hotline's places and offices are the identity block's", () => {
  it('a village the operator registers is a place cases may name; an unknown one is 422, nothing written', async () => {
    const village = { ...complaint, village: '0101042' };
    const before = await api(feedback('/cases'), { method: 'POST', body: village });
    expect([before.status, before.contentType, before.json.code]).toEqual([
      422,
      expect.stringContaining('application/problem+json'),
      'FEEDBACK.UNKNOWN_PLACE',
    ]);
    expect(before.json.errors).toEqual([expect.objectContaining({ field: 'village' })]);
    const saved = await api(identity('/admin-areas/0101042'), {
      method: 'PUT',
      token: operator,
      body: { level: 'village', parentCode: '0101', nameLo: 'ບ້ານໂພນໄຊ', nameEn: 'Ban Phonxay' },
    });
    expect(saved.status).toBe(200);
    await waitFor('the feedback block knows the village', known('places', '0101042'));
    const after = await api(feedback('/cases'), { method: 'POST', body: village });
    expect([after.status, after.json.village]).toEqual([201, '0101042']);
    const [{ n }] = await blocks.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM feedback.cases WHERE village = '0101042'`,
    );
    expect(n).toBe(1);
  });

  it('a case goes only to an office the identity block registers for the ministry', async () => {
    const office = await blocks.token({ sub: 'pmo-hotline', roles: [ROLES.feedbackOffice] });
    const submitted = await api(feedback('/cases'), { method: 'POST', body: complaint });
    const number = submitted.json.caseNumber as string;
    expect((await api(feedback(`/cases/${number}/triage`), { method: 'POST', token: office, body: {} })).status).toBe(
      200,
    );
    const assign = (unit: string) =>
      api(feedback(`/cases/${number}/assign`), { method: 'POST', token: office, body: { unit, ministry: 'MPWT' } });
    const unknown = await assign('MPWT-VTE');
    expect([unknown.status, unknown.json.code]).toEqual([422, 'FEEDBACK.UNKNOWN_UNIT']);
    const saved = await api(identity('/organisations/MPWT-VTE'), {
      method: 'PUT',
      token: operator,
      body: { kind: 'department', parentCode: 'MPWT', nameLo: 'ພະແນກໂຍທາ ນະຄອນຫຼວງ', nameEn: 'Vientiane public works' },
    });
    expect(saved.status).toBe(200);
    await waitFor('the feedback block knows the office', known('offices', 'MPWT-VTE'));
    const assigned = await assign('MPWT-VTE');
    expect([assigned.status, assigned.json.state, assigned.json.unit]).toEqual([200, 'ASSIGNED', 'MPWT-VTE']);
  });
});

describe('Open311 GeoReport v2, as a client written from the specification uses it', () => {
  let client: Open311Client;
  let apiKey: string;
  let keyId: string;
  let office: string;
  const FORMATS: Format[] = ['json', 'xml'];
  const report = {
    service_code: 'water-supply',
    address_id: '0101',
    lat: '17.9667',
    long: '102.6000',
    description: 'ນ້ຳປະປາບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ ຢູ່ບ້ານໂພນໄຊ, ໃກ້ໂຮງຮຽນ',
  };
  const errorsOf = (body: unknown) => body as { code: unknown; description: string }[];

  beforeAll(async () => {
    office = await blocks.token({ sub: 'pmo-hotline', roles: [ROLES.feedbackOffice] });
    const issued = await api(feedback('/open311/keys'), { method: 'POST', token: office, body: { name: 'City app' } });
    expect(issued.status).toBe(201);
    [apiKey, keyId] = [issued.json.apiKey as string, issued.json.id as string];
    client = await Open311Client.discover(feedback('/open311/discovery.xml'));
  });

  it('discovers the endpoint and lists the topics as services, in Lao or English, in JSON and in XML', async () => {
    expect(client.formats).toEqual(['application/json', 'text/xml']);
    for (const format of FORMATS) {
      const lao = await client.services(format);
      expect([lao.status, lao.contentType]).toEqual([
        200,
        format === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8',
      ]);
      const services = lao.body as Record<string, unknown>[];
      const water = services.find((service) => service.service_code === 'water-supply')!;
      expect(water).toMatchObject({ type: 'realtime', group: expect.any(String) });
      expect(String(water.metadata)).toBe('true');
      expect(water.service_name).toMatch(/[\u0E80-\u0EFF]/);
      const english = (await client.services(format, { lang: 'en' })).body as Record<string, unknown>[];
      expect(english.find((service) => service.service_code === 'water-supply')!.service_name).toMatch(/^[A-Za-z ]+$/);
      const definition = await client.definition('water-supply', format);
      const [kind] = (definition.body as { attributes: Record<string, unknown>[] }).attributes;
      expect(kind).toMatchObject({ code: 'kind', datatype: 'singlevaluelist' });
      expect((kind.values as { key: string }[]).map((v) => v.key)).toContain('suggestion');
      const unknown = await client.definition('weather', format);
      expect(unknown.status).toBe(404);
      expect(errorsOf(unknown.body)[0]).toMatchObject({ description: expect.stringContaining('weather') });
    }
  });

  it('refuses a request without an api_key in force (403), an unknown service (404), bad input (400): its error format', async () => {
    for (const format of FORMATS) {
      const cases = [
        [{ ...report }, 403, 'api_key'],
        [{ ...report, api_key: 'o311_not-a-key' }, 403, 'api_key'],
        [{ ...report, api_key: apiKey, service_code: 'weather' }, 404, 'weather'],
        [{ ...report, api_key: apiKey, service_code: '' }, 400, 'service_code'],
        [{ ...report, api_key: apiKey, lat: '', long: '', address_id: '' }, 400, 'location'],
        [{ ...report, api_key: apiKey, long: '' }, 400, 'long'],
        [{ ...report, api_key: apiKey, lat: '95' }, 400, 'lat'],
        [{ ...report, api_key: apiKey, address_id: '0199' }, 400, 'district'],
        [{ ...report, api_key: apiKey, address_id: 'Ban Phonxay' }, 400, 'address_id'],
        [{ ...report, api_key: apiKey, description: '' }, 400, 'description'],
      ] as const;
      for (const [fields, status, words] of cases) {
        const refused = await client.create(format, fields as Record<string, string>);
        expect([refused.status, errorsOf(refused.body)[0]?.description]).toEqual([
          status,
          expect.stringContaining(words),
        ]);
        expect(String(errorsOf(refused.body)[0].code)).toBe(String(status));
      }
      const badKind = await client.create(format, { ...report, api_key: apiKey }, { kind: 'rumour' });
      expect([badKind.status, errorsOf(badKind.body)[0].description]).toEqual([400, expect.stringContaining('kind')]);
    }
    const [{ n }] = await blocks.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM feedback.cases WHERE channel = 'open311'`,
    );
    expect(n).toBe(0);
  });

  it('creates a request as an anonymous hotline case: its number, its PIN in the notice, followed by id and by token', async () => {
    for (const format of FORMATS) {
      const created = await client.create(
        format,
        { ...report, api_key: apiKey, phone: '+856 20 5551 2345', email: 'noy@example.la', lang: 'en' },
        { kind: 'suggestion' },
      );
      expect(created.status).toBe(200);
      const [request] = created.body as { service_request_id: string; service_notice: string }[];
      expect(request.service_request_id).toMatch(/^1516-[0-9A-Z]{4}-[0-9A-Z]{4}-.$/);
      const pin = /PIN (\d{6})/.exec(request.service_notice)?.[1];
      expect(pin).toBeDefined();
      // The same case in OneDoor's API, with its number and PIN.
      const own = await api(feedback(`/cases/${request.service_request_id}?pin=${pin}`));
      expect(own.json).toMatchObject({
        channel: 'open311',
        kind: 'suggestion',
        identity: 'anonymous',
        district: '0101',
      });
      const [stored] = await blocks.db.query<{ contact: unknown; lat: number }>(
        `SELECT contact, lat FROM feedback.cases WHERE number = $1`,
        [request.service_request_id],
      );
      expect(stored).toEqual({ contact: { phone: '+8562055512345', email: 'noy@example.la' }, lat: 17.9667 });
      // The submitter asked to be told: by SMS and e-mail, in English, with the case number.
      const told = await waitFor('the messaging block tells the submitter', async () => {
        const rows = await blocks.db.query<{ channel: string; destination: string; language: string; body: string }>(
          `SELECT channel, destination, language, body FROM messaging.messages
            WHERE template_key = 'feedback.notice-received' AND variables->>'caseNumber' = $1 ORDER BY channel`,
          [request.service_request_id],
        );
        return rows.length === 2 ? rows : undefined;
      });
      expect(told).toEqual([
        expect.objectContaining({ channel: 'email', destination: 'noy@example.la', language: 'en' }),
        expect.objectContaining({ channel: 'sms', destination: '+8562055512345', language: 'en' }),
      ]);
      expect(told[1].body).toContain(request.service_request_id);
      const byId = await client.request(request.service_request_id, format);
      const [status] = byId.body as Record<string, unknown>[];
      // Anyone with the number reads its status, never the submitter's words before publication.
      expect(status).toMatchObject({
        service_request_id: request.service_request_id,
        status: 'open',
        service_code: 'water-supply',
        address_id: '0101',
        description: null,
        lat: null,
      });
      const [{ id }] = await blocks.db.query<{ id: string }>(`SELECT id FROM feedback.cases WHERE number = $1`, [
        request.service_request_id,
      ]);
      const token = await client.token(id, format);
      expect((token.body as Record<string, unknown>[])[0]).toMatchObject({
        service_request_id: request.service_request_id,
        token: id,
      });
      expect((await client.token('00000000-0000-4000-8000-000000000000', format)).status).toBe(404);
      expect((await client.request('1516-0000-0000-0', format)).status).toBe(404);
    }
  });

  it("lists published answers by service and status, with the request's history as notes (extensions)", async () => {
    const created = await client.create('json', { ...report, api_key: apiKey });
    const [{ service_request_id: number }] = created.body as { service_request_id: string }[];
    const unit = await blocks.token({
      sub: 'mpwt-officer',
      roles: [ROLES.feedbackHandler],
      ministry: 'MPWT',
      unit: 'MPWT',
    });
    const step = async (token: string, name: string, body: object = {}) => {
      const answer = await api(feedback(`/cases/${number}/${name}`), { method: 'POST', token, body });
      expect([name, answer.status]).toEqual([name, 200]);
    };
    await step(office, 'triage');
    await step(office, 'assign', { unit: 'MPWT', ministry: 'MPWT' });
    await step(unit, 'startVerification');
    await step(unit, 'recordFinding', {
      finding: 'UNFOUNDED',
      explanation: 'The supply was cut for planned works, announced a week before.',
    });
    await step(unit, 'submitResponse');
    await step(office, 'acceptResponse');
    const summary = {
      questionLo: 'ນ້ຳປະປາບໍ່ໄຫຼ 3 ມື້ ຢູ່ບ້ານໂພນໄຊ',
      answerLo: 'ການສະໜອງນ້ຳຖືກຢຸດເພື່ອສ້ອມແປງ ຕາມແຈ້ງການລ່ວງໜ້າ',
      questionEn: 'No tap water for 3 days in Ban Phonxay',
      answerEn: 'The supply was cut for planned works, announced a week before.',
    };
    await step(office, 'publish', { summary });
    for (const format of FORMATS) {
      const listed = await client.requests(format, { service_code: 'water-supply', status: 'closed', lang: 'en' });
      expect(listed.status).toBe(200);
      const found = (listed.body as Record<string, unknown>[]).find((r) => r.service_request_id === number);
      expect(found).toMatchObject({
        status: 'closed',
        description: summary.questionEn,
        status_notes: summary.answerEn,
        agency_responsible: 'MPWT',
      });
      const open = (await client.requests(format, { service_code: 'water-supply', status: 'open' })).body as unknown[];
      expect(JSON.stringify(open)).not.toContain(number);
      // Unpublished cases are not listed by filter; by id, they are.
      const byIds = await client.requests(format, { service_request_id: `${number},1516-0000-0000-0` });
      expect((byIds.body as { service_request_id: string }[]).map((r) => r.service_request_id)).toEqual([number]);
      const history = await client.request(number, format, { extensions: 'true', lang: 'en' });
      const [request] = history.body as { extended_attributes: { notes: { status: string }[] } }[];
      expect(request.extended_attributes.notes.map((n) => n.status)).toEqual([
        'open',
        'investigating',
        'in_progress',
        'investigating',
        'action_scheduled',
        'action_scheduled',
        'fixed',
        'fixed',
      ]);
      for (const query of [
        { status: 'pending' },
        { start_date: 'yesterday' },
        { start_date: '2026-01-01T00:00:00Z', end_date: '2026-06-01T00:00:00Z' },
        { lang: 'fr' },
        { page_size: '0' },
      ]) {
        const refused = await client.requests(format, query);
        expect([JSON.stringify(query), refused.status]).toEqual([JSON.stringify(query), 400]);
      }
    }
  });

  it('a revoked key submits nothing; only the Office or the operator manage keys', async () => {
    const citizen = await blocks.token({ sub: 'citizen-1', roles: ['citizen'] });
    expect((await api(feedback('/open311/keys'), { token: citizen })).status).toBe(403);
    expect((await api(feedback('/open311/keys'))).status).toBe(401);
    const keys = await api(feedback('/open311/keys'), { token: operator });
    expect(keys.status).toBe(200);
    expect(JSON.stringify(keys.json)).not.toContain(apiKey);
    expect((await api(feedback(`/open311/keys/${keyId}`), { method: 'DELETE', token: office })).status).toBe(204);
    const refused = await client.create('json', { ...report, api_key: apiKey });
    expect(refused.status).toBe(403);
    expect((await api(feedback(`/open311/keys/${keyId}`), { method: 'DELETE', token: office })).status).toBe(404);
  });
});
