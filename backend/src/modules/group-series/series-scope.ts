import type { EntityManager } from 'typeorm';
import type { Access } from '../../access/decorators';
import { orNotFound, scopeProgrammes } from '../../access/scoping';
import { PROGRAMME_TIME_ZONE } from '../coaching-sessions/coaching-sessions.service';
import { GroupSeriesEntity } from './group-series.entity';

/** A series in the caller's programmes, else 404 as if it did not exist. */
export function scopedSeries(m: EntityManager, access: Access) {
  return scopeProgrammes(m.createQueryBuilder(GroupSeriesEntity, 'gs'), 'gs.programmeId', access);
}

/**
 * A series for a write, locked: its enrolments and meetings change one request at a time, so the
 * enrolment rule checked for a meeting still holds when it commits.
 */
export async function lockedSeries(
  m: EntityManager,
  access: Access,
  id: string,
): Promise<GroupSeriesEntity> {
  return orNotFound(
    await scopedSeries(m, access)
      .andWhere('gs.id = :id', { id })
      .setLock('pessimistic_write', undefined, ['gs'])
      .getOne(),
  );
}

/** Meeting days and "today" are Swedish calendar days, as in the session lists. */
export const DAY_OF_AT = (column: string) =>
  `((${column}) AT TIME ZONE '${PROGRAMME_TIME_ZONE}')::date::text`;

export async function swedishToday(m: EntityManager): Promise<string> {
  const [row] = (await m.query(`SELECT ${DAY_OF_AT('now()')} AS today`)) as { today: string }[];
  if (!row) throw new Error('no today');
  return row.today;
}

export async function swedishDayOf(m: EntityManager, at: string): Promise<string> {
  const [row] = (await m.query(`SELECT ${DAY_OF_AT('CAST($1 AS timestamptz)')} AS day`, [at])) as {
    day: string;
  }[];
  if (!row) throw new Error('no day');
  return row.day;
}

/** Meetings of a series: their day, and who attended each (attendance `attended`). */
export async function meetingsOf(
  m: EntityManager,
  seriesId: string,
): Promise<{ id: string; day: string; attended: Set<string> }[]> {
  const rows = (await m.query(
    `SELECT s.id, ${DAY_OF_AT('s.at')} AS day,
            COALESCE(array_agg(a.participant_id::text) FILTER (WHERE a.attendance = 'attended'),
                     '{}') AS attended
       FROM coaching_sessions s
       LEFT JOIN session_attendances a ON a.session_id = s.id
      WHERE s.series_id = $1
      GROUP BY s.id, s.at
      ORDER BY s.at, s.id`,
    [seriesId],
  )) as { id: string; day: string; attended: string[] }[];
  return rows.map((r) => ({ id: r.id, day: r.day, attended: new Set(r.attended) }));
}
