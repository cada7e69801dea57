import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Wallet bindings (a phone app's key bound to a person) and counters' sign-ins by phone (linked authorization). */
export class LinkedSignIn1768800000000 implements MigrationInterface {
  name = 'LinkedSignIn1768800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "identity"."wallet_bindings" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "partner_id" text NOT NULL, "auth_factor_type" text NOT NULL, "key_thumbprint" text NOT NULL, "public_jwk" jsonb NOT NULL, "certificate" text NOT NULL, "certificate_thumbprint" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" text, CONSTRAINT "PK_7e8a43f7844372a2b0114ebde84" PRIMARY KEY ("id"))`,
    );
    await runner.query(`CREATE INDEX "wallet_bindings_person" ON "identity"."wallet_bindings" ("person_id")`);
    await runner.query(
      `CREATE UNIQUE INDEX "wallet_bindings_active_key" ON "identity"."wallet_bindings" ("key_thumbprint") WHERE "revoked_at" IS NULL`,
    );
    await runner.query(
      `CREATE TABLE "identity"."link_transactions" ("transaction_id" text NOT NULL, "link_code_hash" text NOT NULL, "client_id" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "link_transaction_id" uuid, "linked_at" TIMESTAMP WITH TIME ZONE, "person_id" uuid, "binding_id" uuid, "authenticated_at" TIMESTAMP WITH TIME ZONE, "failed_attempts" integer NOT NULL DEFAULT 0, "accepted_claims" jsonb, "permitted_scopes" jsonb, "consented_at" TIMESTAMP WITH TIME ZONE, "code_issued_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7765f9fb91fe4d3752d4b404f85" PRIMARY KEY ("transaction_id"))`,
    );
    await runner.query(
      `CREATE UNIQUE INDEX "link_transactions_link_code" ON "identity"."link_transactions" ("link_code_hash")`,
    );
    await runner.query(
      `CREATE UNIQUE INDEX "link_transactions_linked" ON "identity"."link_transactions" ("link_transaction_id")`,
    );
    await runner.query(`CREATE INDEX "link_transactions_expires" ON "identity"."link_transactions" ("expires_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "identity"."link_transactions"`);
    await runner.query(`DROP TABLE "identity"."wallet_bindings"`);
  }
}
