import { defineEvent } from '../event-contract';

export interface CredentialIssuedPayload {
  credentialId: string;
  personId: string;
  employeeNumber: string;
  statusListIndex: number;
  issuedAt: string;
  expiresAt: string;
}

export interface CredentialRevokedPayload {
  credentialId: string;
  personId: string;
  statusListIndex: number;
  reason: string;
  revokedAt: string;
  by: string;
}

export const CredentialIssued = defineEvent<CredentialIssuedPayload>({
  type: 'la.gov.onedoor.identity.credential.issued.v1',
  version: 1,
  source: 'identity',
  topic: 'onedoor.identity.credential.v1',
  partitionKey: 'credentialId',
  summary: "A civil servant's card credential (signed, fits in a QR code) was issued.",
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['credentialId', 'personId', 'employeeNumber', 'statusListIndex', 'issuedAt', 'expiresAt'],
    properties: {
      credentialId: { type: 'string', format: 'uuid' },
      personId: { type: 'string', format: 'uuid' },
      employeeNumber: { type: 'string' },
      statusListIndex: { type: 'integer', minimum: 0 },
      issuedAt: { type: 'string', format: 'date-time' },
      expiresAt: { type: 'string', format: 'date-time' },
    },
  },
  example: {
    credentialId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    personId: '0d9a7c1e-2b3f-4a5d-8e6f-7a8b9c0d1e2f',
    employeeNumber: 'MOHA-004512',
    statusListIndex: 17,
    issuedAt: '2026-11-21T09:30:00.000Z',
    expiresAt: '2028-11-21T09:30:00.000Z',
  },
});

export const CredentialRevoked = defineEvent<CredentialRevokedPayload>({
  type: 'la.gov.onedoor.identity.credential.revoked.v1',
  version: 1,
  source: 'identity',
  topic: 'onedoor.identity.credential.v1',
  partitionKey: 'credentialId',
  summary: 'A card credential was revoked; the published status list shows it from now on.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['credentialId', 'personId', 'statusListIndex', 'reason', 'revokedAt', 'by'],
    properties: {
      credentialId: { type: 'string', format: 'uuid' },
      personId: { type: 'string', format: 'uuid' },
      statusListIndex: { type: 'integer', minimum: 0 },
      reason: { type: 'string', minLength: 1, maxLength: 500 },
      revokedAt: { type: 'string', format: 'date-time' },
      by: { type: 'string', minLength: 1 },
    },
  },
  example: {
    credentialId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    personId: '0d9a7c1e-2b3f-4a5d-8e6f-7a8b9c0d1e2f',
    statusListIndex: 17,
    reason: 'Card lost',
    revokedAt: '2027-03-02T10:00:00.000Z',
    by: 'hr-officer-91c2',
  },
});
