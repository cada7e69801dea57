import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compactVerify, createLocalJWKSet } from 'jose';
import { api, waitFor } from '@onedoor/testing';
import { IMPORT_LICENCE, SEED_CITIZEN, SEED_OFFICES } from '../../src/seed/seed';
import {
  expectStatus,
  onboardStaff,
  operatorToken,
  RelyingParty,
  registerClient,
  serviceToken,
  type StaffAccount,
} from './people';
import type { Reach } from './platform';

const CITIZEN = { phone: SEED_CITIZEN.phone, email: SEED_CITIZEN.email };
export const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const OFFICES = SEED_OFFICES;

const GIVEN_NAMES: Record<string, string> = { '1': 'ວັນນາ', '2': 'ສົມສັກ', '3': 'ຄຳແສງ', '4': 'ນາງ ດາລາ' };

type Task = { taskId: string; trackingCode?: string };

/** A block's API as its user calls it: GET, or POST when there is a body, unless told. */
const blockApi =
  (p: Reach) =>
  (block: string, route: string, token?: string, init: { method?: string; body?: unknown } = {}) =>
    api(`${p.urls[block]}${route}`, {
      ...init,
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      token,
    });

export interface OneDoorService {
  /** The ministry's personnel office (a service client): enrols people. */
  hr: string;
  /** The one-door portal, signing citizens in. */
  portal: RelyingParty;
  /** Signed-in staff: the ministry's administrator and the three offices' officers. */
  officers: { admin: string; district: string; province: string; ministry: string };
  /** Their accounts (employee number, password, authenticator seed), to sign in again in a browser. */
  accounts: { admin: StaffAccount; district: StaffAccount; province: StaffAccount; ministry: StaffAccount };
}

/**
 * What a ministry sets up before its citizens apply: the offices in the register, the personnel office's and the
 * apps' clients, staff accounts with an authenticator (signed in), and the import licence published (process,
 * routing table, catalogue entry with its eForm).
 */
export async function publishOneDoorService(p: Reach): Promise<OneDoorService> {
  const at = blockApi(p);

  p.step('register: offices, clients');
  // The platform team: the ministry's offices in the register, HR's and the apps' clients.
  const operator = await operatorToken(p);
  for (const [code, parentCode, en] of [
    [OFFICES.province, 'MOIC', 'Vientiane Capital Department of Industry and Commerce'],
    [OFFICES.district, 'MOIC', 'Chanthabouly District Office of Industry and Commerce'],
    [OFFICES.ministry, 'MOIC', 'Department of Import and Export'],
  ]) {
    const saved = await at('identity', `/organisations/${code}`, operator, {
      method: 'PUT',
      body: { kind: 'department', parentCode, nameLo: code, nameEn: en },
    });
    expectStatus(saved, 200);
  }
  const hrSecret = await registerClient(p, {
    clientId: 'moic-hr',
    clientName: 'MOIC personnel office',
    redirectUris: [],
    grantTypes: ['client_credentials'],
    clientAuthMethods: ['client_secret_basic'],
    roles: ['identity.hr', 'identity.registrar'],
  });
  const hr = await serviceToken(p, 'moic-hr', hrSecret);
  const portal = await RelyingParty.register(p, 'one-door-portal', 'One-door service portal');
  const workspace = await RelyingParty.register(p, 'one-door-workspace', "Officers' workspace");

  p.step('staff accounts');
  // The ministry's administrator and the three offices' officers: staff accounts with an authenticator.
  const staff = async (employeeNumber: string, email: string, posting: object, roles: string[]) => {
    const account = await onboardStaff(p, hr, {
      givenName: GIVEN_NAMES[employeeNumber.slice(-3, -2)],
      email,
      employeeNumber,
      posting: posting as never,
      roles,
    });
    return { account, token: await workspace.staff(account) };
  };
  const officerRoles = ['registration.officer', 'registration.reviewer'];
  const [admin, district, province, ministry] = await Promise.all([
    staff('MOIC-000101', 'admin@moic.gov.la', { ministryCode: 'MOIC', provinceCode: '01', level: 'central' }, [
      'registration.admin',
      'workflow.admin',
    ]),
    staff(
      'MOIC-000201',
      'district@moic.gov.la',
      { ministryCode: 'MOIC', departmentCode: OFFICES.district, provinceCode: '01', level: 'district' },
      officerRoles,
    ),
    staff(
      'MOIC-000301',
      'province@moic.gov.la',
      { ministryCode: 'MOIC', departmentCode: OFFICES.province, provinceCode: '01', level: 'province' },
      officerRoles,
    ),
    staff(
      'MOIC-000401',
      'ministry@moic.gov.la',
      { ministryCode: 'MOIC', departmentCode: OFFICES.ministry, provinceCode: '01', level: 'central' },
      officerRoles,
    ),
  ]);

  p.step('publish the service');
  // The administrator publishes the service: process, routing table, catalogue entry with its eForm.
  const bpmn = readFileSync(path.join(__dirname, '../../../workflow/examples/import-licence.bpmn'), 'utf8');
  expectStatus(await at('workflow', '/processes', admin.token, { body: { bpmn } }), 201);
  for (const [id, rule] of [
    ['import-licence-0101', { category: 'import-licence', province: '01', district: '0101', unit: OFFICES.district }],
    ['import-licence-province-01', { category: 'import-licence-province', province: '01', unit: OFFICES.province }],
    ['import-licence-ministry', { category: 'import-licence-ministry', unit: OFFICES.ministry }],
  ] as const) {
    expectStatus(await at('workflow', `/routing-rules/${id}`, admin.token, { method: 'PUT', body: rule }), 200);
  }
  const service = IMPORT_LICENCE; // the same definition the seed data publishes
  // A service names a process the workflow block announced: the registration block learns it from its event.
  const published = await waitFor('the catalogue takes the service', async () => {
    const answer = await at('registration', '/services', admin.token, { body: service });
    if (answer.status !== 201) throw new Error(`${answer.status} ${answer.text}`);
    return answer;
  });
  expect(published.json).toMatchObject({ code: 'import-licence' });
  const catalogue = await at('registration', '/services/import-licence');
  expect(catalogue.json).toMatchObject({ names: { lo: 'ໃບອະນຸຍາດນຳເຂົ້າ' }, documents: [{ type: 'invoice' }] });

  return {
    hr,
    portal,
    officers: { admin: admin.token, district: district.token, province: province.token, ministry: ministry.token },
    accounts: {
      admin: admin.account,
      district: district.account,
      province: province.account,
      ministry: ministry.account,
    },
  };
}

/**
 * Journey 1, a one-door service centre application, every step as its user sees it: a ministry's administrator
 * publishes a service whose process goes through district, province and ministry offices; a citizen signs in with
 * an SMS code, applies with a document and is told the tracking code; each office's officer signs in with an
 * authenticator and works the task in their own queue (the district sends it back once); the citizen corrects
 * it, is told of every status change, follows it by tracking code, downloads the certificate and rates the service.
 */
export async function oneDoorApplication(p: Reach) {
  const at = blockApi(p);

  p.step('the ministry publishes the service');
  const { hr, portal, officers } = await publishOneDoorService(p);
  const { district, province, ministry } = officers;

  p.step('enrol the citizen');
  // The citizen, enrolled at a registration office: phone and e-mail, Lao.
  const enrolled = await at('identity', '/persons', hr, { body: SEED_CITIZEN });
  expectStatus(enrolled, 201);
  const uin = enrolled.json.uin as string;

  p.step('citizen signs in and applies');
  // The citizen signs in (UIN, then the code sent to their phone), applies with a document.
  const citizen = await portal.citizen(uin, CITIZEN.phone);
  const draft = await at('registration', '/services/import-licence/applications', citizen, {
    body: { formData: { data: { companyName: 'ບໍລິສັດ ບຸນມີ ການຄ້າ', goods: 'ເຄື່ອງຈັກກະສິກຳ' } }, draft: true },
  });
  expect(draft.json).toMatchObject({ status: { code: 'DRAFT' }, formData: { data: { ownerName: 'ບຸນມີ ແສງສຸລິນ' } } });
  const id = draft.json.fileId as string;
  const attached = await fetch(`${p.urls.registration}/applications/${id}/documents?type=invoice`, {
    method: 'POST',
    headers: { authorization: `Bearer ${citizen}`, 'content-type': 'application/pdf' },
    body: PDF,
  });
  expect(attached.status).toBe(201);
  const submitted = await at('registration', `/applications/${id}`, citizen, {
    method: 'PUT',
    body: { formData: { data: {} }, submit: true },
  });
  expect(submitted.json.status).toMatchObject({ code: 'PENDING' });
  const trackingCode = submitted.json.trackingCode as string;
  p.step('tracking code by SMS');
  // The tracking code reaches the citizen's phone, in Lao.
  const told = await p.smsTo(CITIZEN.phone, (t) => t.includes(trackingCode), 'the tracking code');
  expect(told).toContain('ຄຳຮ້ອງ');
  // Each status change (below) reaches the citizen by SMS and by e-mail, in Lao.
  const toldBoth = async (words: string, what: string) => {
    await p.smsTo(CITIZEN.phone, (t) => t.includes(trackingCode) && t.includes(words), `${what} by SMS`);
    const mail = await p.mailTo(
      CITIZEN.email,
      (m) => m.text.includes(trackingCode) && m.text.includes(words),
      `${what} by e-mail`,
    );
    expect(mail.subject).toBe(`ຄຳຮ້ອງ ${trackingCode}`);
  };

  p.step('district queue');
  // Each office sees the task in its own queue only.
  const queue = (token: string) => at('registration', '/tasks', token).then((r) => (r.json.items ?? []) as Task[]);
  const taskAt = (token: string, office: string) =>
    waitFor(`the task in the ${office} queue`, async () =>
      (await queue(token)).find((t) => t.trackingCode === trackingCode),
    );
  const complete = (token: string, task: Task, data: Record<string, string>) =>
    at('registration', `/tasks/${task.taskId}/complete`, token, { body: { data } });
  const first = await taskAt(district, 'district');
  for (const other of [province, ministry]) {
    expect((await queue(other)).some((t) => t.trackingCode === trackingCode)).toBe(false);
    expectStatus(await at('registration', `/tasks/${first.taskId}`, other), 404);
  }

  p.step('send back and correct');
  // The district sends it back once, with a reason the citizen reads; the citizen corrects and resubmits.
  const reason = 'ກະລຸນາລະບຸຊື່ສິນຄ້າໃຫ້ຊັດເຈນ (Name the goods precisely)';
  expectStatus(await complete(district, first, { outcome: 'sendback', comment: reason }), 200);
  const sentBack = await waitFor('the citizen reads the reason', async () => {
    const seen = await at('registration', `/applications/${id}`, citizen);
    return seen.json.status && (seen.json.status as { code: string }).code === 'SENDBACK' ? seen : undefined;
  });
  expect(sentBack.json.status).toMatchObject({ reason });
  await toldBoth('ແກ້ໄຂ', 'sent back');
  const resubmitted = await at('registration', `/applications/${id}`, citizen, {
    method: 'PUT',
    body: { formData: { data: { goods: 'ລົດໄຖນາ 2 ຄັນ' } }, submit: true },
  });
  expect(resubmitted.json.status).toMatchObject({ code: 'PENDING' });

  p.step('three offices approve');
  // District, province, ministry: each approves in turn, from its own queue.
  const again = await waitFor('the corrected application back at the district', async () => {
    const task = await taskAt(district, 'district');
    return task.taskId !== first.taskId ? task : undefined;
  });
  expectStatus(await complete(district, again, { outcome: 'approve' }), 200);
  const atProvince = await taskAt(province, 'province');
  expect((await queue(district)).some((t) => t.trackingCode === trackingCode)).toBe(false);
  expectStatus(await complete(province, atProvince, { outcome: 'approve' }), 200);
  const atMinistry = await taskAt(ministry, 'ministry');
  expectStatus(await complete(ministry, atMinistry, { outcome: 'approve' }), 200);
  await toldBoth('ອະນຸມັດແລ້ວ', 'approved');

  p.step('tracking');
  // Tracking by code, without signing in: status and history, no names.
  const tracked = await at('registration', `/tracking/${trackingCode}?phone=${CITIZEN.phone.slice(-4)}`);
  expect(tracked.json).toMatchObject({ trackingCode, status: 'APPROVED', service: { en: 'Import licence' } });
  expect((tracked.json.history as { status: string }[]).map((h) => h.status)).toEqual(
    expect.arrayContaining(['PENDING', 'SENDBACK', 'APPROVED']),
  );

  p.step('certificate');
  // The certificate, verified offline with the published key alone.
  const certificate = await at('registration', `/applications/${id}/certificate`, citizen);
  expectStatus(certificate, 200);
  const keys = await at('registration', '/certificates/jwks.json');
  const { payload } = await compactVerify(certificate.json.credential as string, createLocalJWKSet(keys.json as never));
  expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({ jti: id, svc: 'import-licence', min: 'MOIC' });

  p.step('rating');
  // The rating: taken once the feedback block has heard of the decision.
  const rated = await waitFor('the rating taken', async () => {
    const answer = await at('feedback', '/ratings', citizen, {
      body: { applicationId: id, score: 5, comment: 'ໄວ ແລະ ງ່າຍ' },
    });
    return answer.status === 201 ? answer : undefined;
  });
  expect(rated.json).toMatchObject({ score: 5 });

  p.step('timeline');
  // One timeline across the blocks: tasks at each office, the messages to the citizen, the rating.
  const timeline = await waitFor('the timeline holds the messages and the rating', async () => {
    const seen = await at('registration', `/applications/${id}`, citizen);
    const history = (seen.json.history ?? []) as { action: string; status?: string }[];
    return history.some((h) => h.action === 'rated') && history.some((h) => h.action === 'message-sent')
      ? history
      : undefined;
  });
  expect(timeline.map((h) => h.action)).toEqual(
    expect.arrayContaining(['submitted', 'routed', 'status-changed', 'resubmitted', 'message-sent', 'rated']),
  );
  return { applicationId: id, trackingCode, officers: { district, province, ministry } };
}
