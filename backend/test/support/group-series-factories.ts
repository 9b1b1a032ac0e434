import type { DataSource } from 'typeorm';

/*
 * Group series records straight into the database, for tests that need one to read, change or
 * delete (the routes themselves are tested in group-series.int-spec.ts). Dates span 2026.
 */

async function one<T>(ds: DataSource, sql: string, params: unknown[]): Promise<T> {
  const [row] = (await ds.query(sql, params)) as T[];
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function seriesIn(ds: DataSource, programmeId: string): Promise<string> {
  const row = await one<{ id: string }>(
    ds,
    `INSERT INTO group_series (programme_id, name, kind, planned_meetings,
       planned_minutes_per_meeting, start_date, end_date)
     VALUES ($1, 'Framtidsverkstad', 'future_workshop', 8, 180, '2026-01-01', '2026-12-31')
     RETURNING id`,
    [programmeId],
  );
  return row.id;
}

/** A series with the participant enrolled from its start. */
export async function seriesWithEnrolment(
  ds: DataSource,
  programmeId: string,
  participantId: string,
): Promise<string> {
  const seriesId = await seriesIn(ds, programmeId);
  await ds.query(
    `INSERT INTO group_series_enrolments (series_id, participant_id, joined_on)
     VALUES ($1, $2, '2026-01-01')`,
    [seriesId, participantId],
  );
  return seriesId;
}

/** A series, the participant enrolled, and one meeting (a group session) they attended. */
export async function seriesMeetingIn(
  ds: DataSource,
  programmeId: string,
  coachId: string,
  participantId: string,
): Promise<{ seriesId: string; sessionId: string }> {
  const seriesId = await seriesWithEnrolment(ds, programmeId, participantId);
  const session = await one<{ id: string }>(
    ds,
    `INSERT INTO coaching_sessions (programme_id, series_id, at, duration_minutes, kind, mode, coach_id)
     VALUES ($1, $2, '2026-03-10T09:00:00+01:00', 180, 'group_workshop', 'on_site', $3)
     RETURNING id`,
    [programmeId, seriesId, coachId],
  );
  await ds.query(
    `INSERT INTO session_attendances (session_id, participant_id, attendance)
     VALUES ($1, $2, 'attended')`,
    [session.id, participantId],
  );
  return { seriesId, sessionId: session.id };
}
