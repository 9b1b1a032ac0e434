import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Group series (issue 14, part 1): a framtidsverkstad, business programme or course in a programme
 * (`group_series`), who is enrolled in it and when (`group_series_enrolments`), and its meetings:
 * coaching sessions of kind `group_workshop` with `series_id` set, their attendance in
 * `session_attendances` as for any session (docs/group-series.md).
 */
export class CreateGroupSeries1765500000500 implements MigrationInterface {
  name = 'CreateGroupSeries1765500000500';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "group_series" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "planned_meetings" integer NOT NULL, "planned_minutes_per_meeting" integer NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "completion_percent" integer NOT NULL DEFAULT '75', "notes" text, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "group_series_dates_check" CHECK ("end_date" >= "start_date"), CONSTRAINT "group_series_completion_percent_check" CHECK ("completion_percent" BETWEEN 1 AND 100), CONSTRAINT "group_series_planned_minutes_check" CHECK ("planned_minutes_per_meeting" BETWEEN 1 AND 1440), CONSTRAINT "group_series_planned_meetings_check" CHECK ("planned_meetings" BETWEEN 1 AND 500), CONSTRAINT "group_series_kind_check" CHECK ("kind" IN ('future_workshop', 'business_programme', 'course', 'other')), CONSTRAINT "PK_941c81b53fe1dae516e13d9274f" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "group_series_programme_idx" ON "group_series" ("programme_id")`);
    await q.query(
      `ALTER TABLE "group_series" ADD CONSTRAINT "group_series_programme_fkey" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await q.query(
      `CREATE TABLE "group_series_enrolments" ("series_id" uuid NOT NULL, "participant_id" uuid NOT NULL, "joined_on" date NOT NULL, "left_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "group_series_enrolments_dates_check" CHECK ("left_on" IS NULL OR "left_on" >= "joined_on"), CONSTRAINT "PK_af5c2404ec0d69e0ac263d9e3bb" PRIMARY KEY ("series_id", "participant_id"))`,
    );
    await q.query(
      `CREATE INDEX "group_series_enrolments_participant_idx" ON "group_series_enrolments" ("participant_id")`,
    );
    await q.query(
      `ALTER TABLE "group_series_enrolments" ADD CONSTRAINT "group_series_enrolments_series_fkey" FOREIGN KEY ("series_id") REFERENCES "group_series"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "group_series_enrolments" ADD CONSTRAINT "group_series_enrolments_participant_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await q.query(`ALTER TABLE "coaching_sessions" ADD "series_id" uuid`);
    await q.query(
      `CREATE INDEX "coaching_sessions_series_idx" ON "coaching_sessions" ("series_id")`,
    );
    await q.query(
      `ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_series_fkey" FOREIGN KEY ("series_id") REFERENCES "group_series"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_series_kind_check" CHECK ("series_id" IS NULL OR "kind" = 'group_workshop')`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "coaching_sessions" DROP CONSTRAINT "coaching_sessions_series_kind_check"`,
    );
    await q.query(
      `ALTER TABLE "coaching_sessions" DROP CONSTRAINT "coaching_sessions_series_fkey"`,
    );
    await q.query(`DROP INDEX "public"."coaching_sessions_series_idx"`);
    await q.query(`ALTER TABLE "coaching_sessions" DROP COLUMN "series_id"`);
    await q.query(`DROP TABLE "group_series_enrolments"`);
    await q.query(`DROP TABLE "group_series"`);
  }
}
