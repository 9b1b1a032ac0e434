import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFoundation1763800000000 implements MigrationInterface {
  name = 'CreateFoundation1763800000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "enterprises" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "org_number" text NOT NULL,
        "municipality" text NOT NULL,
        "is_asf" boolean NOT NULL DEFAULT false,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "enterprises_pkey" PRIMARY KEY ("id")
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "enterprises_org_number_key" ON "enterprises" ("org_number")`,
    );

    await q.query(`
      CREATE TABLE "programmes" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "period_start" date NOT NULL,
        "period_end" date NOT NULL,
        "intake_end" date,
        "targets" jsonb NOT NULL DEFAULT '{}',
        "follow_up_cadence" jsonb NOT NULL DEFAULT '{}',
        "suppression_threshold" integer NOT NULL DEFAULT 5,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "programmes_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "programmes_threshold_check" CHECK ("suppression_threshold" >= 3),
        CONSTRAINT "programmes_period_check" CHECK ("period_end" >= "period_start")
      )`);

    await q.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" text NOT NULL,
        "name" text NOT NULL,
        "role" text NOT NULL,
        "password_hash" text NOT NULL,
        "enterprise_id" uuid,
        "locale" text NOT NULL DEFAULT 'sv',
        "disabled_at" TIMESTAMP WITH TIME ZONE,
        "password_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "users_role_check" CHECK ("role" IN ('admin', 'lead', 'coach', 'supervisor')),
        CONSTRAINT "users_supervisor_enterprise_check"
          CHECK (("role" = 'supervisor') = ("enterprise_id" IS NOT NULL)),
        CONSTRAINT "users_enterprise_fkey" FOREIGN KEY ("enterprise_id")
          REFERENCES "enterprises" ("id") ON DELETE RESTRICT
      )`);
    await q.query(`CREATE UNIQUE INDEX "users_email_key" ON "users" ("email")`);

    await q.query(`
      CREATE TABLE "programme_members" (
        "programme_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        CONSTRAINT "programme_members_pkey" PRIMARY KEY ("programme_id", "user_id"),
        CONSTRAINT "programme_members_programme_fkey" FOREIGN KEY ("programme_id")
          REFERENCES "programmes" ("id") ON DELETE CASCADE,
        CONSTRAINT "programme_members_user_fkey" FOREIGN KEY ("user_id")
          REFERENCES "users" ("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "programme_members_user_idx" ON "programme_members" ("user_id")`);

    await q.query(`
      CREATE TABLE "sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "token_hash" text NOT NULL,
        "user_id" uuid NOT NULL,
        "csrf_token" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "sessions_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "sessions_user_fkey" FOREIGN KEY ("user_id")
          REFERENCES "users" ("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions" ("token_hash")`);
    await q.query(`CREATE INDEX "sessions_user_idx" ON "sessions" ("user_id")`);

    await q.query(`
      CREATE TABLE "login_throttle" (
        "key" text NOT NULL,
        "failures" integer NOT NULL DEFAULT 0,
        "window_start" TIMESTAMP WITH TIME ZONE NOT NULL,
        "locked_until" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "login_throttle_pkey" PRIMARY KEY ("key")
      )`);

    await q.query(`
      CREATE TABLE "audit_log" (
        "id" BIGSERIAL NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "user_id" uuid,
        "role" text,
        "action" text NOT NULL,
        "entity" text NOT NULL,
        "entity_id" uuid,
        "request_id" text,
        "ip" text,
        "detail" jsonb NOT NULL DEFAULT '{}',
        CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE INDEX "audit_log_at_idx" ON "audit_log" ("at")`);
    await q.query(`CREATE INDEX "audit_log_entity_idx" ON "audit_log" ("entity_id", "at")`);
    await q.query(`CREATE INDEX "audit_log_user_idx" ON "audit_log" ("user_id", "at")`);
    // Append-only: the database itself refuses to change or remove an audit row.
    await q.query(`
      CREATE FUNCTION "audit_log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log"
      FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"()`);
    await q.query(`
      CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
      FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_log"`);
    await q.query(`DROP FUNCTION "audit_log_refuse_change"()`);
    await q.query(`DROP TABLE "login_throttle"`);
    await q.query(`DROP TABLE "sessions"`);
    await q.query(`DROP TABLE "programme_members"`);
    await q.query(`DROP TABLE "users"`);
    await q.query(`DROP TABLE "programmes"`);
    await q.query(`DROP TABLE "enterprises"`);
  }
}
