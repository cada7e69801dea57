import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { EventPublisher } from '@onedoor/backbone';
import { preparedQuery } from '@onedoor/persistence';
import { PersonEnrolled } from '@onedoor/contracts';
import type { Person } from './person.entities';
import type { Actor, EnrolmentOutcome } from '../application/ports';
import { snapshotOf } from '../domain';

export type { Actor as EnrolmentActor, EnrolmentOutcome };

/** A 64-bit advisory lock key (a number, so it can be written into the statement). */
export function advisoryKey(text: string): string {
  return createHash('sha256').update(text).digest().readBigInt64BE().toString();
}

/**
 * Enrolment in one round trip, because it is the register's hot path and every round trip costs: one statement
 * that takes the advisory locks on the birth date and the phone and finds likely duplicates
 * (`identity.likely_duplicates`: two clerks enrolling the same person at once, the second waits for the first's
 * commit and then sees its row), and, if there are none the officer already cleared, claims the UIN, writes the
 * person, the audit row and the person.enrolled event to the outbox. A single statement is its own transaction:
 * all of it or, on a duplicate, none of it is written. On a UIN collision (rare) another number is drawn.
 */
export async function writeEnrolment(
  dataSource: DataSource,
  publisher: EventPublisher,
  draw: () => Person,
  actor: Actor,
): Promise<{ person: Person; outcome: EnrolmentOutcome }> {
  let person = draw();
  const locks = [person.dateOfBirth, person.phone]
    .filter(Boolean)
    .map((k) => advisoryKey(`identity.person-dedup:${k}`));
  for (let attempt = 0; attempt < 20; attempt++, person = draw()) {
    const event = publisher.prepare(PersonEnrolled, [
      { ...snapshotOf(person), enrolledAt: person.createdAt.toISOString(), enrolledBy: person.enrolledBy },
    ]);
    const rows = await preparedQuery<{ kind: string; id: string; reason: string | null }>(
      dataSource,
      `WITH dup AS (
         SELECT id, reason FROM identity.likely_duplicates($26::bigint[], $9::date, $7, $15, $19::uuid[])
       ), uin AS (
         INSERT INTO identity.uin_registry (uin) SELECT $2 WHERE NOT EXISTS (SELECT 1 FROM dup)
         ON CONFLICT DO NOTHING RETURNING uin
       ), person AS (
         INSERT INTO identity.persons (id, uin, given_name_lo, family_name_lo, given_name_en, family_name_en,
           name_key_lo, name_key_latin, date_of_birth, sex, province_code, district_code, village_code, address_line,
           phone, email, preferred_language, preferred_channel, status, distinct_from, enrolled_by, created_at,
           updated_at, version)
         SELECT $1, uin, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 'ACTIVE',
           $19::uuid[], $20, $21, $21, 1 FROM uin
         RETURNING id
       ), audit AS (
         INSERT INTO identity.person_access_log (person_id, actor, actor_roles, actor_scope, action, trace_id)
         SELECT id, $22, $23::text[], $24, 'ENROL', $25 FROM person
       ), event AS (
         ${event.statement(27)} WHERE EXISTS (SELECT 1 FROM person)
       )
       SELECT 'DUPLICATE' AS kind, id::text, reason FROM dup
       UNION ALL SELECT 'ENROLLED', id::text, NULL FROM person`,
      [
        person.id,
        person.uin,
        person.givenNameLo,
        person.familyNameLo,
        person.givenNameEn,
        person.familyNameEn,
        person.nameKeyLo,
        person.nameKeyLatin,
        person.dateOfBirth,
        person.sex,
        person.provinceCode,
        person.districtCode,
        person.villageCode,
        person.addressLine,
        person.phone,
        person.email,
        person.preferredLanguage,
        person.preferredChannel,
        person.distinctFrom,
        person.enrolledBy,
        person.createdAt,
        actor.actor,
        actor.actorRoles,
        actor.actorScope,
        actor.traceId,
        locks,
        ...event.params,
      ],
    );
    const duplicates = rows.filter((r) => r.kind === 'DUPLICATE');
    if (duplicates.length) {
      return {
        person,
        outcome: {
          kind: 'DUPLICATE',
          candidates: duplicates.map((d) => ({ personId: d.id, reason: d.reason as 'SAME_PHONE' })),
        },
      };
    }
    if (rows.some((r) => r.kind === 'ENROLLED')) return { person, outcome: { kind: 'ENROLLED' } };
  }
  return { person, outcome: { kind: 'UIN_TAKEN' } };
}
