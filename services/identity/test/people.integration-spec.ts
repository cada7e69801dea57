import { randomUUID } from 'node:crypto';
import {
  CivilServantAssigned,
  PersonDeactivated,
  PersonEnrolled,
  PersonUpdated,
  type CivilServantAssignedPayload,
  type PersonEnrolledPayload,
  type PersonStatusPayload,
  type PersonUpdatedPayload,
} from '@onedoor/contracts';
import { api } from '@onedoor/testing';
import { hasValidVerhoeffCheckDigit } from '../src';
import { totp } from '../src/domain/totp';
import { startIdentity, type IdentityUnderTest } from './identity-harness';

let identity: IdentityUnderTest;
let registrar: string; // national registrar
let registrarLuangPrabang: string;
let auditor: string;

function person(overrides: Record<string, unknown> = {}) {
  const unique = randomUUID().slice(0, 6);
  return {
    givenNameLo: 'ສົມພອນ',
    familyNameLo: `ພົມມະວົງ${unique.replace(/[^0-9]/g, '').length}`,
    givenNameEn: 'Somphone',
    familyNameEn: `Phommavong ${unique.replace(/[0-9]/g, 'x')}`,
    dateOfBirth: `19${10 + Math.floor(Math.random() * 89)}-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`,
    sex: 'F',
    address: { provinceCode: '01', districtCode: '0101' },
    phone: `020 ${Math.floor(10_000_000 + Math.random() * 89_999_999)}`,
    preferredLanguage: 'lo',
    ...overrides,
  };
}

async function count(table: string): Promise<number> {
  const [row] = await identity.db.query<{ count: string }>(`SELECT count(*) FROM identity.${table}`);
  return Number(row.count);
}

beforeAll(async () => {
  identity = await startIdentity();
  registrar = await identity.token({ sub: 'registrar-national', roles: ['identity.registrar'] });
  registrarLuangPrabang = await identity.token({ sub: 'registrar-lpb', roles: ['identity.registrar'], province: '06' });
  auditor = await identity.token({ sub: 'auditor-1', roles: ['identity.auditor'] });
});
afterAll(async () => {
  await identity?.close();
});

describe('a fresh OpenID provider', () => {
  // First in this file: nothing has called the provider yet, so this request is the one that starts it.
  it('registers a service client before anyone has signed in', async () => {
    const operator = await identity.token({ sub: 'operator', roles: ['platform.operator'] });
    const created = await api(`${identity.url}/client-mgmt/oidc-client`, {
      method: 'POST',
      token: operator,
      body: {
        request: {
          clientId: 'first-client',
          clientName: 'Registered before any sign-in',
          redirectUris: [],
          grantTypes: ['client_credentials'],
          clientAuthMethods: ['client_secret_basic'],
          roles: ['workflow.starter'],
        },
      },
    });
    expect(created.status).toBe(201);
    expect((created.json.response as { clientId: string }).clientId).toBe('first-client');
  });
});

describe('enrolment', () => {
  it('enrols a person with a valid, unique UIN and publishes person.enrolled', async () => {
    const body = person({ givenNameLo: '  ສົມພອນ  ', phone: '020 5551 2345' });
    const created = await api(`${identity.url}/persons`, { method: 'POST', token: registrar, body });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ givenNameLo: 'ສົມພອນ', phone: '+8562055512345', status: 'ACTIVE', version: 1 });
    const uin = created.json.uin as string;
    expect(uin).toMatch(/^[2-9]\d{9}$/);
    expect(hasValidVerhoeffCheckDigit(uin)).toBe(true);
    const [event] = await identity.events<PersonEnrolledPayload>(
      PersonEnrolled.topic,
      PersonEnrolled.type,
      (e) => e.personId === created.json.id,
    );
    expect(event).toMatchObject({
      uin,
      phone: '+8562055512345',
      enrolledBy: 'registrar-national',
      preferredChannel: 'sms',
    });
  });

  it('flags a likely duplicate (same names and birth date, or same phone) instead of creating it', async () => {
    const first = await api(`${identity.url}/persons`, {
      method: 'POST',
      token: registrar,
      body: person({ phone: undefined, email: 'a@example.la' }),
    });
    expect(first.status).toBe(201);
    const again = person({
      givenNameLo: first.json.givenNameLo,
      familyNameLo: first.json.familyNameLo,
      dateOfBirth: first.json.dateOfBirth,
      phone: undefined,
      email: 'b@example.la',
    });
    const before = await count('persons');
    const refused = await api(`${identity.url}/persons`, { method: 'POST', token: registrar, body: again });
    expect(refused.status).toBe(409);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.json.code).toBe('IDENTITY.LIKELY_DUPLICATE');
    expect(refused.json.candidates).toEqual([{ personId: first.json.id, reason: 'SAME_NAME_AND_BIRTH_DATE' }]);
    expect(await count('persons')).toBe(before);

    const samePhone = await api(`${identity.url}/persons`, { method: 'POST', token: registrar, body: person() });
    const byPhone = await api(`${identity.url}/persons`, {
      method: 'POST',
      token: registrar,
      body: person({ phone: samePhone.json.phone }),
    });
    expect(byPhone.json.candidates).toEqual([{ personId: samePhone.json.id, reason: 'SAME_PHONE' }]);

    const confirmed = await api(`${identity.url}/persons`, {
      method: 'POST',
      token: registrar,
      body: { ...again, distinctFrom: [first.json.id] },
    });
    expect(confirmed.status).toBe(201);
  });

  it('lets only one of three simultaneous identical enrolments through', async () => {
    const body = person();
    const results = await Promise.all(
      [1, 2, 3].map(() => api(`${identity.url}/persons`, { method: 'POST', token: registrar, body })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('enrols once when a clerk retries with the same Idempotency-Key', async () => {
    const key = randomUUID();
    const body = person();
    const first = await api(`${identity.url}/persons`, {
      method: 'POST',
      token: registrar,
      body,
      headers: { 'idempotency-key': key },
    });
    const retry = await api(`${identity.url}/persons`, {
      method: 'POST',
      token: registrar,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.json.id).toBe(first.json.id);
  });

  it('answers bad input with problem+json and writes nothing', async () => {
    const before = await count('persons');
    const unknownArea = await api(`${identity.url}/persons`, {
      method: 'POST',
      token: registrar,
      body: person({ address: { provinceCode: '01', districtCode: '0601' } }),
    });
    expect(unknownArea.status).toBe(422);
    expect(unknownArea.json.code).toBe('IDENTITY.UNKNOWN_ADMIN_AREA');
    expect(unknownArea.json.errors).toEqual([
      { field: 'address.districtCode', message: 'district "0601" is not in province "01"' },
    ]);

    const malformed = await api(`${identity.url}/persons`, {
      method: 'POST',
      token: registrar,
      body: person({ givenNameLo: 'Somphone', phone: '12', dateOfBirth: '1990-02-30', sex: 'Q' }),
    });
    expect(malformed.status).toBe(400);
    expect((malformed.json.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(
      ['dateOfBirth', 'givenNameLo', 'phone', 'sex'].sort(),
    );
    const notJson = await api(`${identity.url}/persons`, { method: 'POST', token: registrar, body: '{"givenNameLo":' });
    expect(notJson.status).toBe(400);
    const oversize = await api(`${identity.url}/persons`, {
      method: 'POST',
      token: registrar,
      body: person({ addressLine: 'x'.repeat(2_000_000) }),
    });
    expect(oversize.status).toBe(413);
    expect(await count('persons')).toBe(before);
  });
});

describe("GovStack's enrolment API", () => {
  it('enrols from a GovStack packet (PUT /enrollment) and names the fields it refuses', async () => {
    const n = Math.floor(10_000_000 + Math.random() * 89_999_999);
    const packet = (fields: Record<string, string>) => ({
      id: 'govstack.enrollment',
      version: 'v1',
      requesttime: new Date().toISOString(),
      request: {
        id: `10001100020010${n}`,
        refId: '10001_10002',
        process: 'NEW',
        source: 'REGISTRATION_CLIENT',
        fields,
      },
    });
    const enrolled = await api(`${identity.url}/enrollment`, {
      method: 'PUT',
      token: registrar,
      body: packet({
        fullName: JSON.stringify([
          { language: 'lao', value: 'ແສງ ຈັນທະວົງ' },
          { language: 'eng', value: 'Saeng Chanthavong' },
        ]),
        gender: JSON.stringify([{ language: 'eng', value: 'Male' }]),
        dateOfBirth: '1972/08/30',
        phone: `+85620${n}`,
        province: '01',
        district: '0103',
      }),
    });
    expect(enrolled.status).toBe(201);
    const { personId, uin } = JSON.parse((enrolled.json.metaData as { data: string }).data);
    expect(hasValidVerhoeffCheckDigit(uin)).toBe(true);
    const read = await api(`${identity.url}/persons/${personId}`, { token: registrar });
    expect(read.json).toMatchObject({
      givenNameLo: 'ແສງ',
      familyNameLo: 'ຈັນທະວົງ',
      familyNameEn: 'Chanthavong',
      sex: 'M',
    });

    const refused = await api(`${identity.url}/enrollment`, {
      method: 'PUT',
      token: registrar,
      body: packet({ fullName: 'Saeng', dateOfBirth: 'yesterday', province: '01', district: '0103', gender: 'Male' }),
    });
    expect(refused.status).toBe(400);
    expect((refused.json.errors as { field: string }[]).map((e) => e.field)).toEqual(
      expect.arrayContaining(['request.fields.givenNameLo', 'request.fields.dateOfBirth']),
    );
  });
});

describe('who may see and change a record', () => {
  let someone: Record<string, unknown>;
  beforeAll(async () => {
    someone = (
      await api(`${identity.url}/persons`, {
        method: 'POST',
        token: registrar,
        body: person({ givenNameLo: 'ບຸນມີ', familyNameLo: 'ແກ້ວມະນີ' }),
      })
    ).json;
  });

  it('finds people by Lao name typed without tone marks, and by Latin name', async () => {
    const withoutTones = await api(`${identity.url}/persons?q=${encodeURIComponent('ແກວມະນີ')}`, { token: registrar });
    expect(withoutTones.status).toBe(200);
    expect((withoutTones.json.items as { id: string }[]).map((p) => p.id)).toContain(someone.id);
    const latin = await api(`${identity.url}/persons?uin=${someone.uin}`, { token: registrar });
    expect(latin.json).toMatchObject({ total: 1, limit: 20, offset: 0 });
    const tooBroad = await api(`${identity.url}/persons`, { token: registrar });
    expect(tooBroad.status).toBe(400);
    expect(tooBroad.json.code).toBe('IDENTITY.SEARCH_TOO_BROAD');
  });

  it('keeps a provincial officer to their province', async () => {
    const read = await api(`${identity.url}/persons/${someone.id}`, { token: registrarLuangPrabang });
    expect(read.status).toBe(404);
    const search = await api(`${identity.url}/persons?uin=${someone.uin}`, { token: registrarLuangPrabang });
    expect(search.json.total).toBe(0);
    const enrolElsewhere = await api(`${identity.url}/persons`, {
      method: 'POST',
      token: registrarLuangPrabang,
      body: person(),
    });
    expect(enrolElsewhere.status).toBe(403);
    expect(enrolElsewhere.json.code).toBe('IDENTITY.OUT_OF_SCOPE');
    const enrolHere = await api(`${identity.url}/persons`, {
      method: 'POST',
      token: registrarLuangPrabang,
      body: person({ address: { provinceCode: '06', districtCode: '0601' } }),
    });
    expect(enrolHere.status).toBe(201);
  });

  it('lets a citizen read only their own record', async () => {
    const self = await identity.token({ sub: someone.id as string, roles: ['citizen'] });
    expect((await api(`${identity.url}/persons/me`, { token: self })).json.id).toBe(someone.id);
    const other = await api(`${identity.url}/persons`, { method: 'POST', token: registrar, body: person() });
    expect((await api(`${identity.url}/persons/${other.json.id}`, { token: self })).status).toBe(404);
    expect((await api(`${identity.url}/persons?uin=${other.json.uin}`, { token: self })).status).toBe(403);
  });

  it("writes every officer's read to the audit trail, which auditors and the person read", async () => {
    await api(`${identity.url}/persons/${someone.id}`, { token: registrar });
    const trail = await api(`${identity.url}/persons/${someone.id}/access-log`, { token: auditor });
    expect(trail.status).toBe(200);
    const actions = (trail.json.items as { action: string; actor: string }[]).map((e) => `${e.action}:${e.actor}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'ENROL:registrar-national',
        'READ:registrar-national',
        'SEARCH_RESULT:registrar-national',
      ]),
    );
    const self = await identity.token({ sub: someone.id as string, roles: ['citizen'] });
    expect((await api(`${identity.url}/persons/${someone.id}/access-log`, { token: self })).status).toBe(200);
    expect((await api(`${identity.url}/persons/${someone.id}/access-log`, { token: registrar })).status).toBe(403);
  });

  it('updates with optimistic concurrency and publishes the changed fields', async () => {
    const stale = await api(`${identity.url}/persons/${someone.id}`, {
      method: 'PATCH',
      token: registrar,
      body: { email: 'bounmy@example.la' },
      headers: { 'if-match': '"99"' },
    });
    expect(stale.status).toBe(412);
    const updated = await api(`${identity.url}/persons/${someone.id}`, {
      method: 'PATCH',
      token: registrar,
      body: { email: 'Bounmy@Example.la', preferredChannel: 'email' },
      headers: { 'if-match': `"${someone.version}"` },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ email: 'bounmy@example.la', preferredChannel: 'email', version: 2 });
    const [event] = await identity.events<PersonUpdatedPayload>(
      PersonUpdated.topic,
      PersonUpdated.type,
      (e) => e.personId === someone.id,
    );
    expect(event.changed.sort()).toEqual(['email', 'preferredChannel']);
  });

  it('deactivates (logical deletion) and reactivates, once each', async () => {
    const target = (await api(`${identity.url}/persons`, { method: 'POST', token: registrar, body: person() })).json;
    const off = await api(`${identity.url}/persons/${target.id}/deactivate`, {
      method: 'POST',
      token: registrar,
      body: { reason: 'Died 2026-10-01' },
    });
    expect(off.json).toMatchObject({ status: 'DEACTIVATED', statusReason: 'Died 2026-10-01' });
    const twice = await api(`${identity.url}/persons/${target.id}/deactivate`, {
      method: 'POST',
      token: registrar,
      body: { reason: 'again' },
    });
    expect(twice.status).toBe(409);
    expect((await api(`${identity.url}/persons/${target.id}`, { token: registrar })).json.status).toBe('DEACTIVATED');
    const [event] = await identity.events<PersonStatusPayload>(
      PersonDeactivated.topic,
      PersonDeactivated.type,
      (e) => e.personId === target.id,
    );
    expect(event.reason).toBe('Died 2026-10-01');
    const on = await api(`${identity.url}/persons/${target.id}/reactivate`, {
      method: 'POST',
      token: registrar,
      body: { reason: 'Record error' },
    });
    expect(on.json.status).toBe('ACTIVE');
  });
});

describe('civil servants', () => {
  const hrMoha = () => identity.token({ sub: 'hr-moha', roles: ['identity.hr'], ministry: 'MOHA' });

  it('registers, moves with history and an event, and keeps HR to their ministry', async () => {
    const enrolled = (await api(`${identity.url}/persons`, { method: 'POST', token: registrar, body: person() })).json;
    const hr = await hrMoha();
    const employeeNumber = `MOHA-${Math.floor(100000 + Math.random() * 899999)}`;
    const registered = await api(`${identity.url}/civil-servants`, {
      method: 'POST',
      token: hr,
      body: {
        personId: enrolled.id,
        employeeNumber,
        posting: { ministryCode: 'MOHA', provinceCode: '01', level: 'central', position: 'Officer', grade: '3-2' },
        effectiveFrom: '2026-01-05',
        roles: ['identity.registrar'],
      },
    });
    expect(registered.status).toBe(201);
    expect(registered.json).toMatchObject({ employeeNumber, accountActive: false, roles: ['identity.registrar'] });

    const otherMinistry = await identity.token({ sub: 'hr-moh', roles: ['identity.hr'], ministry: 'MOH' });
    expect((await api(`${identity.url}/civil-servants/${enrolled.id}`, { token: otherMinistry })).status).toBe(404);
    const foreignRegistration = await api(`${identity.url}/civil-servants`, {
      method: 'POST',
      token: otherMinistry,
      body: {
        personId: enrolled.id,
        employeeNumber: 'MOH-1234',
        posting: { ministryCode: 'MOHA', provinceCode: '01', level: 'central', position: 'x', grade: '1' },
        effectiveFrom: '2026-01-05',
      },
    });
    expect(foreignRegistration.status).toBe(403);

    const unknownMinistry = await api(`${identity.url}/civil-servants/${enrolled.id}/moves`, {
      method: 'POST',
      token: hr,
      body: {
        to: { ministryCode: 'NOPE', provinceCode: '06', level: 'province', position: 'Head', grade: '4-1' },
        effectiveFrom: '2026-12-01',
        reason: 'x',
      },
    });
    expect(unknownMinistry.status).toBe(422);
    expect(unknownMinistry.json.errors).toEqual([{ field: 'to.ministryCode', message: 'unknown ministry "NOPE"' }]);

    const moved = await api(`${identity.url}/civil-servants/${enrolled.id}/moves`, {
      method: 'POST',
      token: hr,
      body: {
        to: { ministryCode: 'MOHA', provinceCode: '06', level: 'province', position: 'Deputy head', grade: '4-1' },
        effectiveFrom: '2026-12-01',
        reason: 'Transfer to Luang Prabang',
      },
    });
    expect(moved.status).toBe(200);
    expect(moved.json.posting).toMatchObject({ provinceCode: '06', level: 'province', position: 'Deputy head' });
    const history = await api(`${identity.url}/civil-servants/${enrolled.id}/assignments`, { token: hr });
    expect(
      (history.json as unknown as { provinceCode: string; endedOn: string | null }[]).map((a) => [
        a.provinceCode,
        a.endedOn,
      ]),
    ).toEqual([
      ['06', null],
      ['01', '2026-12-01'],
    ]);
    const events = await identity.events<CivilServantAssignedPayload>(
      CivilServantAssigned.topic,
      CivilServantAssigned.type,
      (e) => e.personId === enrolled.id,
      2,
    );
    const move = events.find((e) => e.from)!;
    expect(move).toMatchObject({
      from: { provinceCode: '01' },
      to: { provinceCode: '06' },
      reason: 'Transfer to Luang Prabang',
    });
  });

  it("activates a login account with HR's code and a code sent to the person's own phone: a password and an authenticator", async () => {
    const enrolled = (await api(`${identity.url}/persons`, { method: 'POST', token: registrar, body: person() })).json;
    const hr = await hrMoha();
    const employeeNumber = `MOHA-${Math.floor(100000 + Math.random() * 899999)}`;
    await api(`${identity.url}/civil-servants`, {
      method: 'POST',
      token: hr,
      body: {
        personId: enrolled.id,
        employeeNumber,
        posting: { ministryCode: 'MOHA', provinceCode: '01', level: 'central', position: 'Officer', grade: '3-1' },
        effectiveFrom: '2026-02-01',
      },
    });
    const issued = await api(`${identity.url}/civil-servants/${enrolled.id}/activation-code`, {
      method: 'POST',
      token: hr,
    });
    expect(issued.json.activationCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const activate = (changes: Record<string, unknown>) =>
      api(`${identity.url}/civil-servants/activation`, {
        method: 'POST',
        body: {
          employeeNumber,
          activationCode: issued.json.activationCode,
          password: 'a long passphrase 2026',
          ...changes,
        },
      });
    // HR holds its own code only: the proof goes to the phone the register holds for the person, never to HR.
    const proof = await api(`${identity.url}/civil-servants/activation/proof`, {
      method: 'POST',
      body: { employeeNumber, activationCode: issued.json.activationCode },
    });
    expect(proof.json).toEqual({ challengeId: expect.any(String), channel: 'sms', expiresAt: expect.any(String) });
    expect(JSON.stringify(proof.json)).not.toContain(enrolled.phone as string);
    const challengeId = proof.json.challengeId as string;
    const wrongProof = await api(`${identity.url}/civil-servants/activation/proof`, {
      method: 'POST',
      body: { employeeNumber, activationCode: 'AAAA-BBBB-CCCC' },
    });
    expect([wrongProof.status, wrongProof.json.code]).toEqual([401, 'IDENTITY.ACTIVATION_REFUSED']);
    // Without the person's code (HR guessing it, or leaving it out), nothing is activated.
    const { code } = await identity.deliveredCode(challengeId);
    expect((await activate({ challengeId, code: code === '000000' ? '111111' : '000000' })).status).toBe(401);
    expect((await activate({})).status).toBe(400);
    expect((await activate({ challengeId, code, password: 'short' })).status).toBe(422);
    expect((await activate({ challengeId, code, activationCode: 'AAAA-BBBB-CCCC' })).status).toBe(401);
    const activated = await activate({ challengeId, code });
    expect(activated.status).toBe(200);
    expect(activated.json.otpauthUri).toContain(`secret=${activated.json.secret}`);
    expect(totp(activated.json.secret as string)).toMatch(/^\d{6}$/);
    expect((await activate({ challengeId, code })).status).toBe(401);
    expect((await api(`${identity.url}/civil-servants/${enrolled.id}`, { token: hr })).json.accountActive).toBe(true);
  });
});
