import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partial indexes on messages: a message changes status twice on its way (Pending → Queued → Sent), and every
 * change writes a new row version into each index that covers it. The dispatcher's indexes now hold only the
 * messages they look for: the due queue only Pending messages, the lease index only Queued ones, the batch and
 * provider-receipt indexes only messages that have those values. Each step then writes into four indexes
 * instead of six.
 */
export class MessagePartialIndexes1765500000000 implements MigrationInterface {
  name = 'MessagePartialIndexes1765500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX messaging.messages_due`);
    await runner.query(`DROP INDEX messaging.messages_batch`);
    await runner.query(`DROP INDEX messaging.messages_provider_id`);
    await runner.query(
      `CREATE INDEX "messages_due" ON "messaging"."messages" ("next_attempt_at") WHERE status = 'Pending'`,
    );
    await runner.query(
      `CREATE INDEX "messages_leased" ON "messaging"."messages" ("lease_until") WHERE status = 'Queued'`,
    );
    await runner.query(
      `CREATE INDEX "messages_batch" ON "messaging"."messages" ("batch_id") WHERE batch_id IS NOT NULL`,
    );
    await runner.query(
      `CREATE INDEX "messages_provider_id" ON "messaging"."messages" ("provider", "provider_message_id") WHERE provider_message_id IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const index of ['messages_due', 'messages_leased', 'messages_batch', 'messages_provider_id'])
      await runner.query(`DROP INDEX messaging.${index}`);
    await runner.query(`CREATE INDEX "messages_due" ON "messaging"."messages" ("status", "next_attempt_at")`);
    await runner.query(`CREATE INDEX "messages_batch" ON "messaging"."messages" ("batch_id")`);
    await runner.query(
      `CREATE INDEX "messages_provider_id" ON "messaging"."messages" ("provider", "provider_message_id")`,
    );
  }
}
