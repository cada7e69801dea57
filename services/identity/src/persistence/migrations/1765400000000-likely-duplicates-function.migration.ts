import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Enrolment in one statement: `identity.likely_duplicates` takes the enrolment's advisory locks (birth date,
 * then phone) and then looks for likely duplicates. It is VOLATILE, so its query takes a fresh snapshot after
 * the locks are granted: a simultaneous enrolment of the same person that held them has committed, and is seen.
 * The locks are transaction-scoped: they last until the calling statement's transaction ends.
 */
export class LikelyDuplicatesFunction1765400000000 implements MigrationInterface {
  name = 'LikelyDuplicatesFunction1765400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE FUNCTION identity.likely_duplicates(
        lock_keys bigint[], birth_date date, name_key text, phone_number text, cleared uuid[])
      RETURNS TABLE (id uuid, reason text)
      LANGUAGE plpgsql VOLATILE
      AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(k) FROM unnest(lock_keys) WITH ORDINALITY AS l(k, n) ORDER BY n;
        RETURN QUERY
          (SELECT p.id, 'SAME_NAME_AND_BIRTH_DATE'::text FROM identity.persons p
            WHERE p.status = 'ACTIVE' AND p.date_of_birth = birth_date AND p.name_key_lo = name_key
              AND NOT (p.id = ANY(cleared)) LIMIT 10)
          UNION ALL
          (SELECT p.id, 'SAME_PHONE'::text FROM identity.persons p
            WHERE p.status = 'ACTIVE' AND phone_number IS NOT NULL AND p.phone = phone_number
              AND NOT (p.id = ANY(cleared)) LIMIT 10);
      END
      $$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP FUNCTION identity.likely_duplicates(bigint[], date, text, text, uuid[])`);
  }
}
