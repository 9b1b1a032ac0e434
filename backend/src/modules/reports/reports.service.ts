import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { FollowUpCadence, Gender, IndicatorName, ProgrammeReport } from '@stegvis/contracts';
import {
  addDays,
  DEFAULT_FOLLOW_UP_CADENCE,
  enrolledOn,
  followUpSchedule,
  gridSeries,
  type ReportPeriod,
  type ReportPeriodKey,
  reportPeriodKey,
  reportPeriodOf,
  seriesCompletion,
  todayIso,
} from '@stegvis/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Access } from '../../access/decorators';
import { orNotFound, scopeProgrammes } from '../../access/scoping';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { AppConfig } from '../../config/app-config';
import { type ReadSource, ReportDatabase } from '../../database/report-database';
import {
  type DecidedPeriod,
  decideSeries,
  type FixedPeriod,
  type FollowUpFacts,
  type GridPeriod,
  type GenderCounts,
  type GroupSeriesFacts,
  noEnterpriseSide,
  noGroupSeries,
  type ParticipationFacts,
  type ReportFacts,
  zeroGenders,
} from './report-builder';

/** Session dates are calendar days in the programmes' time zone. */
export const REPORT_TIME_ZONE = 'Europe/Stockholm';

/**
 * The participations of programme $1 in the period [$2, $3]: started (enrolled, or the first day
 * of the start month when the day is gone: a reduced record) on or before the end, and not exited
 * before the start (a reduced record's exit is the first day of its month, so both still fall in
 * the right half-year).
 */
export const PARTICIPATIONS_IN_PERIOD = `
  SELECT p.id, p.gender, p.reduced_at IS NOT NULL AS reduced,
         COALESCE(p.enrolled_at, p.start_month) AS started_on,
         p.exited_at, p.exit_reason, p.birth_year, p.education, p.start_snapshot, p.exit_snapshot
    FROM participants p
   WHERE p.programme_id = $1
     AND COALESCE(p.enrolled_at, p.start_month) <= $3::date
     AND (p.exited_at IS NULL OR p.exited_at >= $2::date)`;

/** Age at start by year difference, in the report bands of libs/domain age-band.ts. */
const AGE_BAND_SQL = `
  CASE WHEN reduced OR birth_year IS NULL THEN 'unknown'
       WHEN extract(year FROM started_on)::int - birth_year < 25 THEN '16-24'
       WHEN extract(year FROM started_on)::int - birth_year < 30 THEN '25-29'
       WHEN extract(year FROM started_on)::int - birth_year < 40 THEN '30-39'
       WHEN extract(year FROM started_on)::int - birth_year < 50 THEN '40-49'
       WHEN extract(year FROM started_on)::int - birth_year < 60 THEN '50-59'
       ELSE '60+' END`;

/** Every participation fact as (dimension, label, gender, n): one round trip, counted by SQL. */
const PARTICIPATION_FACTS_SQL = `
  WITH p AS (${PARTICIPATIONS_IN_PERIOD}),
  -- Reduced records keep gender and start and exit month only: every background table counts
  -- them as 'unknown', so that each adds up to the participants in the period.
  exited AS (SELECT * FROM p WHERE exited_at BETWEEN $2::date AND $3::date),
  background AS (
    SELECT gender, started_on >= $2::date AS started, ${AGE_BAND_SQL} AS age_band,
           CASE WHEN reduced THEN 'unknown' ELSE COALESCE(education, 'unknown') END AS education,
           CASE WHEN reduced THEN 'unknown'
                ELSE COALESCE(start_snapshot->>'timeInSupport', 'unknown') END AS time_in_support
      FROM p),
  before_after AS (
    SELECT * FROM exited
     WHERE NOT reduced AND start_snapshot IS NOT NULL AND exit_snapshot IS NOT NULL)
  SELECT 'flow' AS dim, 'in_period' AS label, gender, count(*)::int AS n FROM p GROUP BY gender
  UNION ALL
  SELECT 'flow', 'started', gender, count(*)::int FROM p WHERE started_on >= $2::date GROUP BY gender
  UNION ALL
  SELECT 'flow', 'exited', gender, count(*)::int FROM exited GROUP BY gender
  UNION ALL
  SELECT 'flow', 'active_at_end', gender, count(*)::int FROM p
   WHERE exited_at IS NULL OR exited_at > $3::date GROUP BY gender
  UNION ALL
  SELECT 'exit_reason', COALESCE(exit_reason, 'unknown'), gender, count(*)::int FROM exited
   GROUP BY 2, 3
  UNION ALL
  SELECT 'age_band', age_band, gender, count(*)::int FROM background GROUP BY 2, 3
  UNION ALL
  SELECT 'education', education, gender, count(*)::int FROM background GROUP BY 2, 3
  UNION ALL
  SELECT 'time_in_support', time_in_support, gender, count(*)::int FROM background GROUP BY 2, 3
  UNION ALL
  -- The starters' backgrounds: not published, they link consecutive half-years in the engine
  -- (report-builder.ts linkPeriods).
  SELECT 'started:age_band', age_band, gender, count(*)::int FROM background
   WHERE started GROUP BY 2, 3
  UNION ALL
  SELECT 'started:education', education, gender, count(*)::int FROM background
   WHERE started GROUP BY 2, 3
  UNION ALL
  SELECT 'started:time_in_support', time_in_support, gender, count(*)::int FROM background
   WHERE started GROUP BY 2, 3
  UNION ALL
  SELECT 'income_start', source, gender, count(*)::int
    FROM before_after,
         jsonb_array_elements_text(COALESCE(start_snapshot->'incomeSources', '[]'::jsonb)) source
   GROUP BY 2, 3
  UNION ALL
  SELECT 'income_exit', source, gender, count(*)::int
    FROM before_after,
         jsonb_array_elements_text(COALESCE(exit_snapshot->'incomeSources', '[]'::jsonb)) source
   GROUP BY 2, 3
  UNION ALL
  SELECT 'occupation_start', COALESCE(start_snapshot->>'occupation', 'unknown'), gender,
         count(*)::int FROM before_after GROUP BY 2, 3
  UNION ALL
  SELECT 'occupation_exit', COALESCE(exit_snapshot->>'occupation', 'unknown'), gender,
         count(*)::int FROM before_after GROUP BY 2, 3
  UNION ALL
  -- Transitions as 'start>exit' labels: one occupation per snapshot, so one pair per person.
  SELECT 'occupation_transition',
         COALESCE(start_snapshot->>'occupation', 'unknown') || '>'
           || COALESCE(exit_snapshot->>'occupation', 'unknown'),
         gender, count(*)::int FROM before_after GROUP BY 2, 3
  UNION ALL
  -- Every (start source, exit source) pair a person has; each person once per pair.
  SELECT 'income_transition', s || '>' || e, gender, count(DISTINCT id)::int
    FROM before_after,
         jsonb_array_elements_text(COALESCE(start_snapshot->'incomeSources', '[]'::jsonb)) s,
         jsonb_array_elements_text(COALESCE(exit_snapshot->'incomeSources', '[]'::jsonb)) e
   GROUP BY 2, 3`;

/**
 * The programme's group series whose dates overlap the period [$2, $3], each with every meeting
 * (its Swedish day and who attended) and every enrolment still on record (reduced records' are
 * gone) — a handful of series: the counting is done in TypeScript by libs/domain's rule
 * (docs/group-series.md, "Completion").
 */
const GROUP_SERIES_SQL = `
  SELECT s.id, s.kind, s.end_date::text AS "endDate", s.planned_meetings AS "plannedMeetings",
         s.completion_percent AS "completionPercent",
         COALESCE((
           SELECT json_agg(json_build_object(
                    'day', (cs.at AT TIME ZONE '${REPORT_TIME_ZONE}')::date::text,
                    'attended', COALESCE((
                      SELECT json_agg(sa.participant_id) FROM session_attendances sa
                       WHERE sa.session_id = cs.id AND sa.attendance = 'attended'), '[]')))
             FROM coaching_sessions cs WHERE cs.series_id = s.id), '[]') AS meetings,
         COALESCE((
           SELECT json_agg(json_build_object(
                    'participantId', e.participant_id, 'gender', p.gender,
                    'joinedOn', e.joined_on::text, 'leftOn', e.left_on::text))
             FROM group_series_enrolments e JOIN participants p ON p.id = e.participant_id
            WHERE e.series_id = s.id), '[]') AS enrolments
    FROM group_series s
   WHERE s.programme_id = $1 AND s.start_date <= $3::date AND s.end_date >= $2::date`;

interface SeriesRow {
  id: string;
  kind: string;
  endDate: string;
  plannedMeetings: number;
  completionPercent: number;
  meetings: { day: string; attended: string[] }[];
  enrolments: { participantId: string; gender: Gender; joinedOn: string; leftOn: string | null }[];
}

/**
 * The group-series facts of [from, to]: per kind the series with a meeting in the period, those
 * meetings, and attendance against the participants enrolled on each meeting's day; people
 * enrolled at some time in the period, and those of them who completed a series whose end date
 * falls in it (libs/domain seriesCompletion, as of `today`).
 */
function groupSeriesFacts(
  rows: readonly SeriesRow[],
  from: string,
  to: string,
  today: string,
): GroupSeriesFacts {
  const facts = noGroupSeries();
  const enrolled = new Map<string, Gender>();
  const completed = new Map<string, Gender>();
  for (const series of rows) {
    const inPeriod = series.meetings.filter((m) => m.day >= from && m.day <= to);
    if (inPeriod.length > 0) {
      const kind = (facts.byKind[series.kind] ??= {
        series: 0,
        meetings: 0,
        attended: 0,
        expected: 0,
      });
      kind.series += 1;
      kind.meetings += inPeriod.length;
      for (const meeting of inPeriod) {
        const present = new Set(meeting.attended);
        for (const e of series.enrolments) {
          if (!enrolledOn(e, meeting.day)) continue;
          kind.expected += 1;
          if (present.has(e.participantId)) kind.attended += 1;
        }
      }
    }
    const endsInPeriod = series.endDate >= from && series.endDate <= to;
    for (const e of series.enrolments) {
      if (e.joinedOn > to || (e.leftOn !== null && e.leftOn < from)) continue;
      enrolled.set(e.participantId, e.gender);
      if (!endsInPeriod) continue;
      const { completed: done } = seriesCompletion({
        endDate: series.endDate,
        plannedMeetings: series.plannedMeetings,
        meetingsHeld: series.meetings.length,
        completionPercent: series.completionPercent,
        enrolment: e,
        meetings: series.meetings.map((m) => ({
          day: m.day,
          attended: m.attended.includes(e.participantId),
        })),
        today,
      });
      if (done) completed.set(e.participantId, e.gender);
    }
  }
  for (const g of enrolled.values()) facts.enrolled[g] += 1;
  for (const g of completed.values()) facts.completed[g] += 1;
  return facts;
}

/**
 * The enterprise side in the period [$2, $3] (docs/enterprise-side.md): events held, agreements
 * (drafts never count) concluded in it and in force at its end with their places, enterprises
 * started. `(dim, label, a…f)`.
 */
const ENTERPRISE_SIDE_SQL = `
  SELECT 'event' AS dim, kind AS label, count(*)::int AS a, sum(attendees_total)::int AS b,
         COALESCE(sum(attendees_public_sector), 0)::int AS c,
         COALESCE(sum(attendees_social_entrepreneurs), 0)::int AS d,
         COALESCE(sum(attendees_other_sector), 0)::int AS e,
         COALESCE(sum(attendees_total) FILTER (WHERE attendees_public_sector IS NULL), 0)::int AS f
    FROM enterprise_events
   WHERE programme_id = $1 AND date BETWEEN $2::date AND $3::date
   GROUP BY kind
  UNION ALL
  SELECT 'agreement', kind,
         count(*) FILTER (WHERE start_date BETWEEN $2::date AND $3::date)::int,
         count(*) FILTER (WHERE end_date IS NULL OR end_date >= $3::date)::int,
         COALESCE(sum(work_training_places)
                    FILTER (WHERE end_date IS NULL OR end_date >= $3::date), 0)::int,
         0, 0, 0
    FROM agreements
   WHERE programme_id = $1 AND status <> 'draft' AND start_date <= $3::date
   GROUP BY kind
  UNION ALL
  SELECT 'started', CASE WHEN is_asf THEN 'asf' ELSE 'not_asf' END, count(*)::int, 0, 0, 0, 0, 0
    FROM started_enterprises
   WHERE programme_id = $1 AND started_on BETWEEN $2::date AND $3::date
   GROUP BY 2
  UNION ALL
  SELECT 'advice_kind', kind, count(*)::int, 0, 0, 0, 0, 0
    FROM advice_sessions
   WHERE programme_id = $1 AND date BETWEEN $2::date AND $3::date
   GROUP BY kind
  UNION ALL
  -- People advised (a) and their sessions (b) by gender: a person counts once, and in every
  -- session they took part in.
  SELECT 'advice_gender', c.gender, count(DISTINCT c.id)::int, count(*)::int, 0, 0, 0, 0
    FROM advice_sessions s
    JOIN advice_session_contacts sc ON sc.session_id = s.id
    JOIN entrepreneur_contacts c ON c.id = sc.contact_id
   WHERE s.programme_id = $1 AND s.date BETWEEN $2::date AND $3::date
   GROUP BY c.gender`;

/**
 * Sessions held on a day of the period with at least one participant attending: the attended
 * rows are read once (a session without any is absent from them), then counted three ways. A
 * session also counts as held by the attendances of reduced participants, kept only as its
 * anonymous count (they count in no table by gender: their rows are gone).
 */
const SESSION_FACTS_SQL = `
  WITH s AS (
    SELECT s.id, s.kind, s.anonymous_attended FROM coaching_sessions s
     WHERE s.programme_id = $1
       AND s.at >= ($2::date::timestamp AT TIME ZONE '${REPORT_TIME_ZONE}')
       AND s.at < (($3::date + 1)::timestamp AT TIME ZONE '${REPORT_TIME_ZONE}')),
  a AS (
    SELECT s.id AS session_id, s.kind, a.participant_id
      FROM s JOIN session_attendances a ON a.session_id = s.id AND a.attendance = 'attended'),
  held AS (
    SELECT session_id, kind FROM a
    UNION SELECT id, kind FROM s WHERE anonymous_attended > 0),
  g AS (SELECT a.participant_id, p.gender FROM a JOIN participants p ON p.id = a.participant_id)
  SELECT 'kind' AS dim, kind AS label, count(DISTINCT session_id)::int AS n FROM held GROUP BY kind
  UNION ALL SELECT 'attendances', gender, count(*)::int FROM g GROUP BY gender
  UNION ALL SELECT 'people', gender, count(DISTINCT participant_id)::int FROM g GROUP BY gender`;

/** Placements under way at some time in the period (started by its end, not ended before it). */
const PLACEMENTS_IN_PERIOD = `
  FROM placements pl JOIN participants p ON p.id = pl.participant_id
 WHERE p.programme_id = $1 AND pl.status <> 'planned'
   AND pl.start_date <= $3::date
   AND (pl.actual_end_date IS NULL OR pl.actual_end_date >= $2::date)`;

const PLACEMENT_FACTS_SQL = `
  SELECT pl.kind, count(*)::int AS placements,
         count(DISTINCT pl.enterprise_id)::int AS enterprises,
         count(DISTINCT pl.participant_id)::int AS participants
  ${PLACEMENTS_IN_PERIOD}
  GROUP BY ROLLUP (pl.kind)`;

/** One row per placement with the dates its follow-up schedule needs (one query, no N+1). */
const FOLLOW_UP_PLANS_SQL = `
  SELECT pl.kind, pl.start_date::text AS start,
         COALESCE(pl.actual_end_date, pl.planned_end_date)::text AS "end", pl.pauses,
         COALESCE(array_agg(f.date::text ORDER BY f.date) FILTER (WHERE f.id IS NOT NULL),
                  '{}') AS done
    FROM placements pl
    JOIN participants p ON p.id = pl.participant_id
    LEFT JOIN follow_ups f ON f.placement_id = pl.id AND f.date <= $3::date
   WHERE p.programme_id = $1 AND pl.status <> 'planned'
     AND pl.start_date <= $3::date
     AND (COALESCE(pl.actual_end_date, pl.planned_end_date) IS NULL
          OR COALESCE(pl.actual_end_date, pl.planned_end_date) >= $2::date)
   GROUP BY pl.id`;

/**
 * Step progression of the non-reduced participations in the period, from their check-ins up to
 * the period's end, as in libs/domain step-progression.ts: per rater and indicator the latest
 * minus the first score (same-day check-ins ordered start → during → exit); a participant's
 * change per indicator is the mean over raters; overall, the mean of all (rater, indicator)
 * changes; moved forward = overall mean change > 0 or a step up the ladder.
 */
/**
 * Settings for the report's and the export's read-only transaction: a few large scans, hash
 * joins and aggregates over one programme. PostgreSQL's JIT compilation costs more than it saves
 * on these (tens of milliseconds per statement, measured in docs/benchmarks.md), and the default
 * 4 MB work_mem spills their hashes and sorts to disk. Local to the transaction.
 */
export const ANALYTICAL_SETTINGS_SQL = `SELECT set_config('jit', 'off', true),
  set_config('work_mem', '64MB', true)`;

export const PROGRESSION_CTE = `
  c AS (
    SELECT c.participant_id, c.rater, c.scores, c.ladder,
           row_number() OVER (PARTITION BY c.participant_id ORDER BY c.date,
             array_position(ARRAY['start', 'during', 'exit'], c.occasion), c.created_at, c.id) AS seq
      FROM check_ins c JOIN p ON p.id = c.participant_id
     WHERE NOT p.reduced AND c.date <= $3::date),
  -- The first and the latest score of a (participant, rater, indicator): the score paired with
  -- the smallest and the largest seq, as min/max of [seq, score] arrays (arrays compare element
  -- by element), so the scores are aggregated by hashing instead of sorting every score.
  changes AS (
    SELECT c.participant_id, c.rater, kv.key AS indicator,
           (max(ARRAY[c.seq::float8, kv.value::text::float8]))[2]
             - (min(ARRAY[c.seq::float8, kv.value::text::float8]))[2] AS change
      FROM c, jsonb_each(c.scores) kv
     GROUP BY 1, 2, 3 HAVING count(*) > 1),
  ladder AS (
    SELECT participant_id,
           (max(ARRAY[seq, ladder::bigint]))[2] - (min(ARRAY[seq, ladder::bigint]))[2] AS change
      FROM c WHERE ladder IS NOT NULL GROUP BY participant_id HAVING count(*) > 1),
  -- Participants with something assessed twice (a score by the same rater, or the ladder).
  per_participant AS (
    SELECT coalesce(ch.participant_id, l.participant_id) AS participant_id,
           ch.mean_change, l.change AS ladder_change
      FROM (SELECT participant_id, avg(change) AS mean_change FROM changes GROUP BY 1) ch
      FULL JOIN ladder l ON l.participant_id = ch.participant_id)`;

const PROGRESSION_FACTS_SQL = `
  WITH p AS (${PARTICIPATIONS_IN_PERIOD}), ${PROGRESSION_CTE}
  SELECT 'indicator' AS dim, indicator AS label, count(*)::int AS n,
         avg(change)::float8 AS mean
    FROM (SELECT participant_id, indicator, avg(change) AS change FROM changes GROUP BY 1, 2) i
   GROUP BY indicator
  UNION ALL
  SELECT 'overall', 'overall', count(*)::int, avg(mean_change)::float8 FROM per_participant
  UNION ALL
  SELECT 'moved_forward', 'moved_forward', count(*)::int, NULL FROM per_participant
   WHERE mean_change > 0 OR ladder_change > 0
  ORDER BY 1, 2`;

/**
 * The first calendar year of the programme's reports: that of its period start, or of an earlier
 * participation (imported history).
 */
const FIRST_YEAR_SQL = `
  SELECT extract(year FROM LEAST($2::date,
           (SELECT min(COALESCE(enrolled_at, start_month)) FROM participants
             WHERE programme_id = $1)))::int AS year`;

/** Decided series kept in memory per process (see decideCached). */
const DECIDED_CACHE_SIZE = 20;

/** A fixed period as stored in report_publications. */
interface StoredPeriod extends FixedPeriod {
  fixedOn: string;
}

/** Thrown in the fixing transaction when another reading stored a period first. */
class FixedMeanwhile extends Error {}

interface FactRow {
  dim: string;
  label: string;
  gender: Gender;
  n: number;
}

@Injectable()
export class ReportsService {
  private readonly decided = new Map<string, DecidedPeriod[]>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly database: ReportDatabase,
    private readonly config: AppConfig,
  ) {}

  /** The programme, if the caller may see it; 404 otherwise. */
  async programme(access: Access, id: string, m?: EntityManager): Promise<ProgrammeEntity> {
    const manager = m ?? this.dataSource.manager;
    return orNotFound(
      await scopeProgrammes(manager.createQueryBuilder(ProgrammeEntity, 'p'), 'p.id', access)
        .andWhere('p.id = :id', { id })
        .getOne(),
    );
  }

  /**
   * The names of every indicator the programme's check-ins can carry (its own instruments and the
   * shared default), newest version first, for the row labels of step progression in files.
   */
  async indicatorNames(programmeId: string): Promise<IndicatorName[]> {
    const rows: { key: string; labelSv: string; labelEn: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (i->>'key') i->>'key' AS key, i->>'labelSv' AS "labelSv",
              i->>'labelEn' AS "labelEn"
         FROM instruments ins, jsonb_array_elements(ins.indicators) i
        WHERE ins.programme_id = $1 OR ins.programme_id IS NULL
        ORDER BY i->>'key', (ins.programme_id IS NULL), ins.version DESC`,
      [programmeId],
    );
    return rows;
  }

  /**
   * The report of a half-year (libs/domain report-period.ts), decided in its series: every
   * half-year from the programme's first year up to it, each suppressed against the one before it
   * as published, so that two consecutive reports cannot be set against each other to reveal a
   * hidden count (docs/reports.md "The period"). A half-year ended more than
   * REPORT_FINAL_AFTER_DAYS ago is fixed on its first reading: its decisions and report are stored
   * and served unchanged from then on, and later periods are decided against them.
   */
  async report(access: Access, id: string, from: string, to: string): Promise<ProgrammeReport> {
    const key = reportPeriodKey(from, to);
    if (key === null) throw new RangeError(`Not a report period: ${from}–${to}`);
    const today = todayIso();
    // Who may see the programme, and its settings, from the primary (a membership granted a
    // moment ago counts); the facts from the replica when there is one.
    const programme = await this.programme(access, id);
    const first = await this.decideSeries(programme, key, today, 'replica');
    // A concurrent reading fixed one of the periods first: decide again against what it stored.
    return (
      first ?? (await this.decideSeries(programme, key, today, 'primary')) ?? this.conflict(key)
    );
  }

  private conflict(key: string): never {
    throw new Error(`Report period ${key} was fixed by two readings at once, twice`);
  }

  /** The report, or null when another reading fixed one of the periods while this one decided. */
  private async decideSeries(
    programme: ProgrammeEntity,
    key: ReportPeriodKey,
    today: string,
    prefer: ReadSource,
  ): Promise<ProgrammeReport | null> {
    // One snapshot for every query, so that the tables and periods agree with each other. The
    // suppression engine (CPU only) runs after the transaction, so it holds no connection
    // (PGlite has one).
    const {
      result: { periods, fixable },
      freshness,
    } = await this.database.read(async (m) => {
      await m.query(ANALYTICAL_SETTINGS_SQL);
      const [{ year }]: { year: number }[] = await m.query(FIRST_YEAR_SQL, [
        programme.id,
        programme.periodStart,
      ]);
      // A period before the programme's first year holds nobody: decided alone, never fixed.
      const series = Number(key.slice(0, 4)) < year ? [key] : gridSeries(year, key);
      const stored: StoredPeriod[] = await m.query(
        `SELECT period_key AS key, state, report, fixed_on::text AS "fixedOn"
           FROM report_publications WHERE programme_id = $1 AND period_key = ANY($2)`,
        [programme.id, series],
      );
      const fixed = new Map(stored.map((row) => [row.key, row]));
      const periods: (GridPeriod | FixedPeriod)[] = [];
      for (const periodKey of series) {
        const known = fixed.get(periodKey);
        if (known) {
          periods.push(known);
          continue;
        }
        const period = reportPeriodOf(periodKey) as ReportPeriod;
        periods.push({
          key: periodKey,
          facts: await this.periodFacts(m, programme, period.from, period.to, today),
          context: {
            programmeId: programme.id,
            from: period.from,
            to: period.to,
            threshold: programme.suppressionThreshold,
            targets: programme.targets,
          },
        });
      }
      return { periods, fixable: Number(key.slice(0, 4)) >= year };
    }, prefer);
    const decided = await this.decideCached(periods, programme.suppressionThreshold);
    const finalBefore = addDays(today, -this.config.REPORT_FINAL_AFTER_DAYS);
    const toFix = fixable
      ? decided.filter((p) => !p.fixed && (reportPeriodOf(p.key) as ReportPeriod).to < finalBefore)
      : [];
    // A period is fixed once and for good: from the primary's facts, never a lagging replica's
    // (which may also not have replayed a period another reading fixed a moment ago).
    if (toFix.length > 0 && freshness.source === 'replica') {
      return this.decideSeries(programme, key, today, 'primary');
    }
    const fixedOn = new Map<string, string>(
      periods.flatMap((p) => ('fixedOn' in p ? [[p.key, (p as StoredPeriod).fixedOn]] : [])),
    );
    if (toFix.length > 0) {
      try {
        await this.dataSource.transaction(async (m) => {
          for (const period of toFix) {
            const inserted: unknown[] = await m.query(
              `INSERT INTO report_publications
                 (programme_id, period_key, threshold, fixed_on, state, report)
               VALUES ($1, $2, $3, $4, $5, $6)
               ON CONFLICT (programme_id, period_key) DO NOTHING RETURNING period_key`,
              [
                programme.id,
                period.key,
                programme.suppressionThreshold,
                today,
                JSON.stringify(period.state),
                JSON.stringify(period.report),
              ],
            );
            if (inserted.length === 0) throw new FixedMeanwhile();
            fixedOn.set(period.key, today);
          }
        });
      } catch (error) {
        // Another reading fixed a period first: this series was decided against another past.
        if (error instanceof FixedMeanwhile) return null;
        throw error;
      }
    }
    const report = decided.find((p) => p.key === key)?.report as ProgrammeReport;
    return {
      ...report,
      fixedOn: fixedOn.get(key) ?? null,
      readFrom: freshness.source,
      dataAsOf: freshness.dataAsOf,
      dataAgeSeconds: freshness.ageSeconds,
    };
  }

  /**
   * decideSeries is a function of its input (the engine is deterministic): the same facts and the
   * same fixed periods give the same reports, so a dashboard read again with nothing recorded in
   * between costs the facts queries only. Kept per process, the most recent DECIDED_CACHE_SIZE.
   */
  private async decideCached(
    periods: readonly (GridPeriod | FixedPeriod)[],
    threshold: number,
  ): Promise<DecidedPeriod[]> {
    const digest = createHash('sha256')
      .update(
        JSON.stringify([threshold, periods], (_key, value: unknown) =>
          value instanceof Map ? [...value.entries()] : value,
        ),
      )
      .digest('base64');
    const known = this.decided.get(digest);
    if (known) {
      this.decided.delete(digest); // most recent last
      this.decided.set(digest, known);
      return known;
    }
    const decided = await decideSeries(periods, threshold);
    this.decided.set(digest, decided);
    if (this.decided.size > DECIDED_CACHE_SIZE) {
      this.decided.delete(this.decided.keys().next().value as string);
    }
    return decided;
  }

  /** The facts of one period, read in the caller's transaction. */
  private async periodFacts(
    m: EntityManager,
    programme: ProgrammeEntity,
    from: string,
    to: string,
    today: string,
  ): Promise<ReportFacts> {
    const params = [programme.id, from, to];
    const participationRows: FactRow[] = await m.query(PARTICIPATION_FACTS_SQL, params);
    const sessionRows: FactRow[] = await m.query(SESSION_FACTS_SQL, params);
    const placementRows: {
      kind: string | null;
      placements: number;
      enterprises: number;
      participants: number;
    }[] = await m.query(PLACEMENT_FACTS_SQL, params);
    const plans: {
      kind: string;
      start: string;
      end: string | null;
      pauses: { from: string; to: string | null }[];
      done: string[];
    }[] = await m.query(FOLLOW_UP_PLANS_SQL, params);
    const progressionRows: { dim: string; label: string; n: number; mean: number | null }[] =
      await m.query(PROGRESSION_FACTS_SQL, params);
    const enterpriseRows: {
      dim: string;
      label: string;
      a: number;
      b: number;
      c: number;
      d: number;
      e: number;
      f: number;
    }[] = await m.query(ENTERPRISE_SIDE_SQL, params);
    const seriesRows: SeriesRow[] = await m.query(GROUP_SERIES_SQL, params);
    const enterpriseSide = noEnterpriseSide();
    for (const row of enterpriseRows) {
      if (row.dim === 'event') {
        enterpriseSide.events[row.label] = {
          events: row.a,
          attendees: row.b,
          publicSector: row.c,
          socialEntrepreneurs: row.d,
          otherSector: row.e,
          noSector: row.f,
        };
      } else if (row.dim === 'agreement') {
        enterpriseSide.agreements[row.label] = { concluded: row.a, inForce: row.b, places: row.c };
      } else if (row.dim === 'advice_kind') {
        enterpriseSide.advice.sessionsByKind[row.label] = row.a;
      } else if (row.dim === 'advice_gender') {
        enterpriseSide.advice.peopleByGender[row.label as Gender] = row.a;
        enterpriseSide.advice.sessionsByGender[row.label as Gender] = row.b;
      } else if (row.label === 'asf') {
        enterpriseSide.started.asf = row.a;
      } else {
        enterpriseSide.started.notAsf = row.a;
      }
    }

    const participations: ParticipationFacts = new Map();
    for (const row of participationRows) {
      const byLabel = participations.get(row.dim) ?? new Map<string, GenderCounts>();
      participations.set(row.dim, byLabel);
      const counts = byLabel.get(row.label) ?? zeroGenders();
      counts[row.gender] += row.n;
      byLabel.set(row.label, counts);
    }
    const sessionsByKind: Record<string, number> = {};
    const attendancesByGender = zeroGenders();
    const peopleReachedByGender = zeroGenders();
    for (const row of sessionRows) {
      if (row.dim === 'kind') sessionsByKind[row.label] = row.n;
      else if (row.dim === 'attendances') attendancesByGender[row.label as Gender] = row.n;
      else peopleReachedByGender[row.label as Gender] = row.n;
    }
    const placementsByKind: ReportFacts['placementsByKind'] = {};
    let placementTotals = { placements: 0, enterprises: 0, participants: 0 };
    for (const row of placementRows) {
      if (row.kind === null) placementTotals = row;
      else placementsByKind[row.kind] = row;
    }

    // The column defaults to {}: a programme without its own cadence uses the default.
    const stored = programme.followUpCadence as Partial<FollowUpCadence>;
    const cadence = stored.initialIntervalDays
      ? programme.followUpCadence
      : DEFAULT_FOLLOW_UP_CADENCE;
    const followUpsByKind: Record<string, FollowUpFacts> = {};
    for (const plan of plans) {
      const facts = (followUpsByKind[plan.kind] ??= { due: 0, done: 0, overdue: 0 });
      const schedule = followUpSchedule(
        {
          start: plan.start,
          end: plan.end,
          cadence,
          done: plan.done,
          pauses: plan.pauses.map((pause) => ({
            from: pause.from,
            to: pause.to ?? (pause.from > today ? pause.from : today),
          })),
        },
        { from, to },
        today,
      );
      for (const step of schedule) {
        // A due date still ahead (today or later) is not yet due.
        if (step.status === 'upcoming') continue;
        facts.due += 1;
        if (step.status === 'missed') facts.overdue += 1;
        else facts.done += 1;
      }
    }

    const progression: ReportFacts['progression'] = {
      indicators: [],
      assessed: 0,
      meanChange: null,
      movedForward: 0,
    };
    for (const row of progressionRows) {
      if (row.dim === 'indicator') {
        progression.indicators.push({
          indicator: row.label,
          participants: row.n,
          meanChange: row.mean,
        });
      } else if (row.dim === 'overall') {
        progression.assessed = row.n;
        progression.meanChange = row.mean;
      } else {
        progression.movedForward = row.n;
      }
    }

    return {
      participations,
      sessionsByKind,
      attendancesByGender,
      peopleReachedByGender,
      placementsByKind,
      placementTotals,
      followUpsByKind,
      enterpriseSide,
      groupSeries: groupSeriesFacts(seriesRows, from, to, today),
      progression,
    };
  }
}
