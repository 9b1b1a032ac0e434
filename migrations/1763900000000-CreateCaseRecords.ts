import { MigrationInterface, QueryRunner } from 'typeorm';

/** Participants, action plans, coaching sessions, placements, follow-ups, instruments and check-ins. */
export class CreateCaseRecords1763900000000 implements MigrationInterface {
  name = 'CreateCaseRecords1763900000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "participants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'active', "gender" text NOT NULL, "start_year" integer NOT NULL, "first_name" text, "last_name" text, "personnummer" text, "birth_year" integer, "municipality" text, "education" text, "referred_by" text, "protected_identity" boolean NOT NULL DEFAULT false, "responsible_coach_id" uuid, "enrolled_at" date, "consent_given" boolean NOT NULL DEFAULT false, "consent_date" date, "consent_form_version" text, "consent_withdrawn_at" date, "start_snapshot" jsonb, "exit_snapshot" jsonb, "exited_at" date, "exit_reason" text, "reduced_at" TIMESTAMP WITH TIME ZONE, "erased_at" TIMESTAMP WITH TIME ZONE, "erasure_reason" text, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "participants_status_check" CHECK ("status" IN ('active', 'paused', 'exited')), CONSTRAINT "participants_gender_check" CHECK ("gender" IN ('female', 'male', 'other', 'undisclosed')), CONSTRAINT "PK_1cda06c31eec1c95b3365a0283f" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "participants_coach_idx" ON "participants"  ("responsible_coach_id") `,
    );
    await q.query(
      `CREATE INDEX "participants_programme_status_idx" ON "participants"  ("programme_id", "status") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "participants_programme_personnummer_key" ON "participants"  ("programme_id", "personnummer") WHERE "personnummer" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "participants_programme_name_idx" ON "participants" ("programme_id", (CASE WHEN "last_name" IS NULL THEN 1 ELSE 0 END), lower(coalesce("last_name", '')), lower(coalesce("first_name", '')), "id") WHERE "erased_at" IS NULL`,
    );
    await q.query(
      `CREATE INDEX "participants_retention_idx" ON "participants"  ("exited_at") WHERE "erased_at" IS NULL`,
    );
    await q.query(
      `CREATE TABLE "action_plans" ("participant_id" uuid NOT NULL, "version" integer NOT NULL, "goal" text NOT NULL DEFAULT '', "steps" jsonb NOT NULL DEFAULT '[]', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_by" uuid NOT NULL, CONSTRAINT "PK_47870a321db31f5710fead4d0d8" PRIMARY KEY ("participant_id"))`,
    );
    await q.query(
      `CREATE TABLE "action_plan_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "participant_id" uuid NOT NULL, "version" integer NOT NULL, "goal" text NOT NULL, "steps" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid NOT NULL, CONSTRAINT "PK_4abd107cbbd2a9cb9207b5f968b" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "action_plan_revisions_version_key" ON "action_plan_revisions"  ("participant_id", "version") `,
    );
    await q.query(
      `CREATE TABLE "instruments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid, "key" text NOT NULL, "version" integer NOT NULL, "name_sv" text NOT NULL, "name_en" text NOT NULL, "indicators" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_44d772c3199b38559c5fb666eb6" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "instruments_programme_key_version_key" ON "instruments"  ("programme_id", "key", "version") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "instruments_shipped_key_version_key" ON "instruments"  ("key", "version") WHERE "programme_id" IS NULL`,
    );
    await q.query(
      `CREATE TABLE "check_ins" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "participant_id" uuid NOT NULL, "instrument_id" uuid NOT NULL, "occasion" text NOT NULL, "rater" text NOT NULL, "date" date NOT NULL, "scores" jsonb NOT NULL, "ladder" integer, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "check_ins_ladder_check" CHECK ("ladder" IS NULL OR "ladder" BETWEEN 0 AND 4), CONSTRAINT "check_ins_rater_check" CHECK ("rater" IN ('participant', 'coach', 'supervisor')), CONSTRAINT "check_ins_occasion_check" CHECK ("occasion" IN ('start', 'during', 'exit')), CONSTRAINT "PK_fac7f27bc829a454ad477c13f62" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "check_ins_participant_date_idx" ON "check_ins"  ("participant_id", "date") `,
    );
    await q.query(
      `CREATE TABLE "coaching_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_minutes" integer NOT NULL, "kind" text NOT NULL, "mode" text NOT NULL, "coach_id" uuid NOT NULL, "notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "coaching_sessions_duration_check" CHECK ("duration_minutes" BETWEEN 1 AND 1440), CONSTRAINT "coaching_sessions_mode_check" CHECK ("mode" IN ('on_site', 'digital', 'phone')), CONSTRAINT "coaching_sessions_kind_check" CHECK ("kind" IN ('individual_coaching', 'life_coaching', 'business_advice', 'group_workshop', 'follow_up_visit')), CONSTRAINT "PK_07f10cfa70c0d8ae79f65b94cd8" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "coaching_sessions_coach_at_idx" ON "coaching_sessions"  ("coach_id", "at") `,
    );
    await q.query(
      `CREATE INDEX "coaching_sessions_programme_at_idx" ON "coaching_sessions"  ("programme_id", "at") `,
    );
    await q.query(
      `CREATE TABLE "session_attendances" ("session_id" uuid NOT NULL, "participant_id" uuid NOT NULL, "attendance" text NOT NULL, CONSTRAINT "session_attendances_attendance_check" CHECK ("attendance" IN ('attended', 'no_show', 'cancelled')), CONSTRAINT "PK_966502fa2b7cb5c8c18702ed90d" PRIMARY KEY ("session_id", "participant_id"))`,
    );
    await q.query(
      `CREATE INDEX "session_attendances_participant_idx" ON "session_attendances"  ("participant_id") `,
    );
    await q.query(
      `CREATE TABLE "placements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "participant_id" uuid NOT NULL, "enterprise_id" uuid NOT NULL, "kind" text NOT NULL, "start_date" date NOT NULL, "planned_end_date" date, "actual_end_date" date, "hours_per_week" numeric(4,1), "status" text NOT NULL DEFAULT 'planned', "end_reason" text, "pauses" jsonb NOT NULL DEFAULT '[]', "next_follow_up_due" date, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "placements_status_check" CHECK ("status" IN ('planned', 'active', 'paused', 'ended', 'aborted')), CONSTRAINT "placements_kind_check" CHECK ("kind" IN ('work_training', 'internship', 'subsidised_employment', 'employment')), CONSTRAINT "PK_91cca43a1baa03ee278d7be74da" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "placements_next_follow_up_idx" ON "placements"  ("next_follow_up_due") `,
    );
    await q.query(`CREATE INDEX "placements_participant_idx" ON "placements"  ("participant_id") `);
    await q.query(`CREATE INDEX "placements_enterprise_idx" ON "placements"  ("enterprise_id") `);
    await q.query(`CREATE INDEX "placements_status_idx" ON "placements"  ("status") `);
    await q.query(
      `CREATE TABLE "placement_supervisors" ("placement_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_74a253ffa5089ae92c933ca5870" PRIMARY KEY ("placement_id", "user_id"))`,
    );
    await q.query(
      `CREATE INDEX "placement_supervisors_user_idx" ON "placement_supervisors"  ("user_id") `,
    );
    await q.query(
      `CREATE TABLE "follow_ups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "placement_id" uuid NOT NULL, "date" date NOT NULL, "author_id" uuid NOT NULL, "mode" text NOT NULL, "days_present" integer NOT NULL DEFAULT '0', "days_absent" integer NOT NULL DEFAULT '0', "wellbeing" integer NOT NULL, "notes" text, "concern" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "follow_ups_days_check" CHECK ("days_present" >= 0 AND "days_absent" >= 0), CONSTRAINT "follow_ups_wellbeing_check" CHECK ("wellbeing" BETWEEN 1 AND 5), CONSTRAINT "follow_ups_mode_check" CHECK ("mode" IN ('visit', 'digital', 'phone')), CONSTRAINT "PK_d510aabdff2ec7fdc67a1092157" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "follow_ups_placement_date_idx" ON "follow_ups"  ("placement_id", "date") `,
    );
    await q.query(
      `ALTER TABLE "participants" ADD CONSTRAINT "participants_programme_fkey" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "participants" ADD CONSTRAINT "participants_coach_fkey" FOREIGN KEY ("responsible_coach_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_participant_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "action_plan_revisions" ADD CONSTRAINT "action_plan_revisions_participant_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "action_plan_revisions" ADD CONSTRAINT "action_plan_revisions_author_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "instruments" ADD CONSTRAINT "instruments_programme_fkey" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_participant_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_instrument_fkey" FOREIGN KEY ("instrument_id") REFERENCES "instruments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_author_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_programme_fkey" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_coach_fkey" FOREIGN KEY ("coach_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "session_attendances" ADD CONSTRAINT "session_attendances_session_fkey" FOREIGN KEY ("session_id") REFERENCES "coaching_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "session_attendances" ADD CONSTRAINT "session_attendances_participant_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "placements" ADD CONSTRAINT "placements_participant_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "placements" ADD CONSTRAINT "placements_enterprise_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "placement_supervisors" ADD CONSTRAINT "placement_supervisors_placement_fkey" FOREIGN KEY ("placement_id") REFERENCES "placements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "placement_supervisors" ADD CONSTRAINT "placement_supervisors_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_placement_fkey" FOREIGN KEY ("placement_id") REFERENCES "placements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_author_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "follow_ups"`);
    await q.query(`DROP TABLE "placement_supervisors"`);
    await q.query(`DROP TABLE "placements"`);
    await q.query(`DROP TABLE "session_attendances"`);
    await q.query(`DROP TABLE "coaching_sessions"`);
    await q.query(`DROP TABLE "check_ins"`);
    await q.query(`DROP TABLE "instruments"`);
    await q.query(`DROP TABLE "action_plan_revisions"`);
    await q.query(`DROP TABLE "action_plans"`);
    await q.query(`DROP TABLE "participants"`);
  }
}
