import { defineEvent } from '../event-contract';

/** Where a civil servant works: ministry, department, province (administrative codes), position and grade. */
export interface Posting {
  ministryCode: string;
  departmentCode?: string;
  provinceCode: string;
  /** central: a ministry's headquarters, acting nationally; province or district: a local office. */
  level: 'central' | 'province' | 'district';
  position: string;
  grade: string;
}

export interface CivilServantAssignedPayload {
  personId: string;
  employeeNumber: string;
  assignmentId: string;
  /** The posting before this one; absent on a first assignment. */
  from?: Posting;
  to: Posting;
  effectiveFrom: string;
  reason: string;
  by: string;
}

const posting = {
  type: 'object',
  additionalProperties: false,
  required: ['ministryCode', 'provinceCode', 'level', 'position', 'grade'],
  properties: {
    ministryCode: { type: 'string', pattern: '^[A-Z][A-Z0-9-]{1,15}$' },
    departmentCode: { type: 'string', pattern: '^[A-Z][A-Z0-9-]{1,31}$' },
    provinceCode: { type: 'string', pattern: '^[0-9]{2}$' },
    level: { type: 'string', enum: ['central', 'province', 'district'] },
    position: { type: 'string', minLength: 1, maxLength: 200 },
    grade: { type: 'string', minLength: 1, maxLength: 20 },
  },
} as const;

/** A civil servant took up a posting: a first assignment (no `from`) or a move between ministries, departments or provinces. */
export const CivilServantAssigned = defineEvent<CivilServantAssignedPayload>({
  type: 'la.gov.onedoor.identity.civil-servant.assigned.v1',
  version: 1,
  source: 'identity',
  topic: 'onedoor.identity.civil-servant.v1',
  partitionKey: 'personId',
  summary:
    'A civil servant was assigned to a posting; with `from`, it is a move. Blocks that route work by unit update their view.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['personId', 'employeeNumber', 'assignmentId', 'to', 'effectiveFrom', 'reason', 'by'],
    properties: {
      personId: { type: 'string', format: 'uuid' },
      employeeNumber: { type: 'string', pattern: '^[A-Z0-9-]{4,20}$' },
      assignmentId: { type: 'string', format: 'uuid' },
      from: posting,
      to: posting,
      effectiveFrom: { type: 'string', format: 'date' },
      reason: { type: 'string', minLength: 1, maxLength: 500 },
      by: { type: 'string', minLength: 1 },
    },
  },
  example: {
    personId: '0d9a7c1e-2b3f-4a5d-8e6f-7a8b9c0d1e2f',
    employeeNumber: 'MOHA-004512',
    assignmentId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
    from: { ministryCode: 'MOHA', provinceCode: '01', level: 'central', position: 'Officer', grade: '3-2' },
    to: {
      ministryCode: 'MOHA',
      departmentCode: 'MOHA-DPA',
      provinceCode: '06',
      level: 'province',
      position: 'Deputy head',
      grade: '4-1',
    },
    effectiveFrom: '2026-12-01',
    reason: 'Transfer to Luang Prabang provincial office',
    by: 'hr-officer-91c2',
  },
});
