/**
 * The government hotline over HTTP with the five blocks on the real broker and database: what the feedback block
 * learns from the identity block (places, offices), and the hotline's channels as their users reach them.
 */
import { ROLES } from '@onedoor/contracts';
import { api, waitFor } from '@onedoor/testing';
import { startAllBlocks, type AllBlocks } from './all-blocks';

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
