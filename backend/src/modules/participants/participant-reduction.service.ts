import { Injectable } from '@nestjs/common';
import { reducedDates } from '@stegvis/domain';
import type { EntityManager } from 'typeorm';

/** Why a participation is reduced; each sets the flag that says so on the row. */
export type ReductionCause =
  | { kind: 'withdrawal'; withdrawnAt: string }
  | { kind: 'protected-identity' }
  | { kind: 'erasure'; reason: string };

/**
 * Reduces participations to what DOMAIN.md lets a participation keep without consent, with a
 * protected identity, or after erasure: gender, start month and exit month (libs/domain
 * participation-reduction.ts), plus the row's own keys. Everything else about the person is
 * deleted, not hidden, in the caller's transaction, so no route and no role can read it again:
 *
 * - the action plan and every revision, check-ins and their scores, re-openings;
 * - placements (their follow-ups with wellbeing, concern and notes, and their supervisors go with
 *   them): a placement's enterprise and dates would name the person to the enterprise, so it is
 *   not kept detached;
 * - attendance rows: an attended one becomes +1 on the session's anonymous count, so the session
 *   still counts as held; notes of a session the person attended alone go too;
 * - stored answers of idempotent requests that mention the participation;
 * - on the participant row: name, personnummer, birth year, municipality, education, referral,
 *   coach, enrolment day, snapshots, exit reason, consent date and form version; exit and
 *   withdrawal dates become their month.
 *
 * The audit log is append-only and keeps the participant's id (and the ids of records that are now
 * deleted) with who did what when; it never holds personal data (field names, routes, ids only).
 * The test backend/test/participant-reduction.int-spec.ts finds every table that references a
 * participant in the database catalogue and checks each is emptied.
 */
@Injectable()
export class ParticipantReductionService {
  async reduce(m: EntityManager, ids: string[], cause: ReductionCause): Promise<void> {
    if (ids.length === 0) return;
    const rows: {
      id: string;
      enrolled_at: string | null;
      start_month: string;
      exited_at: string | null;
      consent_withdrawn_at: string | null;
    }[] = await m.query(
      `SELECT id, enrolled_at::text AS enrolled_at, start_month::text AS start_month,
              exited_at::text AS exited_at, consent_withdrawn_at::text AS consent_withdrawn_at
         FROM participants WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
    await this.deleteCaseRecords(m, ids);
    const dates = rows.map((row) => ({
      id: row.id,
      ...reducedDates({
        enrolledAt: row.enrolled_at,
        startMonth: row.start_month,
        exitedAt: row.exited_at,
        consentWithdrawnAt:
          cause.kind === 'withdrawal' && row.consent_withdrawn_at === null
            ? cause.withdrawnAt
            : row.consent_withdrawn_at,
      }),
    }));
    await m.query(
      `UPDATE participants p
          SET first_name = NULL, last_name = NULL, personnummer = NULL, birth_year = NULL,
              municipality = NULL, education = NULL, referred_by = NULL,
              responsible_coach_id = NULL, enrolled_at = NULL, start_snapshot = NULL,
              exit_snapshot = NULL, exit_reason = NULL, consent_date = NULL,
              consent_form_version = NULL,
              start_month = d.start_month, exited_at = d.exited_at,
              consent_withdrawn_at = d.consent_withdrawn_at,
              consent_given = CASE WHEN $5 = 'withdrawal' THEN FALSE ELSE p.consent_given END,
              protected_identity = p.protected_identity OR $5 = 'protected-identity',
              reduced_at = COALESCE(p.reduced_at, now()),
              erased_at = CASE WHEN $5 = 'erasure' THEN COALESCE(p.erased_at, now()) ELSE p.erased_at END,
              erasure_reason = CASE WHEN $5 = 'erasure' THEN COALESCE(p.erasure_reason, $6) ELSE p.erasure_reason END,
              updated_at = now()
         FROM unnest($1::uuid[], $2::date[], $3::date[], $4::date[])
              AS d(id, start_month, exited_at, consent_withdrawn_at)
        WHERE p.id = d.id`,
      [
        dates.map((d) => d.id),
        dates.map((d) => d.startMonth),
        dates.map((d) => d.exitedAt),
        dates.map((d) => d.consentWithdrawnAt),
        cause.kind,
        cause.kind === 'erasure' ? cause.reason : null,
      ],
    );
  }

  /** Every per-person record of the participations, in the order their references need. */
  private async deleteCaseRecords(m: EntityManager, ids: string[]): Promise<void> {
    // Stored answers (and paths) of idempotent requests about them or a record of theirs: a
    // follow-up's answer names only its placement, and holds its notes.
    await m.query(
      `WITH ids AS (
         SELECT unnest($1::text[]) AS id
         UNION ALL SELECT id::text FROM placements WHERE participant_id = ANY($1::uuid[])
         UNION ALL SELECT f.id::text FROM follow_ups f JOIN placements pl ON pl.id = f.placement_id
                    WHERE pl.participant_id = ANY($1::uuid[])
         UNION ALL SELECT id::text FROM check_ins WHERE participant_id = ANY($1::uuid[])
         UNION ALL SELECT id::text FROM participation_reopenings WHERE participant_id = ANY($1::uuid[]))
       DELETE FROM idempotency_keys k
        WHERE EXISTS (SELECT 1 FROM ids
                       WHERE strpos(k.path, ids.id) > 0
                          OR strpos(COALESCE(k.response_body::text, ''), ids.id) > 0)`,
      [ids],
    );
    await m.query(
      `UPDATE coaching_sessions s SET anonymous_attended = s.anonymous_attended + a.n
         FROM (SELECT session_id, count(*)::int AS n FROM session_attendances
                WHERE attendance = 'attended' AND participant_id = ANY($1::uuid[])
                GROUP BY session_id) a
        WHERE s.id = a.session_id`,
      [ids],
    );
    // Notes of a group session concern the others too and stay; notes of one with only these go.
    await m.query(
      `UPDATE coaching_sessions s SET notes = NULL
        WHERE s.notes IS NOT NULL
          AND EXISTS (SELECT 1 FROM session_attendances a
                       WHERE a.session_id = s.id AND a.participant_id = ANY($1::uuid[]))
          AND NOT EXISTS (SELECT 1 FROM session_attendances o
                           WHERE o.session_id = s.id AND o.participant_id <> ALL($1::uuid[]))`,
      [ids],
    );
    for (const table of PER_PERSON_TABLES) {
      await m.query(`DELETE FROM ${table} WHERE participant_id = ANY($1::uuid[])`, [ids]);
    }
  }
}

/**
 * Tables whose rows belong to one participation (participant_id); placements take their
 * follow-ups and supervisors with them (ON DELETE CASCADE).
 */
const PER_PERSON_TABLES = [
  'session_attendances',
  'group_series_enrolments',
  'action_plan_revisions',
  'action_plans',
  'check_ins',
  'participation_reopenings',
  'placements',
] as const;
