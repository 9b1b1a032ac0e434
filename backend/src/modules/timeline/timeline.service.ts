import { BadRequestException, Injectable } from '@nestjs/common';
import {
  TIMELINE_KINDS_BY_VIEW,
  type Page,
  type TimelineEvent,
  type TimelineKind,
} from '@stegvis/contracts';
import { DataSource } from 'typeorm';
import type { Access } from '../../access/decorators';
import {
  enterpriseOfScope,
  notFound,
  participantVisible,
  placementsOfVisibleParticipantSql,
} from '../../access/scoping';
import { assertFilters, forView } from '../../access/views';
import { decodeCursor, encodeCursor } from '../../common/cursor';

/**
 * One SELECT per event kind, each on an indexed table filtered by participant; $1 is the
 * participant id, $2 the supervisor's enterprise (null for coaches), and PLACEMENTS_IN_VIEW stands
 * for the placements the caller sees (access/scoping.ts). Every branch yields (kind, at, id, data)
 * with `at` as timestamptz so the union sorts as one list. Which kinds a view shows is declared in
 * libs/contracts (TIMELINE_KINDS_BY_VIEW). A reduced record has no timeline: its case records are
 * deleted, and its own dates are months, not events.
 */
const PLACEMENTS_IN_VIEW = '/*placements-in-view*/';
const BRANCHES: Record<TimelineKind, { sql: string }> = {
  registration: {
    // Dated by the enrolment day, like every other event by its own day: a participant entered on
    // 3 December with an enrolment in September starts the timeline, not tops it.
    sql: `SELECT 'registration' AS kind, COALESCE(p.enrolled_at::timestamptz, p.created_at) AS at, p.id,
                 jsonb_build_object('status', p.status, 'enrolledAt', p.enrolled_at) AS data
            FROM participants p WHERE p.id = $1 AND p.reduced_at IS NULL`,
  },
  consent: {
    sql: `SELECT 'consent', p.consent_date::timestamptz, p.id,
                 jsonb_build_object('given', TRUE, 'formVersion', p.consent_form_version)
            FROM participants p WHERE p.id = $1 AND p.consent_date IS NOT NULL
             AND p.reduced_at IS NULL
          UNION ALL
          SELECT 'consent', p.consent_withdrawn_at::timestamptz, p.id,
                 jsonb_build_object('given', FALSE, 'formVersion', NULL)
            FROM participants p WHERE p.id = $1 AND p.consent_withdrawn_at IS NOT NULL
             AND p.reduced_at IS NULL`,
  },
  plan_revision: {
    sql: `SELECT 'plan_revision', r.created_at, r.id, jsonb_build_object('version', r.version)
            FROM action_plan_revisions r WHERE r.participant_id = $1`,
  },
  session: {
    // A group series' meeting says which series (seriesId and seriesName; null for the others).
    sql: `SELECT 'session', s.at, s.id,
                 jsonb_build_object('kind', s.kind, 'mode', s.mode, 'attendance', a.attendance,
                                    'durationMinutes', s.duration_minutes,
                                    'seriesId', s.series_id, 'seriesName', gs.name)
            FROM session_attendances a JOIN coaching_sessions s ON s.id = a.session_id
            LEFT JOIN group_series gs ON gs.id = s.series_id
           WHERE a.participant_id = $1`,
  },
  placement_start: {
    sql: `SELECT 'placement_start', pl.start_date::timestamptz, pl.id,
                 jsonb_build_object('placementKind', pl.kind, 'enterpriseId', pl.enterprise_id)
            FROM placements pl WHERE pl.participant_id = $1
             AND ${PLACEMENTS_IN_VIEW}`,
  },
  placement_end: {
    sql: `SELECT 'placement_end', pl.actual_end_date::timestamptz, pl.id,
                 jsonb_build_object('placementKind', pl.kind, 'enterpriseId', pl.enterprise_id,
                                    'status', pl.status)
            FROM placements pl WHERE pl.participant_id = $1 AND pl.actual_end_date IS NOT NULL
             AND ${PLACEMENTS_IN_VIEW}`,
  },
  follow_up: {
    sql: `SELECT 'follow_up', f.date::timestamptz, f.id,
                 jsonb_build_object('placementId', f.placement_id, 'mode', f.mode,
                                    'wellbeing', f.wellbeing, 'concern', f.concern)
            FROM follow_ups f JOIN placements pl ON pl.id = f.placement_id
           WHERE pl.participant_id = $1 AND ${PLACEMENTS_IN_VIEW}`,
  },
  check_in: {
    sql: `SELECT 'check_in', c.date::timestamptz, c.id,
                 jsonb_build_object('occasion', c.occasion, 'rater', c.rater, 'ladder', c.ladder)
            FROM check_ins c WHERE c.participant_id = $1`,
  },
  exit: {
    // The current exit, and earlier ones that a re-opening undid (kept in participation_reopenings).
    sql: `SELECT 'exit', p.exited_at::timestamptz, p.id,
                 jsonb_build_object('reason', p.exit_reason, 'reopened', FALSE)
            FROM participants p WHERE p.id = $1 AND p.exited_at IS NOT NULL
             AND p.reduced_at IS NULL
          UNION ALL
          SELECT 'exit', r.previous_exited_at::timestamptz, r.id,
                 jsonb_build_object('reason', r.previous_exit_reason, 'reopened', TRUE)
            FROM participation_reopenings r
           WHERE r.participant_id = $1 AND r.previous_exited_at IS NOT NULL`,
  },
  // Joining and leaving a group series; the id is the series' (an enrolment has none of its own).
  series_enrolment: {
    sql: `SELECT 'series_enrolment', e.joined_on::timestamptz, gs.id,
                 jsonb_build_object('seriesId', gs.id, 'seriesName', gs.name,
                                    'seriesKind', gs.kind, 'joinedOn', e.joined_on)
            FROM group_series_enrolments e JOIN group_series gs ON gs.id = e.series_id
           WHERE e.participant_id = $1`,
  },
  series_leave: {
    sql: `SELECT 'series_leave', e.left_on::timestamptz, gs.id,
                 jsonb_build_object('seriesId', gs.id, 'seriesName', gs.name,
                                    'seriesKind', gs.kind, 'leftOn', e.left_on)
            FROM group_series_enrolments e JOIN group_series gs ON gs.id = e.series_id
           WHERE e.participant_id = $1 AND e.left_on IS NOT NULL`,
  },
  reopen: {
    sql: `SELECT 'reopen', r.reopened_at, r.id,
                 jsonb_build_object('reason', r.reason, 'previousExitedAt', r.previous_exited_at,
                                    'previousExitReason', r.previous_exit_reason)
            FROM participation_reopenings r WHERE r.participant_id = $1`,
  },
};

interface TimelineRow {
  kind: TimelineKind;
  at: Date;
  id: string;
  data: TimelineEvent['data'];
}

@Injectable()
export class TimelineService {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    access: Access,
    participantId: string,
    query: { limit?: number; cursor?: string; kinds?: TimelineKind[] },
  ): Promise<Page<TimelineEvent>> {
    if (!(await participantVisible(this.dataSource.manager, access, participantId))) {
      throw notFound();
    }

    assertFilters(access, 'timeline', query);
    // The kinds the caller's view shows (a supervisor: the placement events only).
    const shown: readonly TimelineKind[] = forView(access, TIMELINE_KINDS_BY_VIEW);
    const kinds = (query.kinds ?? [...shown]).filter((kind) => shown.includes(kind));
    if (kinds.length === 0) return { items: [], nextCursor: null };
    const placementsInView = placementsOfVisibleParticipantSql('pl', access, '$2::uuid');

    const limit = query.limit ?? 50;
    const params: unknown[] = [participantId, enterpriseOfScope(access)];
    let after = '';
    const cursor = decodeCursor(query.cursor, 3);
    if (cursor) {
      const [at, kind, id] = cursor;
      if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) {
        throw new BadRequestException('The cursor is not valid.');
      }
      params.push(at, kind, id);
      after = `WHERE (e.at, e.kind, e.id::text) < ($3::timestamptz, $4::text, $5::text)`;
    }
    params.push(limit + 1);
    // Only the placement branches use $2; the one-row `scope` names its type for the others,
    // or PostgreSQL refuses the statement ("could not determine data type of parameter $2").
    const rows: TimelineRow[] = await this.dataSource.query(
      `SELECT e.kind, e.at, e.id, e.data
         FROM (${kinds
           .map((kind) => BRANCHES[kind].sql.replaceAll(PLACEMENTS_IN_VIEW, placementsInView))
           .join('\n UNION ALL \n')}) AS e(kind, at, id, data)
         CROSS JOIN (SELECT $2::uuid) AS scope(enterprise_id)
         ${after}
        ORDER BY e.at DESC, e.kind DESC, e.id::text DESC
        LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => ({
        kind: row.kind,
        at: new Date(row.at).toISOString(),
        id: row.id,
        data: row.data,
      })),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor([new Date(last.at).toISOString(), last.kind, last.id])
          : null,
    };
  }
}
