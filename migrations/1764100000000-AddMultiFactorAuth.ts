import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TOTP multi-factor authentication: the encrypted secret on the user (pending until confirmed),
 * the last time step used (replay protection), and one-time recovery codes stored as hashes.
 */
export class AddMultiFactorAuth1764100000000 implements MigrationInterface {
  name = 'AddMultiFactorAuth1764100000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "mfa_secret" text`);
    await q.query(`ALTER TABLE "users" ADD "mfa_enabled_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "users" ADD "mfa_last_step" bigint`);
    await q.query(`
      CREATE TABLE "mfa_recovery_codes" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "code_hash" text NOT NULL,
        "used_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "mfa_recovery_codes_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "mfa_recovery_codes_user_fkey" FOREIGN KEY ("user_id")
          REFERENCES "users" ("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "mfa_recovery_codes_user_idx" ON "mfa_recovery_codes" ("user_id")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "mfa_recovery_codes"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "mfa_last_step"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "mfa_enabled_at"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "mfa_secret"`);
  }
}
