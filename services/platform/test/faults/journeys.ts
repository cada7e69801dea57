import { SEED_OFFICES } from '../../src/seed/seed';
import { PDF, type OneDoorService } from '../journeys/one-door-application';
import type { HotlineDesk } from '../journeys/hotline-complaint';
import type { FaultClient, TokenSource } from './client';

/** A citizen enrolled and signed in before the faults begin. */
export interface Applicant {
  phone: string;
  email: string;
  token: TokenSource;
}

type TaskView = { taskId: string; office: string; state: string };
type ApplicationView = { status: { code: string }; tasks: TaskView[]; trackingCode?: string };

const held =
  (token: string): TokenSource =>
  async () =>
    token;

/**
 * The one-door application journey as the fault test runs it, every call a client's (an Idempotency-Key on each
 * write, retried through kills and restarts): the citizen applies with a document and submits; the district sends
 * it back with a reason; the citizen corrects and resubmits; district, province and ministry approve in turn; the
 * citizen downloads the certificate and rates the service. Each officer acts on the task the application shows at
 * their office. Answers the application's id and tracking code once it is approved and rated.
 */
export async function applicationUnderFaults(
  client: FaultClient,
  service: OneDoorService,
  citizen: Applicant,
  id: string,
): Promise<{ applicationId: string; trackingCode: string }> {
  const { district, province, ministry } = service.officers;
  const me = citizen.token;
  const draft = await client.call('registration', 'POST', '/services/import-licence/applications', `${id}-draft`, {
    token: me,
    json: { formData: { data: { companyName: `ບໍລິສັດ ${id}`, goods: 'ເຄື່ອງຈັກກະສິກຳ' } }, draft: true },
  });
  const applicationId = draft.fileId as string;
  const application = `/applications/${applicationId}`;
  await client.call('registration', 'POST', `${application}/documents?type=invoice`, `${id}-invoice`, {
    token: me,
    bytes: { type: 'application/pdf', body: PDF },
  });
  const submitted = await client.call('registration', 'PUT', application, `${id}-submit`, {
    token: me,
    json: { formData: { data: {} }, submit: true },
  });
  const trackingCode = submitted.trackingCode as string;

  /** The open task at `office`, as the application shows it to its applicant; not one already done. */
  const done = new Set<string>();
  const taskAt = (office: string) =>
    client.until(
      'registration',
      application,
      me,
      (seen) =>
        (seen as unknown as ApplicationView).tasks.find(
          (t) => t.office === office && t.state !== 'completed' && !done.has(t.taskId),
        )?.taskId,
    );
  const statusIs = (code: string) =>
    client.until('registration', application, me, (seen) =>
      (seen as unknown as ApplicationView).status.code === code ? true : undefined,
    );
  const complete = async (officer: string, office: string, step: string, data: Record<string, string>) => {
    const taskId = await taskAt(office);
    await client.call('registration', 'POST', `/tasks/${taskId}/complete`, `${id}-${step}`, {
      token: held(officer),
      json: { data },
    });
    done.add(taskId);
  };

  await complete(district, SEED_OFFICES.district, 'send-back', {
    outcome: 'sendback',
    comment: 'ກະລຸນາລະບຸຊື່ສິນຄ້າໃຫ້ຊັດເຈນ (Name the goods precisely)',
  });
  await statusIs('SENDBACK');
  await client.call('registration', 'PUT', application, `${id}-resubmit`, {
    token: me,
    json: { formData: { data: { goods: 'ລົດໄຖນາ 2 ຄັນ' } }, submit: true },
  });
  await complete(district, SEED_OFFICES.district, 'district', { outcome: 'approve' });
  await complete(province, SEED_OFFICES.province, 'province', { outcome: 'approve' });
  await complete(ministry, SEED_OFFICES.ministry, 'ministry', { outcome: 'approve' });
  await statusIs('APPROVED');
  await client.call('registration', 'GET', `${application}/certificate`, undefined, { token: me });
  // Taken once the feedback block has heard of the decision (until then, 404: nothing to rate).
  await client.call('feedback', 'POST', '/ratings', `${id}-rating`, {
    token: me,
    json: { applicationId, score: 5, comment: 'ໄວ ແລະ ງ່າຍ' },
    notYet: [404],
  });
  return { applicationId, trackingCode };
}

/**
 * The hotline complaint journey as the fault test runs it: an anonymous complaint through a civic app (Open311)
 * with the complainant's phone; the Prime Minister's Office triages it and routes it to the unit; the unit verifies,
 * finds it founded and records what it did; the Office accepts the response, publishes the answer and closes the
 * case; the complainant follows it by number and PIN and reads the answer. Answers the case's number once closed.
 */
export async function complaintUnderFaults(
  client: FaultClient,
  desk: HotlineDesk,
  apiKey: string,
  phone: string,
  id: string,
): Promise<{ caseNumber: string }> {
  const form = new URLSearchParams({
    api_key: apiKey,
    service_code: 'water-supply',
    address_id: '0101',
    description: `ນ້ຳປະປາບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ (${id})`,
    phone,
  });
  const created = (await client.call('feedback', 'POST', '/open311/v2/requests.json', `${id}-open311`, {
    form: form.toString(),
  })) as unknown as { service_request_id: string; service_notice: string }[];
  const caseNumber = created[0].service_request_id;
  const pin = /PIN (\d{6})/.exec(created[0].service_notice)![1];
  const office = held(desk.office);
  const unit = held(desk.unit);
  const step = (name: string, by: TokenSource, input: object = {}) =>
    client.call('feedback', 'POST', `/cases/${caseNumber}/${name}`, `${id}-${name}`, { token: by, json: input });
  const actions = [
    { description: 'ສ້ອມແປງທໍ່ນ້ຳ (Repaired the main pipe)', evidence: `Work order ${id}`, completedAt: '2026-11-27' },
  ];
  await step('triage', office);
  await step('assign', office, { unit: desk.unitCode, ministry: 'MPWT' });
  await step('startVerification', unit);
  await step('recordFinding', unit, { finding: 'FOUNDED', actions });
  await step('submitResponse', unit, { finding: 'FOUNDED', actions });
  await step('acceptResponse', office);
  await step('publish', office, {
    summary: {
      questionLo: 'ນ້ຳປະປາບໍ່ໄຫຼມາ 3 ມື້',
      answerLo: 'ທໍ່ນ້ຳໄດ້ຮັບການສ້ອມແປງແລ້ວ ແລະ ນ້ຳໄຫຼປົກກະຕິ',
      questionEn: 'No tap water for 3 days',
      answerEn: 'The main pipe was repaired.',
    },
  });
  await step('close', office);
  await client.until('feedback', `/cases/${caseNumber}?pin=${pin}`, undefined, (seen) =>
    seen.state === 'CLOSED' && seen.answer ? true : undefined,
  );
  return { caseNumber };
}
