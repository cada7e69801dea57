import { defineEvent } from '../event-contract';

export interface WalletBindingBoundPayload {
  bindingId: string;
  personId: string;
  /** The wallet (a service client) that asked for the binding. */
  partnerId: string;
  authFactorType: 'WLA';
  /** RFC 7638 thumbprint of the bound public key (SHA-256, base64url). */
  keyThumbprint: string;
  expiresAt: string;
  /** The binding this one replaces (the person's earlier key in the same wallet), if any. */
  replaces: string | null;
}

export interface WalletBindingRevokedPayload {
  bindingId: string;
  personId: string;
  partnerId: string;
  reason: 'revoked-by-person' | 'replaced';
  revokedAt: string;
}

const ids = { type: 'string', format: 'uuid' } as const;

export const WalletBindingBound = defineEvent<WalletBindingBoundPayload>({
  type: 'la.gov.onedoor.identity.wallet-binding.bound.v1',
  version: 1,
  source: 'identity',
  topic: 'onedoor.identity.wallet-binding.v1',
  partitionKey: 'personId',
  summary:
    "A wallet app's public key was bound to a person (after a one-time code proved it was them): the app signs the person in with it from now on.",
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['bindingId', 'personId', 'partnerId', 'authFactorType', 'keyThumbprint', 'expiresAt', 'replaces'],
    properties: {
      bindingId: ids,
      personId: ids,
      partnerId: { type: 'string', minLength: 1 },
      authFactorType: { type: 'string', enum: ['WLA'] },
      keyThumbprint: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' },
      expiresAt: { type: 'string', format: 'date-time' },
      replaces: { type: ['string', 'null'], format: 'uuid' },
    },
  },
  example: {
    bindingId: '5b0e1f7a-8c2d-4e3f-9a1b-2c3d4e5f6a7b',
    personId: '0d9a7c1e-2b3f-4a5d-8e6f-7a8b9c0d1e2f',
    partnerId: 'lao-citizen-wallet',
    authFactorType: 'WLA',
    keyThumbprint: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs',
    expiresAt: '2027-11-30T09:30:00.000Z',
    replaces: null,
  },
});

export const WalletBindingRevoked = defineEvent<WalletBindingRevokedPayload>({
  type: 'la.gov.onedoor.identity.wallet-binding.revoked.v1',
  version: 1,
  source: 'identity',
  topic: 'onedoor.identity.wallet-binding.v1',
  partitionKey: 'personId',
  summary: 'A wallet binding ended: its person revoked it, or a new key in the same wallet replaced it.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['bindingId', 'personId', 'partnerId', 'reason', 'revokedAt'],
    properties: {
      bindingId: ids,
      personId: ids,
      partnerId: { type: 'string', minLength: 1 },
      reason: { type: 'string', enum: ['revoked-by-person', 'replaced'] },
      revokedAt: { type: 'string', format: 'date-time' },
    },
  },
  example: {
    bindingId: '5b0e1f7a-8c2d-4e3f-9a1b-2c3d4e5f6a7b',
    personId: '0d9a7c1e-2b3f-4a5d-8e6f-7a8b9c0d1e2f',
    partnerId: 'lao-citizen-wallet',
    reason: 'revoked-by-person',
    revokedAt: '2027-03-02T10:00:00.000Z',
  },
});
