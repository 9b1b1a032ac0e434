import type { Attendance } from '@stegvis/contracts';
import { addDays, todayIso } from '@stegvis/domain';
import type { EntityManager } from 'typeorm';
import {
  CoachingSessionEntity,
  SessionAttendanceEntity,
} from '../modules/coaching-sessions/coaching-session.entity';
import {
  GroupSeriesEntity,
  SeriesEnrolmentEntity,
} from '../modules/group-series/group-series.entity';

/**
 * The demo programme's group series (issue 14, part 1), dated from today like the other demo
 * records: a framtidsverkstad of 8 meetings × 3 hours for four women that has ended after 6
 * meetings (one woman completed: all 6; one joined late and left early), and a 10-week business
 * programme for six women that is running. Meetings are group_workshop sessions with attendance.
 */
export async function seedDemoGroupSeries(
  m: EntityManager,
  options: { programmeId: string; coachId: string },
): Promise<void> {
  const { programmeId, coachId } = options;
  const today = todayIso();
  const workshopStart = addDays(today, -84);
  const businessStart = addDays(today, -35);
  // Women of the programme with a record (not reduced, not exited) from before both series.
  const women = (
    (await m.query(
      `SELECT id FROM participants
        WHERE programme_id = $1 AND gender = 'female' AND reduced_at IS NULL
          AND exited_at IS NULL AND enrolled_at <= $2
        ORDER BY enrolled_at, id LIMIT 8`,
      [programmeId, workshopStart],
    )) as { id: string }[]
  ).map((r) => r.id);
  if (women.length < 6) return;

  const meeting = async (
    seriesId: string,
    day: string,
    minutes: number,
    attendance: [string, Attendance][],
  ) => {
    const session = await m.save(
      m.create(CoachingSessionEntity, {
        programmeId,
        seriesId,
        at: new Date(`${day}T13:00:00+01:00`),
        durationMinutes: minutes,
        kind: 'group_workshop',
        mode: 'on_site',
        coachId,
        notes: null,
      }),
    );
    await m.insert(
      SessionAttendanceEntity,
      attendance.map(([participantId, a]) => ({
        sessionId: session.id,
        participantId,
        attendance: a,
      })),
    );
  };

  // Framtidsverkstad: weekly, 8 planned, 6 held before the end date passed.
  const workshop = await m.save(
    m.create(GroupSeriesEntity, {
      programmeId,
      name: 'Framtidsverkstad – drömmar och nästa steg (demo)',
      kind: 'future_workshop',
      plannedMeetings: 8,
      plannedMinutesPerMeeting: 180,
      startDate: workshopStart,
      endDate: addDays(workshopStart, 56),
      completionPercent: 75,
      notes: 'Tre utrikes födda och en svenskfödd kvinna. Torsdagar 13–16 på Stadsbiblioteket.',
    }),
  );
  const [a, b, c, d] = women as [string, string, string, string];
  const day = (k: number) => addDays(workshopStart, 7 * k);
  await m.insert(SeriesEnrolmentEntity, [
    { seriesId: workshop.id, participantId: a, joinedOn: workshopStart, leftOn: null },
    { seriesId: workshop.id, participantId: b, joinedOn: workshopStart, leftOn: null },
    // Joined at the second meeting, left after the fourth (a job interview came through).
    { seriesId: workshop.id, participantId: c, joinedOn: day(1), leftOn: day(3) },
    { seriesId: workshop.id, participantId: d, joinedOn: workshopStart, leftOn: null },
  ]);
  // a: 6 of 6 (completed); b: 4 of 6; c: 2 of the 3 held while enrolled; d: 3 of 6.
  const present: Record<number, string[]> = {
    0: [a, b, d],
    1: [a, b, c],
    2: [a, c],
    3: [a, b, d],
    4: [a, b],
    5: [a, d],
  };
  for (let k = 0; k < 6; k++) {
    const enrolledThen = k >= 1 && k <= 3 ? [a, b, c, d] : [a, b, d];
    await meeting(
      workshop.id,
      day(k),
      180,
      enrolledThen.map((p) => [p, present[k]?.includes(p) ? 'attended' : 'no_show']),
    );
  }

  // Affärsprogram: 10 weekly meetings of 2.5 hours, running; 5 held so far.
  const business = await m.save(
    m.create(GroupSeriesEntity, {
      programmeId,
      name: 'Affärsprogram för kvinnor – från idé till företag (demo)',
      kind: 'business_programme',
      plannedMeetings: 10,
      plannedMinutesPerMeeting: 150,
      startDate: businessStart,
      endDate: addDays(businessStart, 70),
      completionPercent: 75,
      notes: 'Affärsidé, budget, marknadsföring och att starta eget, med företagsrådgivare.',
    }),
  );
  const group = women.slice(0, 6);
  await m.insert(
    SeriesEnrolmentEntity,
    group.map((participantId) => ({
      seriesId: business.id,
      participantId,
      joinedOn: businessStart,
      leftOn: null,
    })),
  );
  for (let k = 0; k < 5; k++) {
    await meeting(
      business.id,
      addDays(businessStart, 7 * k),
      150,
      group.map((p, i) => [p, (i + k) % 5 === 4 ? 'cancelled' : 'attended']),
    );
  }
}
