import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A status message ends with the reason the office gave (what to correct after a send-back), when it gave one:
 * the event's `comment`, empty when absent (rules render an event's optional fields as empty).
 */
export class StatusReasonInMessages1766500000000 implements MigrationInterface {
  name = 'StatusReasonInMessages1766500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `UPDATE messaging.templates SET body = body || ' {comment}', updated_at = now()
        WHERE key = 'registration.status-changed' AND body NOT LIKE '%{comment}%'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `UPDATE messaging.templates SET body = left(body, length(body) - length(' {comment}')), updated_at = now()
        WHERE key = 'registration.status-changed' AND body LIKE '% {comment}'`,
    );
  }
}
