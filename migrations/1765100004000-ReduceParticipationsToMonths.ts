import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reduced participation (no consent, protected identity, erased) keeps only its gender and the
 * months it started and ended (DOMAIN.md), not the start year: the statistics count it in the
 * right half-year. Every participation gets `start_month` (the first day of its start month);
 * a session keeps the attendance of reduced participants as an anonymous count.
 *
 * Existing reduced and erased records are reduced the way the application now reduces them: their
 * plans and revisions, check-ins, placements (with follow-ups and supervisors), re-openings,
 * attendance rows (counted on the session instead) and stored idempotent answers that mention them
 * are deleted; exit and withdrawal dates become months; exit reason, snapshots, consent date and
 * form version go. `down` drops the new columns; what `up` deleted does not come back. The start
 * month of a record reduced before this migration is January of its start year (the month was
 * never stored).
 */
export class ReduceParticipationsToMonths1765100004000 implements MigrationInterface {
  name = 'ReduceParticipationsToMonths1765100004000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "participants" ADD "start_month" date`);
    await q.query(
      `UPDATE "participants"
          SET "start_month" = date_trunc('month', COALESCE("enrolled_at", make_date("start_year", 1, 1)))::date`,
    );
    await q.query(`ALTER TABLE "participants" ALTER COLUMN "start_month" SET NOT NULL`);
    await q.query(
      `ALTER TABLE "participants" ADD CONSTRAINT "participants_start_month_check"
         CHECK (extract(day FROM "start_month") = 1)`,
    );
    await q.query(
      `ALTER TABLE "coaching_sessions" ADD "anonymous_attended" integer NOT NULL DEFAULT 0`,
    );
    await q.query(
      `ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_anonymous_attended_check"
         CHECK ("anonymous_attended" >= 0)`,
    );

    const reduced = `SELECT "id" FROM "participants"
                      WHERE "reduced_at" IS NOT NULL OR "erased_at" IS NOT NULL`;
    await q.query(
      `UPDATE "coaching_sessions" s
          SET "anonymous_attended" = s."anonymous_attended" + a.n
         FROM (SELECT "session_id", count(*)::int AS n FROM "session_attendances"
                WHERE "attendance" = 'attended' AND "participant_id" IN (${reduced})
                GROUP BY "session_id") a
        WHERE s."id" = a."session_id"`,
    );
    await q.query(
      `UPDATE "coaching_sessions" s SET "notes" = NULL
        WHERE s."notes" IS NOT NULL
          AND EXISTS (SELECT 1 FROM "session_attendances" a
                       WHERE a."session_id" = s."id" AND a."participant_id" IN (${reduced}))
          AND NOT EXISTS (SELECT 1 FROM "session_attendances" o
                           WHERE o."session_id" = s."id" AND o."participant_id" NOT IN (${reduced}))`,
    );
    await q.query(
      `WITH ids AS (
         SELECT "id"::text AS id FROM (${reduced}) r
         UNION ALL SELECT "id"::text FROM "placements" WHERE "participant_id" IN (${reduced})
         UNION ALL SELECT f."id"::text FROM "follow_ups" f
                     JOIN "placements" pl ON pl."id" = f."placement_id"
                    WHERE pl."participant_id" IN (${reduced})
         UNION ALL SELECT "id"::text FROM "check_ins" WHERE "participant_id" IN (${reduced})
         UNION ALL SELECT "id"::text FROM "participation_reopenings"
                    WHERE "participant_id" IN (${reduced}))
       DELETE FROM "idempotency_keys" k
        WHERE EXISTS (SELECT 1 FROM ids
                       WHERE strpos(k."path", ids.id) > 0
                          OR strpos(COALESCE(k."response_body"::text, ''), ids.id) > 0)`,
    );
    for (const table of [
      'session_attendances',
      'action_plan_revisions',
      'action_plans',
      'check_ins',
      'placements',
      'participation_reopenings',
    ]) {
      await q.query(`DELETE FROM "${table}" WHERE "participant_id" IN (${reduced})`);
    }
    await q.query(
      `UPDATE "participants"
          SET "first_name" = NULL, "last_name" = NULL, "personnummer" = NULL, "birth_year" = NULL,
              "municipality" = NULL, "education" = NULL, "referred_by" = NULL,
              "responsible_coach_id" = NULL, "enrolled_at" = NULL, "start_snapshot" = NULL,
              "exit_snapshot" = NULL, "exit_reason" = NULL, "consent_date" = NULL,
              "consent_form_version" = NULL,
              "exited_at" = date_trunc('month', "exited_at")::date,
              "consent_withdrawn_at" = date_trunc('month', "consent_withdrawn_at")::date,
              "reduced_at" = COALESCE("reduced_at", "erased_at")
        WHERE "reduced_at" IS NOT NULL OR "erased_at" IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "coaching_sessions" DROP CONSTRAINT "coaching_sessions_anonymous_attended_check"`,
    );
    await q.query(`ALTER TABLE "coaching_sessions" DROP COLUMN "anonymous_attended"`);
    await q.query(`ALTER TABLE "participants" DROP CONSTRAINT "participants_start_month_check"`);
    await q.query(`ALTER TABLE "participants" DROP COLUMN "start_month"`);
  }
}
