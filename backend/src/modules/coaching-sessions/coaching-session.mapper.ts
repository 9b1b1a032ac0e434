import type { CoachingSession } from '@stegvis/contracts';
import type { CoachingSessionEntity, SessionAttendanceEntity } from './coaching-session.entity';

/** The coach's view of a session, notes included (coaches are the only role that reaches it). */
export function toCoachingSession(
  session: CoachingSessionEntity,
  attendances: readonly SessionAttendanceEntity[],
): CoachingSession {
  return {
    id: session.id,
    programmeId: session.programmeId,
    at: session.at.toISOString(),
    durationMinutes: session.durationMinutes,
    kind: session.kind,
    mode: session.mode,
    coachId: session.coachId,
    participants: attendances.map((a) => ({
      participantId: a.participantId,
      attendance: a.attendance,
    })),
    notes: session.notes,
    createdAt: session.createdAt.toISOString(),
    updatedAt: session.updatedAt.toISOString(),
  };
}
