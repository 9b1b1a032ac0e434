import { MigrationInterface, QueryRunner } from 'typeorm';

/** Stored responses of POSTs sent with an Idempotency-Key (24 hours). */
export class CreateIdempotencyKeys1764000000000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1764000000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "idempotency_keys" (
        "user_id" uuid NOT NULL,
        "key" text NOT NULL,
        "method" text NOT NULL,
        "path" text NOT NULL,
        "body_hash" text NOT NULL,
        "status_code" integer,
        "response_body" jsonb,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "completed_at" TIMESTAMP WITH TIME ZONE,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("user_id", "key"),
        CONSTRAINT "idempotency_keys_user_fkey" FOREIGN KEY ("user_id")
          REFERENCES "users" ("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX "idempotency_keys_expires_idx" ON "idempotency_keys" ("expires_at")`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "idempotency_keys"`);
  }
}
