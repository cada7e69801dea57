import { createHmac } from 'node:crypto';
import { api, waitFor } from '@onedoor/testing';
import { Open311Client } from '../open311-client';
import {
  expectStatus,
  onboardStaff,
  operatorToken,
  RelyingParty,
  registerClient,
  serviceToken,
  type StaffAccount,
} from './people';
import { SMS_INBOUND_SECRET, type Reach } from './platform';

const OPEN311_PHONE = '+8562055588101';
const SMS_PHONE = '+8562077788202';
const UNIT = 'MPWT-VTE';

type Entry = { step: string; block: string; by?: string; reason?: string };

export interface HotlineDesk {
  /** The Prime Minister's Office's hotline officer, signed in. */
  office: string;
  /** The province unit's complaints officer, signed in. */
  unit: string;
  /** The unit's code. */
  unitCode: string;
  /** The two officers' accounts, to sign in again in a browser. */
  accounts: { office: StaffAccount; unit: StaffAccount };
  /** The personnel office's client (identity.hr), for more staff. */
  hr: string;
}

/** The unit in the register, the personnel office's client, and the hotline's two officers signed in. */
export async function openHotlineDesk(p: Reach): Promise<HotlineDesk> {
  p.step('register: the unit, HR, the officers');
  const operator = await operatorToken(p);
  expectStatus(
    await api(`${p.urls.identity}/organisations/${UNIT}`, {
      method: 'PUT',
      token: operator,
      body: {
        kind: 'department',
        parentCode: 'MPWT',
        nameLo: 'ພະແນກໂຍທາທິການ ແລະ ຂົນສົ່ງ ນະຄອນຫຼວງ',
        nameEn: 'Vientiane Capital Department of Public Works and Transport',
      },
    }),
    200,
  );
  const hrSecret = await registerClient(p, {
    clientId: 'hotline-hr',
    clientName: 'Personnel office for the hotline',
    redirectUris: [],
    grantTypes: ['client_credentials'],
    clientAuthMethods: ['client_secret_basic'],
    roles: ['identity.hr', 'identity.registrar'],
  });
  const hr = await serviceToken(p, 'hotline-hr', hrSecret);
  const desk = await RelyingParty.register(p, 'hotline-desk', 'Hotline case desk');
  const [officeAccount, unitAccount] = await Promise.all([
    onboardStaff(p, hr, {
      givenName: 'ສຸກສະຫວັນ',
      email: 'hotline@pmo.gov.la',
      employeeNumber: 'PMO-001516',
      posting: { ministryCode: 'PMO', provinceCode: '01', level: 'central' },
      roles: ['feedback.office'],
    }),
    onboardStaff(p, hr, {
      givenName: 'ພອນສະຫວັນ',
      email: 'complaints@mpwt-vte.gov.la',
      employeeNumber: 'MPWT-000777',
      posting: { ministryCode: 'MPWT', departmentCode: UNIT, provinceCode: '01', level: 'province' },
      roles: ['feedback.handler'],
    }),
  ]);
  const [office, unit] = await Promise.all([desk.staff(officeAccount), desk.staff(unitAccount)]);

  return { office, unit, unitCode: UNIT, accounts: { office: officeAccount, unit: unitAccount }, hr };
}

/**
 * Journey 2, a hotline complaint, as each of its users sees it: an anonymous complaint through a civic app
 * (Open311) and a similar one by SMS to 1516; the Prime Minister's Office merges them and routes the case to a
 * province unit, which asks the complainant for information (its clock stops), finds the complaint founded and
 * records what it did; the Office returns the response once, then accepts it and publishes the answer without
 * personal data; both complainants follow the case by number and PIN and are told; the answer is in the public
 * search.
 */
export async function hotlineComplaint(p: Reach) {
  const feedback = (route: string, token?: string, init: { method?: string; body?: unknown } = {}) =>
    api(`${p.urls.feedback}${route}`, {
      ...init,
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      token,
    });

  p.step('the hotline desk: the unit, its officers');
  const { office, unit } = await openHotlineDesk(p);

  p.step('an anonymous complaint through Open311');
  const key = expectStatus(await feedback('/open311/keys', office, { body: { name: 'Vientiane city app' } }), 201);
  const open311 = await Open311Client.discover(`${p.urls.feedback}/open311/discovery.xml`);
  const created = await open311.create('json', {
    api_key: key.json.apiKey as string,
    service_code: 'water-supply',
    address_id: '0101',
    description: 'ນ້ຳປະປາບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ ຢູ່ບ້ານໂພນໄຊ ໃກ້ໂຮງຮຽນ',
    phone: OPEN311_PHONE,
  });
  expect(created.status).toBe(200);
  const [request] = created.body as { service_request_id: string; service_notice: string }[];
  const first = { number: request.service_request_id, pin: /PIN (\d{6})/.exec(request.service_notice)![1] };
  // The complainant is told by SMS, in Lao, with the case number.
  const received = await p.smsTo(OPEN311_PHONE, (t) => t.includes(first.number), 'the case received');
  expect(received).toMatch(/[\u0E80-\u0EFF]/);

  p.step('a similar complaint by SMS to 1516');
  const body = JSON.stringify({
    messageId: `gw-${Date.now()}`,
    from: SMS_PHONE,
    text: 'ຮ້ອງທຸກ ນ້ຳປະປາ #0101 ນ້ຳປະປາບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ ບ້ານໂພນໄຊ',
  });
  const inbound = await api(`${p.urls.feedback}/sms/inbound`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-onedoor-signature': `sha256=${createHmac('sha256', SMS_INBOUND_SECRET).update(body).digest('hex')}`,
    },
  });
  expectStatus(inbound, 200);
  const second = {
    number: inbound.json.caseNumber as string,
    pin: /PIN (\d{6})/.exec(inbound.json.reply as string)![1],
  };

  p.step('triage: likely duplicates, merge, route to the province unit');
  const duplicates = await feedback(`/cases/${second.number}/duplicates`, office);
  expect(JSON.stringify(duplicates.json)).toContain(first.number);
  const step = async (number: string, name: string, token: string | undefined, input: object = {}) =>
    expectStatus(await feedback(`/cases/${number}/${name}`, token, { body: input }), 200);
  await step(second.number, 'merge', office, { into: first.number });
  await p.smsTo(SMS_PHONE, (t) => t.includes(first.number), "told of the master case's number");
  await step(first.number, 'triage', office);
  await step(first.number, 'assign', office, { unit: UNIT, ministry: 'MPWT' });
  // Another ministry's unit would not know the case; this unit finds it in its own list and its workflow queue.
  const listed = await feedback('/cases', unit);
  expect(JSON.stringify(listed.json)).toContain(first.number);
  const openTasks = async () => {
    const queue = await api(`${p.urls.workflow}/tasks?limit=100`, { token: unit });
    // The unit's only case in this journey: its stage's task, open.
    return ((queue.json.items ?? []) as { elementId: string; state: string }[]).filter(
      (t) => t.elementId === 'verify' && t.state === 'open',
    );
  };
  await waitFor('the verification task in the unit’s queue', async () => {
    if ((await openTasks()).length) return true;
    const queue = await api(`${p.urls.workflow}/tasks?limit=100`, { token: unit });
    throw new Error(`queue ${queue.status} ${queue.text.slice(0, 400)}`);
  });

  p.step('the unit asks for information; the clock stops');
  await step(first.number, 'startVerification', unit);
  const question = 'ບ້ານເລກທີເທົ່າໃດ? (Which house number?)';
  await step(first.number, 'requestInformation', unit, { reason: question });
  await waitFor('no open task while the complainant is asked', async () =>
    (await openTasks()).length === 0 ? true : undefined,
  );
  await p.smsTo(OPEN311_PHONE, (t) => t.includes('ບ້ານເລກທີ'), 'the question');
  await step(first.number, 'provideInformation', undefined, { pin: first.pin, reason: 'ເຮືອນເລກທີ 12' });
  await waitFor('the clock runs again', async () => ((await openTasks()).length ? true : undefined));

  p.step('founded, corrective actions, returned once, accepted');
  const actions = [
    {
      description: 'ສ້ອມແປງທໍ່ນ້ຳ ບ້ານໂພນໄຊ (Repaired the main pipe)',
      evidence: 'Work order NPV-2026-118',
      completedAt: '2026-11-27',
    },
  ];
  await step(first.number, 'recordFinding', unit, { finding: 'FOUNDED', actions });
  await step(first.number, 'submitResponse', unit, { finding: 'FOUNDED', actions });
  const returned = 'ກະລຸນາຕິດຄັດໃບສັ່ງວຽກ (Attach the work order)';
  await step(first.number, 'returnResponse', office, { reason: returned });
  await step(first.number, 'recordFinding', unit, { finding: 'FOUNDED', actions });
  await step(first.number, 'submitResponse', unit, { finding: 'FOUNDED', actions });
  await step(first.number, 'acceptResponse', office);

  p.step('publication without personal data');
  const draft = {
    questionLo: 'ນ້ຳປະປາບໍ່ໄຫຼມາ 3 ມື້ ຢູ່ບ້ານໂພນໄຊ',
    answerLo: `ທໍ່ນ້ຳໄດ້ຮັບການສ້ອມແປງແລ້ວ. ຕິດຕໍ່ ${OPEN311_PHONE}`,
    questionEn: 'No tap water for 3 days in Ban Phonxay',
    answerEn: 'The main pipe was repaired.',
  };
  const checked = expectStatus(
    await feedback(`/cases/${first.number}/summary`, unit, { method: 'PUT', body: draft }),
    200,
  );
  expect(JSON.stringify(checked.json.personalData)).toContain('phone');
  const refused = await feedback(`/cases/${first.number}/publish`, office, { body: {} });
  expect(refused.status).toBe(422);
  const approved = { ...draft, answerLo: 'ທໍ່ນ້ຳໄດ້ຮັບການສ້ອມແປງແລ້ວ ແລະ ນ້ຳໄຫຼປົກກະຕິ' };
  await step(first.number, 'publish', office, { summary: approved });

  p.step('both complainants follow it and are told');
  for (const [who, phone] of [
    [first, OPEN311_PHONE],
    [second, SMS_PHONE],
  ] as const) {
    const seen = expectStatus(await feedback(`/cases/${who.number}?pin=${who.pin}`), 200);
    const answer = (seen.json.answer ?? (seen.json.mergedInto as { answer?: object } | undefined)?.answer) as object;
    expect(answer).toMatchObject({ answerLo: approved.answerLo });
    await p.smsTo(phone, (t) => t.includes(first.number) && t !== received, 'told of the answer');
    expect((await feedback(`/cases/${who.number}?pin=000000`)).status).toBe(404);
  }

  p.step('the public search');
  const found = await waitFor('the answer in the public search', async () => {
    const answers = await feedback(`/answers?q=${encodeURIComponent('ນ້ຳປະປາ')}`);
    return JSON.stringify(answers.json).includes('ນ້ຳໄຫຼປົກກະຕິ') ? answers : undefined;
  });
  expect(JSON.stringify(found.json)).not.toContain(OPEN311_PHONE);
  expect(JSON.stringify(found.json)).not.toContain(SMS_PHONE.slice(4));

  p.step('one timeline: whole for the officers, reduced for the complainant');
  const whole = await waitFor('the messages in the case’s timeline', async () => {
    const history = ((await feedback(`/cases/${first.number}`, office)).json.history ?? []) as Entry[];
    // Received, asked for information, answered: each SMS to the complainant, back from the messaging block.
    return history.filter((e) => e.block === 'messaging' && e.step === 'message-sent').length >= 3
      ? history
      : undefined;
  });
  expect(whole.filter((e) => e.block === 'feedback').map((e) => e.step)).toEqual(
    expect.arrayContaining(['receive', 'triage', 'assign', 'requestInformation', 'returnResponse', 'publish']),
  );
  expect(whole.find((e) => e.step === 'returnResponse')).toMatchObject({ reason: returned });
  const reduced = ((await feedback(`/cases/${first.number}?pin=${first.pin}`)).json.history ?? []) as Entry[];
  expect(reduced.some((e) => e.by !== undefined)).toBe(false);
  expect(reduced.find((e) => e.step === 'returnResponse')?.reason).toBeUndefined();
  expect(reduced.find((e) => e.step === 'requestInformation')).toMatchObject({ reason: question });
}
