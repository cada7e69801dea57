import { schema as s, type JsonSchema } from '@onedoor/http';

/** What the identity block's operations answer, as JSON Schema for its OpenAPI document; tests check answers. */

export const PERSON: JsonSchema = s.object(
  {
    id: s.uuid,
    uin: s.string('The unique identification number: 10 digits, the last a Verhoeff check digit'),
    givenNameLo: s.string(),
    familyNameLo: s.string(),
    givenNameEn: s.string(),
    familyNameEn: s.string(),
    dateOfBirth: s.date,
    sex: s.enum('F', 'M', 'X'),
    address: s.object(
      { provinceCode: s.string(), districtCode: s.string(), villageCode: s.string(), line: s.string() },
      ['villageCode', 'line'],
    ),
    phone: s.string(),
    email: s.string(),
    preferredLanguage: s.enum('lo', 'en'),
    preferredChannel: s.enum('sms', 'email'),
    status: s.enum('ACTIVE', 'DEACTIVATED'),
    statusReason: s.string(),
    createdAt: s.dateTime,
    updatedAt: s.dateTime,
    version: s.integer,
  },
  ['givenNameEn', 'familyNameEn', 'phone', 'email', 'statusReason'],
);

export const ACCESS_ENTRY: JsonSchema = s.object({
  id: s.string(),
  personId: s.uuid,
  actor: s.string(),
  actorRoles: s.array(s.string()),
  actorScope: s.nullable(s.string()),
  action: s.string(),
  traceId: s.nullable(s.string()),
  at: s.dateTime,
});

export const CODE_SENT: JsonSchema = s.object({
  challengeId: s.uuid,
  channel: s.enum('sms', 'email'),
  expiresAt: s.dateTime,
});

const POSTING: JsonSchema = s.object(
  {
    ministryCode: s.string(),
    departmentCode: s.string(),
    provinceCode: s.string(),
    level: s.enum('central', 'province', 'district'),
    position: s.string(),
    grade: s.string(),
  },
  ['departmentCode'],
);

export const CIVIL_SERVANT: JsonSchema = s.object({
  personId: s.uuid,
  accountId: s.uuid,
  employeeNumber: s.string(),
  posting: POSTING,
  status: s.enum('ACTIVE', 'SUSPENDED', 'RETIRED', 'LEFT'),
  roles: s.array(s.string()),
  accountActive: s.boolean,
  updatedAt: s.dateTime,
});

export const ASSIGNMENT: JsonSchema = s.object({
  id: s.string(),
  personId: s.uuid,
  ministryCode: s.string(),
  departmentCode: s.nullable(s.string()),
  provinceCode: s.string(),
  level: s.enum('central', 'province', 'district'),
  position: s.string(),
  grade: s.string(),
  effectiveFrom: s.date,
  endedOn: s.nullable(s.date),
  reason: s.string(),
  recordedBy: s.string(),
  recordedAt: s.dateTime,
});

export const ACTIVATION_CODE: JsonSchema = s.object({ activationCode: s.string(), expiresAt: s.dateTime });

export const ACTIVATED: JsonSchema = s.object({
  otpauthUri: s.string('For the authenticator app (a QR code): shown once'),
  secret: s.string('The same seed, to type in'),
});

export const CREDENTIAL: JsonSchema = s.object(
  {
    credentialId: s.uuid,
    personId: s.uuid,
    statusListIndex: s.integer,
    issuedAt: s.dateTime,
    expiresAt: s.dateTime,
    revokedAt: s.dateTime,
    revocationReason: s.string(),
    credential: s.string('Compact JWS for the card and its QR code (when issued)'),
  },
  ['revokedAt', 'revocationReason', 'credential'],
);

export const CARD_CHECK: JsonSchema = s.object(
  { status: s.enum('valid', 'expired', 'revoked', 'invalid'), card: s.record, reason: s.string() },
  ['card', 'reason'],
);

export const JWKS: JsonSchema = s.object({ keys: s.array(s.record) });

export const ADMIN_AREA: JsonSchema = s.object({
  code: s.string(),
  level: s.enum('province', 'district', 'village'),
  parentCode: s.nullable(s.string()),
  nameLo: s.string(),
  nameEn: s.string(),
});

export const ORGANISATION: JsonSchema = s.object({
  code: s.string(),
  kind: s.enum('ministry', 'department'),
  parentCode: s.nullable(s.string()),
  nameLo: s.string(),
  nameEn: s.string(),
});

/** GovStack's client management answers: the envelope, the response, and errors (empty on success). */
const envelope = (response: JsonSchema): JsonSchema =>
  s.object({ responseTime: s.dateTime, response, errors: s.array(s.record) });
export const CLIENT_CREATED = envelope(s.object({ clientId: s.string(), clientSecret: s.string() }, ['clientSecret']));
export const CLIENT_UPDATED = envelope(s.object({ clientId: s.string(), status: s.enum('ACTIVE', 'INACTIVE') }));

export const KEYS_ROTATED: JsonSchema = s.object({ kid: s.string(), retired: s.array(s.string()), next: s.string() });

export const ENROLLED: JsonSchema = s.object({
  id: s.string(),
  version: s.string(),
  responsetime: s.dateTime,
  metaData: s.object({ data: s.string('JSON: the person id and UIN') }),
  response: s.array(s.record),
  errors: s.array(s.record),
});
