/**
 * The government hotline over HTTP with the five blocks on the real broker and database: what the feedback block
 * learns from the identity block (places, offices), and the hotline's channels as their users reach them.
 */
import { createHmac } from 'node:crypto';
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

const SMS_SECRET = 'sms-gateway-secret-for-tests';
const savedSmsSecret = process.env.FEEDBACK_SMS_SECRET;

beforeAll(async () => {
  process.env.FEEDBACK_SMS_SECRET = SMS_SECRET;
  blocks = await startAllBlocks('hotline');
  operator = await blocks.token({ sub: 'platform-operator', roles: [ROLES.platformOperator] });
  await waitFor('the feedback block knows the districts', known('places', '0101'));
}, 120_000);

afterAll(async () => {
  await blocks?.close();
  if (savedSmsSecret === undefined) delete process.env.FEEDBACK_SMS_SECRET;
  else process.env.FEEDBACK_SMS_SECRET = savedSmsSecret;
});

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

describe('submissions under load', () => {
  it('takes 60 submissions at once: every one written, none a 5xx (no transaction waits for a second connection)', async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        api(feedback('/cases'), {
          method: 'POST',
          body: { ...complaint, description: `${complaint.description} (${i})` },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
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
        [{ ...report, api_key: apiKey, media_url: 'file:///etc/passwd' }, 400, 'media_url'],
        [{ ...report, api_key: apiKey, media_url: 'javascript:alert(1)' }, 400, 'media_url'],
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
        {
          ...report,
          api_key: apiKey,
          phone: '+856 20 5551 2345',
          email: 'noy@example.la',
          lang: 'en',
          media_url: 'https://photos.example.la/p/8f2a.jpg',
        },
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
        mediaUrl: 'https://photos.example.la/p/8f2a.jpg',
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
        media_url: null,
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

describe('SMS to 1516, as the gateway delivers it (signed) and sends back the reply', () => {
  const phone = '+8562077712345';
  let sequence = 0;
  const sms = async (text: string, options: { messageId?: string; secret?: string; from?: string } = {}) => {
    const body = JSON.stringify({
      messageId: options.messageId ?? `gw-${Date.now()}-${sequence++}`,
      from: options.from ?? phone,
      text,
    });
    const signature = `sha256=${createHmac('sha256', options.secret ?? SMS_SECRET)
      .update(body)
      .digest('hex')}`;
    const answer = await api(feedback('/sms/inbound'), {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-onedoor-signature': signature },
    });
    return answer;
  };

  it('refuses a message not signed with the gateway secret, writing nothing', async () => {
    const forged = await sms('ຮ້ອງທຸກ ນ້ຳປະປາ ນ້ຳບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ', { secret: 'not-the-secret', messageId: 'gw-forged' });
    expect([forged.status, forged.json.code]).toEqual([401, 'FEEDBACK.BAD_SIGNATURE']);
    const unsigned = await api(feedback('/sms/inbound'), {
      method: 'POST',
      body: { messageId: 'gw-unsigned', from: phone, text: 'ຮ້ອງທຸກ ນ້ຳປະປາ ນ້ຳບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ' },
    });
    expect(unsigned.status).toBe(401);
    expect(
      await blocks.db.query(
        `SELECT 1 FROM feedback.sms_inbound WHERE message_id LIKE 'gw-%signed' OR message_id = 'gw-forged'`,
      ),
    ).toEqual([]);
  });

  it('makes a case of a Lao message (number and PIN in the reply, once per message), answers STATUS and INFO', async () => {
    const first = await sms('ຮ້ອງທຸກ ນ້ຳປະປາ #0101 ນ້ຳປະປາບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ ບ້ານໂພນໄຊ', { messageId: 'gw-lao-1' });
    expect(first.status).toBe(200);
    const number = first.json.caseNumber as string;
    const pin = /PIN (\d{6})/.exec(first.json.reply as string)?.[1];
    expect([first.json.reply, pin]).toEqual([expect.stringContaining(number), expect.stringMatching(/^\d{6}$/)]);
    expect(first.json.reply).toMatch(/[\u0E80-\u0EFF]/);
    const [stored] = await blocks.db.query<Record<string, unknown>>(
      `SELECT kind, topic, channel, district, contact, language FROM feedback.cases WHERE number = $1`,
      [number],
    );
    expect(stored).toEqual({
      kind: 'complaint',
      topic: 'water-supply',
      channel: 'sms',
      district: '0101',
      contact: { phone },
      language: 'lo',
    });
    // The gateway delivers the same message again: no second case.
    const again = await sms('ຮ້ອງທຸກ ນ້ຳປະປາ #0101 ນ້ຳປະປາບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ ບ້ານໂພນໄຊ', { messageId: 'gw-lao-1' });
    expect(again.json.reply).toContain(number);
    expect(again.json.reply).not.toContain(pin);
    const [{ n }] = await blocks.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM feedback.cases WHERE channel = 'sms'`,
    );
    expect(n).toBe(1);

    const status = await sms(`STATUS ${number} ${pin}`);
    expect(status.json.reply).toBe(`1516: case ${number}: Received.`);
    const wrong = await sms(`STATUS ${number} ${String((Number(pin) + 1) % 1_000_000).padStart(6, '0')}`);
    expect(wrong.json.reply).toContain('not right');

    // The unit asks; the sender is told by SMS and answers by SMS.
    const office = await blocks.token({ sub: 'pmo-hotline', roles: [ROLES.feedbackOffice] });
    const unit = await blocks.token({
      sub: 'mpwt-officer',
      roles: [ROLES.feedbackHandler],
      ministry: 'MPWT',
      unit: 'MPWT',
    });
    for (const [token, step, body] of [
      [office, 'triage', {}],
      [office, 'assign', { unit: 'MPWT', ministry: 'MPWT' }],
      [unit, 'startVerification', {}],
      [unit, 'requestInformation', { reason: 'Which house?' }],
    ] as const) {
      expect((await api(feedback(`/cases/${number}/${step}`), { method: 'POST', token, body })).status).toBe(200);
    }
    const asked = await waitFor('the sender is asked by SMS', async () => {
      const rows = await blocks.db.query<{ destination: string; body: string }>(
        `SELECT destination, body FROM messaging.messages WHERE template_key = 'feedback.notice-information-requested' AND variables->>'caseNumber' = $1`,
        [number],
      );
      return rows.length ? rows : undefined;
    });
    expect(asked).toEqual([{ destination: phone, body: expect.stringContaining('Which house?') }]);
    const informed = await sms(`ຂໍ້ມູນ ${number} ${pin} ເຮືອນເລກທີ 12 ໃກ້ໂຮງຮຽນ`, { messageId: 'gw-info-1' });
    expect(informed.json.reply).toContain(number);
    const followed = await api(feedback(`/cases/${number}?pin=${pin}`));
    expect(followed.json.state).toBe('VERIFYING');
    expect(JSON.stringify(followed.json.history)).toContain('ເຮືອນເລກທີ 12');
    // No 'received' notice went out besides the reply: the reply carried the number and the PIN.
    const received = await blocks.db.query(
      `SELECT 1 FROM messaging.messages WHERE template_key = 'feedback.notice-received' AND variables->>'caseNumber' = $1`,
      [number],
    );
    expect(received).toEqual([]);
  });

  it('answers anything else with how to write to 1516, in the language it was written in', async () => {
    expect((await sms('HELP')).json.reply).toContain('STATUS');
    expect((await sms('ຊ່ວຍ')).json.reply).toContain('ສະຖານະ');
    expect((await sms('C water')).json.reply).toContain('10+');
  });
});

describe("the 1516 operators' console", () => {
  const caller = '+8562099988877';
  const call = {
    kind: 'complaint',
    topic: 'roads',
    description: 'ຖະໜົນເຂົ້າບ້ານນາເລົ່າເປັນຂຸມ ລົດຈັກລົ້ມທຸກມື້',
    province: '01',
    callerPhone: caller,
  };
  let operatorToken: string;

  beforeAll(async () => {
    operatorToken = await blocks.token({ sub: 'operator-noy', roles: [ROLES.feedbackOperator] });
  });

  it('records a call in one step: the number and PIN to read back; with consent, the caller is found again', async () => {
    const recorded = await api(feedback('/calls'), {
      method: 'POST',
      token: operatorToken,
      body: { ...call, consent: true },
    });
    expect(recorded.status).toBe(201);
    expect(recorded.json).toMatchObject({
      channel: 'operator',
      identity: 'anonymous',
      pin: expect.stringMatching(/^\d{6}$/),
    });
    const withoutConsent = await api(feedback('/calls'), {
      method: 'POST',
      token: operatorToken,
      body: { ...call, consent: false, description: 'ໄຟຕາມທາງບ້ານນາເລົ່າບໍ່ເປີດ ມືດໝົດ' },
    });
    expect(withoutConsent.status).toBe(201);
    const earlier = await api(feedback(`/calls/earlier-cases?phone=${encodeURIComponent(caller)}&lang=en`), {
      token: operatorToken,
    });
    expect(earlier.status).toBe(200);
    expect(
      (earlier.json as unknown as { caseNumber: string; status: string }[]).map((c) => [c.caseNumber, c.status]),
    ).toEqual([[recorded.json.caseNumber, 'Received']]);
    // The Office and the unit see the case, never the caller's number.
    const office = await blocks.token({ sub: 'pmo-hotline', roles: [ROLES.feedbackOffice] });
    const seen = await api(feedback(`/cases/${recorded.json.caseNumber}`), { token: office });
    expect(seen.status).toBe(200);
    expect(JSON.stringify(seen.json)).not.toContain('99988877');
  });

  it('is for operators only, and refuses a malformed number or a missing consent', async () => {
    const citizen = await blocks.token({ sub: 'citizen-2', roles: ['citizen'] });
    expect(
      (await api(feedback('/calls'), { method: 'POST', token: citizen, body: { ...call, consent: true } })).status,
    ).toBe(403);
    expect(
      (await api(feedback(`/calls/earlier-cases?phone=${encodeURIComponent(caller)}`), { token: citizen })).status,
    ).toBe(403);
    const noConsent = await api(feedback('/calls'), { method: 'POST', token: operatorToken, body: call });
    expect([noConsent.status, noConsent.json.code]).toEqual([400, 'PLATFORM.VALIDATION_FAILED']);
    const badPhone = await api(feedback('/calls/earlier-cases?phone=call-me'), { token: operatorToken });
    expect(badPhone.status).toBe(400);
  });
});

describe('reports and public statistics over HTTP', () => {
  it('serves the public statistics as JSON and CSV without a token; the reports to the Office only', async () => {
    const json = await api(feedback('/statistics?by=topic'));
    expect(json.status).toBe(200);
    const rows = json.json as unknown as { key: string; received: number | null }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.received === null || row.received === 0 || row.received >= 5).toBe(true);
    const csv = await api(feedback('/statistics?by=province&format=csv'));
    expect([csv.status, csv.contentType]).toEqual([200, 'text/csv; charset=utf-8']);
    expect(csv.headers.get('content-disposition')).toContain('hotline-statistics-by-province.csv');
    expect(csv.text.split('\n')[0]).toBe('key,received,answered,published,answeredWithinTarget,medianDaysToAnswer');
    // A byte-order mark first, so that spreadsheets read the Lao names as UTF-8.
    const bytes = new Uint8Array(await (await fetch(feedback('/statistics?by=province&format=csv'))).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const office = await blocks.token({ sub: 'pmo-hotline', roles: [ROLES.feedbackOffice] });
    const report = await api(feedback('/reports/cases?by=channel'), { token: office });
    expect(report.status).toBe(200);
    expect((report.json as unknown as { key: string }[]).map((r) => r.key)).toEqual(
      expect.arrayContaining(['open311', 'sms', 'operator']),
    );
    const citizen = await blocks.token({ sub: 'citizen-3', roles: ['citizen'] });
    expect((await api(feedback('/reports/cases'), { token: citizen })).status).toBe(403);
    expect((await api(feedback('/reports/cases'))).status).toBe(401);
    const overseer = await blocks.token({
      sub: 'moic-overseer',
      roles: [ROLES.registrationOverseer],
      ministry: 'MOIC',
    });
    expect((await api(feedback('/reports/ratings?by=month'), { token: overseer })).status).toBe(200);
    const backwards = await api(feedback('/statistics?from=2026-02-01&to=2026-01-01'));
    expect([backwards.status, backwards.contentType]).toEqual([
      400,
      expect.stringContaining('application/problem+json'),
    ]);
  });
});

describe('attachments over HTTP', () => {
  it("takes a photo's bytes with the case's PIN; refuses a disguised or an oversize file with problem+json", async () => {
    const submitted = await api(feedback('/cases'), { method: 'POST', body: complaint });
    const [number, pin] = [submitted.json.caseNumber as string, submitted.json.pin as string];
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(256, 1)]);
    const upload = (bytes: Buffer, type = 'image/png', query = `?pin=${pin}`) =>
      fetch(feedback(`/cases/${number}/attachments${query}`), {
        method: 'POST',
        headers: { 'content-type': type },
        body: bytes,
      });
    const added = await upload(png);
    expect(added.status).toBe(201);
    const { id, mediaType } = (await added.json()) as { id: string; mediaType: string };
    expect(mediaType).toBe('image/png');
    const back = await fetch(feedback(`/cases/${number}/attachments/${id}?pin=${pin}`));
    expect([back.status, back.headers.get('content-type'), back.headers.get('x-content-type-options')]).toEqual([
      200,
      'image/png',
      'nosniff',
    ]);
    expect(Buffer.from(await back.arrayBuffer()).equals(png)).toBe(true);
    const followed = await api(feedback(`/cases/${number}?pin=${pin}`));
    expect(followed.json.attachments).toEqual([expect.objectContaining({ id, addedBy: 'submitter' })]);
    // A script named as a picture, a file over 5 MB, no PIN.
    const disguised = await upload(Buffer.from('<svg onload="alert(1)"></svg>'));
    expect([disguised.status, ((await disguised.json()) as { code: string }).code]).toEqual([
      415,
      'FEEDBACK.UNSUPPORTED_ATTACHMENT',
    ]);
    const oversize = await upload(Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]));
    expect([oversize.status, oversize.headers.get('content-type')]).toEqual([
      413,
      expect.stringContaining('application/problem+json'),
    ]);
    expect((await upload(png, 'image/png', '')).status).toBe(404);
    expect((await fetch(feedback(`/cases/${number}/attachments/${id}`))).status).toBe(404);
    expect((await fetch(feedback(`/cases/${number}/attachments/not-an-id?pin=${pin}`))).status).toBe(400);
  });
});

describe("the hotline's stages run on the workflow block: queues, working-day deadlines, escalation", () => {
  type Task = { id: string; element_id: string; unit: string; state: string; due_at: Date };
  const tasksOf = (caseId: string) =>
    blocks.db.query<Task>(
      `SELECT id, element_id, unit, state, due_at FROM workflow.tasks WHERE business_key = $1 ORDER BY created_at, element_id`,
      [caseId],
    );
  const openTask = (caseId: string, elementId: string) =>
    waitFor(`the ${elementId} task`, async () => {
      const open = (await tasksOf(caseId)).filter((t) => t.element_id === elementId && t.state === 'open');
      return open.length === 1 ? open[0] : undefined;
    });

  it('each stage is a task in its office’s queue, moved by the case’s steps, escalated when its deadline passes', async () => {
    const office = await blocks.token({ sub: 'pmo-hotline', roles: [ROLES.feedbackOffice], unit: 'PMO' });
    const unit = await blocks.token({
      sub: 'mpwt-officer',
      roles: [ROLES.feedbackHandler],
      ministry: 'MPWT',
      unit: 'MPWT',
    });
    const submitted = await api(feedback('/cases'), { method: 'POST', body: complaint });
    const [number, pin] = [submitted.json.caseNumber as string, submitted.json.pin as string];
    const [{ id: caseId }] = await blocks.db.query<{ id: string }>(`SELECT id FROM feedback.cases WHERE number = $1`, [
      number,
    ]);
    // Triage: the Office's queue, due in 2 working days.
    const triage = await openTask(caseId, 'triage');
    expect(triage.unit).toBe('PMO');
    const days = (task: Task) => (new Date(task.due_at).getTime() - Date.now()) / 86_400_000;
    expect(days(triage)).toBeGreaterThan(1);
    expect(days(triage)).toBeLessThan(5);
    const step = async (token: string, name: string, body: object = {}) =>
      expect((await api(feedback(`/cases/${number}/${name}`), { method: 'POST', token, body })).status).toBe(200);
    await step(office, 'triage');
    await step(office, 'assign', { unit: 'MPWT', ministry: 'MPWT' });
    // Verification: the unit's queue, 15 working days; the triage task is done with.
    const verify = await openTask(caseId, 'verify');
    expect([verify.unit, days(verify) > 15]).toEqual(['MPWT', true]);
    expect((await tasksOf(caseId)).find((t) => t.id === triage.id)?.state).toBe('cancelled');
    const queue = await api(`${blocks.platform.urls.workflow}/tasks?limit=100`, { token: unit });
    expect(JSON.stringify(queue.json)).toContain(verify.id);
    // Nobody completes a hotline stage through the workflow API: the case's rules are the feedback block's.
    const completed = await api(`${blocks.platform.urls.workflow}/tasks/${verify.id}/complete`, {
      method: 'POST',
      token: unit,
      body: { outcome: 'complete' },
    });
    expect([completed.status, completed.json.code]).toEqual([409, 'WORKFLOW.MOVED_BY_EVENTS']);
    // Three working days before the deadline, the unit is warned; the case records it.
    const [warning] = await blocks.db.query<{ due_at: Date }>(
      `SELECT due_at FROM workflow.timers WHERE task_id = $1 AND kind = 'task-warning'`,
      [verify.id],
    );
    expect(new Date(warning.due_at).getTime()).toBeLessThan(new Date(verify.due_at).getTime() - 2 * 86_400_000);
    // A timer of the verification task made due now; then the case's history entries of `step`, once `count` are there.
    const fire = async (kind: string, step: string, count: number) => {
      await blocks.db.query(
        `UPDATE workflow.timers SET due_at = now() - interval '1 minute' WHERE task_id = $1 AND kind = $2 AND fired_at IS NULL`,
        [verify.id, kind],
      );
      return waitFor(`the case records ${count} ${step}`, async () => {
        const rows = await blocks.db.query<{ reason: string }>(
          `SELECT reason FROM feedback.case_history WHERE case_id = $1 AND step = $2 ORDER BY id`,
          [caseId, step],
        );
        return rows.length === count ? rows : undefined;
      });
    };
    const [warned] = await fire('task-warning', 'warn', 1);
    expect(warned.reason).toMatch(/^verification: due \d{4}-\d{2}-\d{2} at MPWT$/);
    const approaching = await blocks.db.query(
      `SELECT 1 FROM feedback.outbox WHERE event_type = 'la.gov.onedoor.feedback.case.deadline-approaching.v1' AND payload->>'caseId' = $1`,
      [caseId],
    );
    expect(approaching).toHaveLength(1);
    // The deadline passes: escalated to the unit's supervisors; the case records it.
    const [escalated] = await fire('task-deadline', 'escalate', 1);
    expect(escalated.reason).toMatch(/^verification: due \d{4}-\d{2}-\d{2} at MPWT, escalated to MPWT's supervisors$/);
    // Still open five working days later: on up the chain (the unit is the ministry itself, so to the Office).
    const [next] = await blocks.db.query<{ due_at: Date }>(
      `SELECT due_at FROM workflow.timers WHERE task_id = $1 AND kind = 'task-deadline' AND fired_at IS NULL`,
      [verify.id],
    );
    expect((new Date(next.due_at).getTime() - Date.now()) / 86_400_000).toBeGreaterThan(4);
    const chain = await fire('task-deadline', 'escalate', 2);
    expect(chain[1].reason).toMatch(/^verification: due \d{4}-\d{2}-\d{2} at MPWT, escalated to PMO's supervisors$/);
    const events = await blocks.db.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM feedback.outbox WHERE event_type = 'la.gov.onedoor.feedback.case.escalated.v1' AND payload->>'caseId' = $1 ORDER BY seq`,
      [caseId],
    );
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ stage: 'verification', office: 'MPWT', escalatedToOffice: 'MPWT', level: 1 }),
      expect.objectContaining({ stage: 'verification', office: 'MPWT', escalatedToOffice: 'PMO', level: 2 }),
    ]);
    // The top of the chain: nothing further.
    expect(
      await blocks.db.query(
        `SELECT 1 FROM workflow.timers WHERE task_id = $1 AND kind = 'task-deadline' AND fired_at IS NULL`,
        [verify.id],
      ),
    ).toEqual([]);
    // Asking the submitter stops the unit's clock; their answer starts a new verification task with its own days.
    await step(unit, 'startVerification');
    await step(unit, 'requestInformation', { reason: 'Which house?' });
    await waitFor(
      'the verification task ends while the submitter is asked',
      async () => (await tasksOf(caseId)).every((t) => t.state !== 'open') || undefined,
    );
    await api(feedback(`/cases/${number}/provideInformation`), { method: 'POST', body: { pin, reason: 'House 12' } });
    const again = await openTask(caseId, 'verify');
    expect(again.id).not.toBe(verify.id);
    await step(unit, 'recordFinding', { finding: 'UNFOUNDED', explanation: 'Planned works, announced a week before' });
    await step(unit, 'submitResponse');
    const review = await openTask(caseId, 'review');
    expect(review.unit).toBe('PMO');
    await step(office, 'acceptResponse');
    await waitFor(
      'the review task ends with the answer',
      async () => (await tasksOf(caseId)).every((t) => t.state !== 'open') || undefined,
    );
  });
});

describe("a hotline case's timeline across the blocks", () => {
  type Entry = { step: string; state: string; block: string; reason?: string; by?: string };

  it('holds its steps, the workflow’s deadlines and the messages to its submitter: whole for officers, reduced for the submitter', async () => {
    const office = await blocks.token({ sub: 'pmo-timeline', roles: [ROLES.feedbackOffice], unit: 'PMO' });
    const unit = await blocks.token({
      sub: 'mpwt-timeline',
      roles: [ROLES.feedbackHandler],
      ministry: 'MPWT',
      unit: 'MPWT',
    });
    const elsewhere = await blocks.token({
      sub: 'moh-timeline',
      roles: [ROLES.feedbackHandler],
      ministry: 'MOH',
      unit: 'MOH',
    });
    const submitted = await api(feedback('/cases'), {
      method: 'POST',
      body: { ...complaint, contactPhone: '+8562055517788', language: 'en' },
    });
    expect([submitted.status, submitted.json.detail]).toEqual([201, undefined]);
    const [number, pin] = [submitted.json.caseNumber as string, submitted.json.pin as string];
    const [{ id: caseId }] = await blocks.db.query<{ id: string }>(`SELECT id FROM feedback.cases WHERE number = $1`, [
      number,
    ]);
    const step = async (token: string | undefined, name: string, body: object = {}) =>
      expect((await api(feedback(`/cases/${number}/${name}`), { method: 'POST', token, body })).status).toBe(200);
    await step(office, 'triage');
    await step(office, 'assign', { unit: 'MPWT', ministry: 'MPWT' });
    await step(unit, 'startVerification');
    await step(unit, 'requestInformation', { reason: 'Which house is it?' });
    await step(undefined, 'provideInformation', { pin, reason: 'House 12, by the temple.' });
    await step(unit, 'recordFinding', { finding: 'UNFOUNDED', explanation: 'The supply was cut for repairs.' });
    await step(unit, 'submitResponse');
    await step(office, 'returnResponse', { reason: 'Name the repair crew’s report.' });
    const read = async (token?: string, query = '') => {
      const got = await api(feedback(`/cases/${number}${query}`), { token });
      return got.status === 200 ? (got.json.history as Entry[]) : got.status;
    };
    // The messaging block's messages to the submitter (received, asked for information) come back by their events.
    const whole = await waitFor(
      'the messages to the submitter reached the case’s timeline',
      async () => {
        const seen = await read(office);
        const messages = Array.isArray(seen) ? seen.filter((e) => e.block === 'messaging') : [];
        return messages.length >= 2 ? (seen as Entry[]) : undefined;
      },
      120_000,
    ); // behind whatever message events earlier suites left on the shared broker
    expect(whole.filter((e) => e.block === 'feedback').map((e) => e.step)).toEqual([
      'receive',
      'triage',
      'assign',
      'startVerification',
      'requestInformation',
      'provideInformation',
      'recordFinding',
      'submitResponse',
      'returnResponse',
    ]);
    const messages = whole.filter((e) => e.block === 'messaging');
    expect(messages.every((e) => /^message-(sent|delivered|failed)$/.test(e.step) && e.by === 'messaging')).toBe(true);
    expect(messages.map((e) => e.reason)).toEqual(
      expect.arrayContaining(['sms feedback.notice-received', 'sms feedback.notice-information-requested']),
    );
    expect(whole.find((e) => e.step === 'returnResponse')).toMatchObject({
      reason: 'Name the repair crew’s report.',
      by: 'pmo-timeline',
    });
    // The unit handling it reads the same; another ministry's unit does not know the case.
    expect(await read(unit)).toEqual(whole);
    expect(await read(elsewhere)).toBe(404);
    // The submitter, by number and PIN: the same entries without names, and only the reasons written to or by them.
    const reduced = await read(undefined, `?pin=${pin}`);
    const toSubmitter = (e: Entry) => e.block === 'feedback' || / feedback\.notice-/.test(e.reason ?? '');
    expect(Array.isArray(reduced) && reduced.map((e) => e.step)).toEqual(whole.filter(toSubmitter).map((e) => e.step));
    const entries = reduced as Entry[];
    expect(entries.some((e) => e.by !== undefined)).toBe(false);
    expect(
      Object.fromEntries(entries.filter((e) => e.reason && e.block === 'feedback').map((e) => [e.step, e.reason])),
    ).toEqual({
      requestInformation: 'Which house is it?',
      provideInformation: 'House 12, by the temple.',
    });
    expect(entries.filter((e) => e.block === 'messaging').every((e) => e.reason === 'sms')).toBe(true);
    expect(await read(undefined, '?pin=000000')).toBe(404);
    // Open311's notes are the case's own steps: no messages among them.
    const open311 = await api(feedback(`/open311/v2/requests/${number}.json?extensions=true&lang=en`));
    const [request] = open311.json as unknown as { extended_attributes: { notes: unknown[] } }[];
    expect(request.extended_attributes.notes).toHaveLength(9);
    // Every event of the case, in every block, carries its id as the correlation id.
    const correlated = await blocks.db.query<{ source: string }>(
      `SELECT DISTINCT split_part(event_type, '.', 4) AS source FROM (
         SELECT event_type, headers FROM feedback.outbox
         UNION ALL SELECT event_type, headers FROM workflow.outbox
         UNION ALL SELECT event_type, headers FROM messaging.outbox) events
       WHERE headers::jsonb ->> 'ce_correlationid' = $1`,
      [caseId],
    );
    expect(correlated.map((r) => r.source).sort()).toEqual(['feedback', 'messaging', 'workflow']);
  });
});
