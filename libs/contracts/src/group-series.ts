import type { SessionAttendance } from './case-records';
import type { GroupSeriesKind, SessionMode } from './codes';

/*
 * Group series (DOMAIN.md "Group series"): a framtidsverkstad, a business programme or a course that
 * a programme runs for a group. Participants enrol (and may leave); each meeting is a group coaching
 * session (kind `group_workshop`) with attendance per person, so the session statistics count it.
 * Case data: coaches of the programme only (the `full` view, see permissions.ts).
 */

/** A series as listed: its plan, its rule and how far it has come. */
export interface GroupSeries {
  id: string;
  programmeId: string;
  name: string;
  kind: GroupSeriesKind;
  /** Meetings planned, e.g. 8. */
  plannedMeetings: number;
  /** Planned length of one meeting in minutes (3 hours = 180); planned hours = meetings × this / 60. */
  plannedMinutesPerMeeting: number;
  startDate: string;
  endDate: string;
  /** Completion rule: attended at least this % of the meetings held while enrolled (1–100). */
  completionPercent: number;
  notes: string | null;
  /** Meetings logged so far (every logged meeting counts as held). */
  meetingsHeld: number;
  /** Participants enrolled at any time (left ones included). */
  enrolled: number;
  /** The end date has passed, or all planned meetings are held: completion is then decided. */
  ended: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One participant's enrolment and how their attendance measures up to the series' rule. */
export interface SeriesEnrolment {
  participantId: string;
  joinedOn: string;
  /** null = still enrolled. Never before `joinedOn`. */
  leftOn: string | null;
  /** Meetings of the series held on a day they were enrolled (joinedOn ≤ day ≤ leftOn). */
  meetingsHeld: number;
  /** Of those, the ones they attended (attendance `attended`). */
  attended: number;
  /** attended / meetingsHeld in percent, one decimal; null when no meeting was held yet. */
  ratePercent: number | null;
  /** null while the series runs; then whether they met the completion rule. */
  completed: boolean | null;
}

/** `GET /api/group-series/:id`: the series with every enrolment. */
export interface GroupSeriesDetail extends GroupSeries {
  enrolments: SeriesEnrolment[];
}

/** A meeting of a series: a `group_workshop` coaching session with `seriesId` set. */
export interface SeriesMeeting {
  /** The coaching session's id. */
  id: string;
  seriesId: string;
  programmeId: string;
  at: string;
  durationMinutes: number;
  mode: SessionMode;
  /** Who logged it. */
  coachId: string;
  attendance: SessionAttendance[];
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/programmes/:programmeId/group-series`. */
export interface CreateGroupSeriesRequest {
  name: string;
  kind: GroupSeriesKind;
  plannedMeetings: number;
  plannedMinutesPerMeeting: number;
  startDate: string;
  endDate: string;
  /** Default 75. */
  completionPercent?: number;
  notes?: string | null;
}

/** `PATCH /api/group-series/:id`: any of the fields. */
export type UpdateGroupSeriesRequest = Partial<CreateGroupSeriesRequest>;

/** `POST /api/group-series/:id/enrolments`. */
export interface EnrolInSeriesRequest {
  participantId: string;
  joinedOn: string;
  leftOn?: string | null;
}

/** `PATCH /api/group-series/:id/enrolments/:participantId`. */
export interface UpdateSeriesEnrolmentRequest {
  joinedOn?: string;
  leftOn?: string | null;
}

/** `POST /api/group-series/:id/meetings`. */
export interface CreateSeriesMeetingRequest {
  at: string;
  durationMinutes: number;
  mode: SessionMode;
  /** Only participants enrolled on the meeting's day (Swedish time). */
  attendance: SessionAttendance[];
  notes?: string | null;
}

/** `PUT /api/group-series/:id/meetings/:sessionId/attendance`: replaces the meeting's attendance. */
export interface TakeSeriesAttendanceRequest {
  attendance: SessionAttendance[];
}
