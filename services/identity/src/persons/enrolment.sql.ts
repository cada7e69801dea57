import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { EventPublisher } from '@onedoor/backbone';
import { PersonEnrolled } from '@onedoor/contracts';
import type { Person } from './person.entities';
import { snapshotOf } from './person-snapshot';

export interface EnrolmentActor {
  actor: string;
  actorRoles: string[];
  actorScope: string | null;
  traceId: string | null;
}

export type EnrolmentOutcome =
  | { kind: 'ENROLLED' }
  | { kind: 'DUPLICATE'; candidates: { personId: string; reason: 'SAME_NAME_AND_BIRTH_DATE' | 'SAME_PHONE' }[] }
  | { kind: 'UIN_TAKEN' };

/** A 64-bit advisory lock key (a number, so it can be written into the statement). */
export function advisoryKey(text: string): string {
  return createHash('sha256').update(text).digest().readBigInt64BE().toString();
}

/**
 * Enrolment in three round trips, because it is the register's hot path and every round trip costs:
 * 1. BEGIN and the advisory locks on the birth date and the phone (two clerks enrolling the same person at once:
 *    the second waits here, and its next statement sees what the first committed);
 * 2. one statement that finds likely duplicates and, if there are none the officer already cleared, claims the
 *    UIN, writes the person, the audit row and the person.enrolled event to the outbox;
 * 3. COMMIT (or ROLLBACK on a duplicate).
 * On a UIN collision (rare) the caller draws another number and calls again.
 */
export async function writeEnrolment(
  dataSource: DataSource,
  publisher: EventPublisher,
  draw: () => Person,
  actor: EnrolmentActor,
): Promise<{ person: Person; outcome: EnrolmentOutcome }> {
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }> };
  try {
    const first = draw();
    const locks = [first.dateOfBirth, first.phone]
      .filter(Boolean)
      .map((k) => `pg_advisory_xact_lock(${advisoryKey(`identity.person-dedup:${k}`)})`);
    await client.query(`BEGIN; SELECT ${locks.join(', ')}`);
    let person = first;
    for (let attempt = 0; attempt < 20; attempt++, person = draw()) {
      const event = publisher.prepare(PersonEnrolled, [
        { ...snapshotOf(person), enrolledAt: person.createdAt.toISOString(), enrolledBy: person.enrolledBy },
      ]);
      const { rows } = await client.query(
        `WITH dup AS (
           (SELECT id, 'SAME_NAME_AND_BIRTH_DATE' AS reason FROM identity.persons
             WHERE status = 'ACTIVE' AND date_of_birth = $9 AND name_key_lo = $7 AND NOT (id = ANY($19::uuid[])) LIMIT 10)
           UNION ALL
           (SELECT id, 'SAME_PHONE' AS reason FROM identity.persons
             WHERE status = 'ACTIVE' AND $15::text IS NOT NULL AND phone = $15 AND NOT (id = ANY($19::uuid[])) LIMIT 10)
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
           ${event.statement(26)} WHERE EXISTS (SELECT 1 FROM person)
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
          ...event.params,
        ],
      );
      const result = rows as { kind: string; id: string; reason: string | null }[];
      const duplicates = result.filter((r) => r.kind === 'DUPLICATE');
      if (duplicates.length) {
        await client.query('ROLLBACK');
        return {
          person,
          outcome: {
            kind: 'DUPLICATE',
            candidates: duplicates.map((d) => ({ personId: d.id, reason: d.reason as 'SAME_PHONE' })),
          },
        };
      }
      if (result.some((r) => r.kind === 'ENROLLED')) {
        await client.query('COMMIT');
        return { person, outcome: { kind: 'ENROLLED' } };
      }
    }
    await client.query('ROLLBACK');
    return { person, outcome: { kind: 'UIN_TAKEN' } };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}
