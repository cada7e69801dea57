import { randomUUID } from 'node:crypto';
import type { JSONWebKeySet } from 'jose';
import { CredentialRevoked, type CredentialRevokedPayload } from '@onedoor/contracts';
import { api } from '@onedoor/testing';
import { readStatusList, verifyCard } from '../src/domain/card';
import { startIdentity, type IdentityUnderTest } from './identity-harness';

let identity: IdentityUnderTest;
let hr: string;
let personId: string;

async function offlineMaterial() {
  const keys = (await api(`${identity.url}/credentials/jwks.json`)).json as unknown as JSONWebKeySet;
  const list = await fetch(`${identity.url}/credentials/status-list`);
  expect(list.headers.get('content-type')).toContain('application/statuslist+jwt');
  return { keys, statusList: await readStatusList(await list.text(), keys) };
}

beforeAll(async () => {
  identity = await startIdentity();
  const registrar = await identity.token({ sub: 'registrar', roles: ['identity.registrar'] });
  hr = await identity.token({ sub: 'hr-mtc', roles: ['identity.hr'], ministry: 'MTC' });
  const person = await api(`${identity.url}/persons`, {
    method: 'POST',
    token: registrar,
    body: {
      givenNameLo: 'ສຸລິຍາ',
      familyNameLo: 'ວົງສາ',
      givenNameEn: 'Souliya',
      familyNameEn: 'Vongsa',
      dateOfBirth: '1990-01-20',
      sex: 'F',
      address: { provinceCode: '01', districtCode: '0104' },
      phone: `+85620${Math.floor(10_000_000 + Math.random() * 89_999_999)}`,
    },
  });
  personId = person.json.id as string;
  const registered = await api(`${identity.url}/civil-servants`, {
    method: 'POST',
    token: hr,
    body: {
      personId,
      employeeNumber: `MTC-${randomUUID()
        .slice(0, 6)
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '7')}`,
      posting: {
        ministryCode: 'MTC',
        provinceCode: '01',
        level: 'central',
        position: 'Systems engineer',
        grade: '3-3',
      },
      effectiveFrom: '2025-09-01',
    },
  });
  expect(registered.status).toBe(201);
});
afterAll(async () => {
  await identity?.close();
});

describe("civil servants' cards", () => {
  it('issues a card that fits a QR code and verifies offline with the published keys', async () => {
    const issued = await api(`${identity.url}/civil-servants/${personId}/credentials`, { method: 'POST', token: hr });
    expect(issued.status).toBe(201);
    const card = issued.json.credential as string;
    // QR version 25 with medium error correction holds 1,000+ bytes; the card stays well under.
    expect(card.length).toBeLessThan(900);
    const { keys, statusList } = await offlineMaterial();
    const verdict = await verifyCard(card, keys, statusList);
    expect(verdict.status).toBe('valid');
    expect(verdict.card).toMatchObject({ sub: personId, org: 'MTC', name: { lo: 'ສຸລິຍາ ວົງສາ', en: 'Souliya Vongsa' } });
    expect((await verifyCard(card, keys, statusList, Date.now() + 800 * 86_400_000)).status).toBe('expired');
    const [header, payload, signature] = card.split('.');
    const forged = Buffer.from(JSON.stringify({ ...verdict.card, org: 'PMO' })).toString('base64url');
    expect((await verifyCard(`${header}.${forged}.${signature}`, keys, statusList)).status).toBe('invalid');
    void payload;
  });

  it('revokes: the status list and the verify endpoint say revoked, and an event is published', async () => {
    const issued = await api(`${identity.url}/civil-servants/${personId}/credentials`, { method: 'POST', token: hr });
    const card = issued.json.credential as string;
    expect(
      (await api(`${identity.url}/credentials/verify`, { method: 'POST', body: { credential: card } })).json.status,
    ).toBe('valid');

    const otherMinistry = await identity.token({ sub: 'hr-moh', roles: ['identity.hr'], ministry: 'MOH' });
    const refused = await api(`${identity.url}/credentials/${issued.json.credentialId}/revocation`, {
      method: 'POST',
      token: otherMinistry,
      body: { reason: 'not mine' },
    });
    expect(refused.status).toBe(403);

    const revoked = await api(`${identity.url}/credentials/${issued.json.credentialId}/revocation`, {
      method: 'POST',
      token: hr,
      body: { reason: 'Card lost' },
    });
    expect(revoked.status).toBe(200);
    const verified = await api(`${identity.url}/credentials/verify`, { method: 'POST', body: { credential: card } });
    expect(verified.json).toMatchObject({ status: 'revoked' });
    const { keys, statusList } = await offlineMaterial();
    expect((await verifyCard(card, keys, statusList)).status).toBe('revoked');
    const [event] = await identity.events<CredentialRevokedPayload>(
      CredentialRevoked.topic,
      CredentialRevoked.type,
      (e) => e.credentialId === issued.json.credentialId,
    );
    expect(event).toMatchObject({ reason: 'Card lost', statusListIndex: issued.json.statusListIndex });
    const twice = await api(`${identity.url}/credentials/${issued.json.credentialId}/revocation`, {
      method: 'POST',
      token: hr,
      body: { reason: 'again' },
    });
    expect(twice.status).toBe(409);
  });

  it('replaces the previous card on reissue, and answers malformed input with problem+json', async () => {
    const first = await api(`${identity.url}/civil-servants/${personId}/credentials`, { method: 'POST', token: hr });
    const second = await api(`${identity.url}/civil-servants/${personId}/credentials`, { method: 'POST', token: hr });
    const { keys, statusList } = await offlineMaterial();
    expect((await verifyCard(first.json.credential as string, keys, statusList)).status).toBe('revoked');
    expect((await verifyCard(second.json.credential as string, keys, statusList)).status).toBe('valid');
    const cards = await api(`${identity.url}/civil-servants/${personId}/credentials`, { token: hr });
    expect((cards.json as unknown as { revocationReason?: string }[]).filter((c) => !c.revocationReason)).toHaveLength(
      1,
    );

    const malformed = await api(`${identity.url}/credentials/verify`, {
      method: 'POST',
      body: { credential: 'not a card' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.contentType).toContain('application/problem+json');
    const foreign = await api(`${identity.url}/credentials/verify`, {
      method: 'POST',
      body: { credential: 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLW5vdC12YWxpZA' },
    });
    expect(foreign.json.status).toBe('invalid');
  });
});
