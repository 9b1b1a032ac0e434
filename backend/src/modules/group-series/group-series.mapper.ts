import type { GroupSeries, SeriesEnrolment, SeriesMeeting } from '@stegvis/contracts';
import type { Completion } from '@stegvis/domain';
import type {
  CoachingSessionEntity,
  SessionAttendanceEntity,
} from '../coaching-sessions/coaching-session.entity';
import type { GroupSeriesEntity, SeriesEnrolmentEntity } from './group-series.entity';

/** The coach's view of a series (the only view there is: case data, coaches only). */
export function toGroupSeries(
  s: GroupSeriesEntity,
  progress: { meetingsHeld: number; enrolled: number; ended: boolean },
): GroupSeries {
  return {
    id: s.id,
    programmeId: s.programmeId,
    name: s.name,
    kind: s.kind,
    plannedMeetings: s.plannedMeetings,
    plannedMinutesPerMeeting: s.plannedMinutesPerMeeting,
    startDate: s.startDate,
    endDate: s.endDate,
    completionPercent: s.completionPercent,
    notes: s.notes,
    meetingsHeld: progress.meetingsHeld,
    enrolled: progress.enrolled,
    ended: progress.ended,
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function toSeriesEnrolment(e: SeriesEnrolmentEntity, c: Completion): SeriesEnrolment {
  return {
    participantId: e.participantId,
    joinedOn: e.joinedOn,
    leftOn: e.leftOn,
    meetingsHeld: c.meetingsHeld,
    attended: c.attended,
    ratePercent: c.ratePercent,
    completed: c.completed,
  };
}

export function toSeriesMeeting(
  session: CoachingSessionEntity & { seriesId: string },
  attendances: readonly SessionAttendanceEntity[],
): SeriesMeeting {
  return {
    id: session.id,
    seriesId: session.seriesId,
    programmeId: session.programmeId,
    at: session.at.toISOString(),
    durationMinutes: session.durationMinutes,
    mode: session.mode,
    coachId: session.coachId,
    attendance: attendances.map((a) => ({
      participantId: a.participantId,
      attendance: a.attendance,
    })),
    notes: session.notes,
    createdAt: session.createdAt.toISOString(),
    updatedAt: session.updatedAt.toISOString(),
  };
}
