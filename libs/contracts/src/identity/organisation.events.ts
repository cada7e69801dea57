import { defineEvent } from '../event-contract';

/** A ministry, or one of its departments and offices: where civil servants work, services belong and cases go. */
export interface OrganisationSavedPayload {
  code: string;
  kind: 'ministry' | 'department';
  /** A department's ministry. */
  parentCode?: string;
  nameLo: string;
  nameEn: string;
  at: string;
}

export const OrganisationSaved = defineEvent<OrganisationSavedPayload>({
  type: 'la.gov.onedoor.identity.organisation.saved.v1',
  version: 1,
  source: 'identity',
  topic: 'onedoor.identity.reference-data.v1',
  partitionKey: 'code',
  summary:
    'A ministry or department was added or renamed (the register of organisations; each is announced once when the identity block first starts with it): other blocks check the units they are given against it.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['code', 'kind', 'nameLo', 'nameEn', 'at'],
    properties: {
      code: { type: 'string', pattern: '^[A-Z][A-Z0-9-]{1,31}$' },
      kind: { type: 'string', enum: ['ministry', 'department'] },
      parentCode: { type: 'string', pattern: '^[A-Z][A-Z0-9-]{1,31}$' },
      nameLo: { type: 'string', maxLength: 200 },
      nameEn: { type: 'string', maxLength: 200 },
      at: { type: 'string', format: 'date-time' },
    },
  },
  example: {
    code: 'MOIC-DERM',
    kind: 'department',
    parentCode: 'MOIC',
    nameLo: 'ກົມຄຸ້ມຄອງທະບຽນວິສາຫະກິດ',
    nameEn: 'Department of Enterprise Registration and Management',
    at: '2026-11-22T03:15:00.000Z',
  },
});

/** A province, district or village of the country's administrative divisions. */
export interface AdminAreaSavedPayload {
  code: string;
  level: 'province' | 'district' | 'village';
  /** A district's province, a village's district. */
  parentCode?: string;
  nameLo: string;
  nameEn: string;
  at: string;
}

export const AdminAreaSaved = defineEvent<AdminAreaSavedPayload>({
  type: 'la.gov.onedoor.identity.admin-area.saved.v1',
  version: 1,
  source: 'identity',
  topic: 'onedoor.identity.reference-data.v1',
  partitionKey: 'code',
  summary:
    'A province, district or village was added or renamed (each is announced once when the identity block first starts with it): other blocks check the places they are given against it.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['code', 'level', 'nameLo', 'nameEn', 'at'],
    properties: {
      code: { type: 'string', pattern: '^(\\d{2}|\\d{4}|\\d{7})$' },
      level: { type: 'string', enum: ['province', 'district', 'village'] },
      parentCode: { type: 'string', pattern: '^(\\d{2}|\\d{4})$' },
      nameLo: { type: 'string', maxLength: 200 },
      nameEn: { type: 'string', maxLength: 200 },
      at: { type: 'string', format: 'date-time' },
    },
  },
  example: {
    code: '0101',
    level: 'district',
    parentCode: '01',
    nameLo: 'ຈັນທະບູລີ',
    nameEn: 'Chanthabouly',
    at: '2026-11-22T03:15:00.000Z',
  },
});
