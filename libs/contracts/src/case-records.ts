import type {
  Attendance,
  CheckInOccasion,
  EducationLevel,
  ExitReason,
  FollowUpMode,
  Gender,
  IncomeSource,
  Occupation,
  ParticipantStatus,
  PlacementKind,
  PlacementStatus,
  PlanStepStatus,
  Rater,
  ReferredBy,
  SessionKind,
  SessionMode,
  TimeInSupport,
  TimelineKind,
} from './codes';

/** The before/after snapshot funders ask for, at start and at exit. */
export interface Snapshot {
  incomeSources: IncomeSource[];
  timeInSupport: TimeInSupport | null;
  occupation: Occupation | null;
  /** Extent of the occupation in percent of full time (0–100). */
  occupationPercent: number | null;
}

export interface Consent {
  given: boolean;
  date: string | null;
  formVersion: string | null;
  withdrawnAt: string | null;
}

/**
 * One participation: a person in one programme. When consent is missing or withdrawn, or the person
 * has a protected identity, the record is `reduced`: only gender and start year remain, every other
 * field is null.
 */
export interface Participant {
  id: string;
  programmeId: string;
  status: ParticipantStatus;
  reduced: boolean;
  gender: Gender;
  startYear: number;
  firstName: string | null;
  lastName: string | null;
  /** Full number to coaches of the programme; otherwise masked (`19900101-****`); null if none. */
  personnummer: string | null;
  birthYear: number | null;
  municipality: string | null;
  education: EducationLevel | null;
  referredBy: ReferredBy | null;
  protectedIdentity: boolean;
  responsibleCoachId: string | null;
  enrolledAt: string | null;
  consent: Consent;
  startSnapshot: Snapshot | null;
  exitSnapshot: Snapshot | null;
  exitedAt: string | null;
  exitReason: ExitReason | null;
  /** The first open plan step by due date, or null. */
  nextStep: PlanStep | null;
  /** Placement follow-ups overdue today. */
  overdueFollowUps: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What a supervisor sees of a participant placed at their enterprise — nothing more, by construction. */
export interface SupervisedParticipant {
  id: string;
  firstName: string | null;
  lastName: string | null;
  placements: SupervisedPlacement[];
  /** Only plan steps marked as concerning the placement. */
  placementGoals: PlanStep[];
}

/** A placement as its supervisor needs it. */
export interface SupervisedPlacement {
  id: string;
  enterpriseId: string;
  kind: PlacementKind;
  startDate: string;
  plannedEndDate: string | null;
  actualEndDate: string | null;
  hoursPerWeek: number | null;
  status: PlacementStatus;
  /** The oldest follow-up outstanding; before today = overdue. */
  nextFollowUpDue: string | null;
}

export interface PlanStep {
  id: string;
  text: string;
  status: PlanStepStatus;
  dueDate: string | null;
  /** Who is responsible, in words ("deltagaren", "coach", a name). */
  responsible: string | null;
  /** Shown to the supervisor of the participant's placement. */
  concernsPlacement: boolean;
}

export interface ActionPlan {
  participantId: string;
  /** Pass as If-Match when saving; 0 = never saved. */
  version: number;
  goal: string;
  steps: PlanStep[];
  nextStep: PlanStep | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface ActionPlanRevision {
  version: number;
  goal: string;
  steps: PlanStep[];
  createdAt: string;
  createdBy: string;
}

export interface SessionAttendance {
  participantId: string;
  attendance: Attendance;
}

export interface CoachingSession {
  id: string;
  programmeId: string;
  at: string;
  durationMinutes: number;
  kind: SessionKind;
  mode: SessionMode;
  coachId: string;
  participants: SessionAttendance[];
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PlacementPause {
  from: string;
  to: string | null;
}

export interface Placement {
  id: string;
  participantId: string;
  enterpriseId: string;
  kind: PlacementKind;
  startDate: string;
  plannedEndDate: string | null;
  actualEndDate: string | null;
  hoursPerWeek: number | null;
  status: PlacementStatus;
  endReason: string | null;
  supervisorIds: string[];
  pauses: PlacementPause[];
  followUpStatus: {
    nextDue: string | null;
    overdue: boolean;
    daysOverdue: number;
    dueCount: number;
    doneCount: number;
  };
  version: number;
}

export interface FollowUp {
  id: string;
  placementId: string;
  date: string;
  authorId: string;
  mode: FollowUpMode;
  daysPresent: number;
  daysAbsent: number;
  /** How it is going, 1 (badly) – 5 (very well). */
  wellbeing: number;
  notes: string | null;
  concern: boolean;
  createdAt: string;
}

export interface DueFollowUp {
  placementId: string;
  participantId: string;
  participantName: string | null;
  enterpriseId: string;
  dueDate: string;
  overdue: boolean;
  daysOverdue: number;
}

export interface Indicator {
  key: string;
  labelSv: string;
  labelEn: string;
  min: number;
  max: number;
  /** Labels of the stages along the scale, low to high. */
  stagesSv: string[];
  stagesEn: string[];
}

export interface Instrument {
  id: string;
  programmeId: string | null;
  key: string;
  version: number;
  nameSv: string;
  nameEn: string;
  indicators: Indicator[];
}

export interface CheckIn {
  id: string;
  participantId: string;
  instrumentId: string;
  occasion: CheckInOccasion;
  rater: Rater;
  date: string;
  scores: Record<string, number>;
  /** Step-ladder position 0–4 (see LADDER_STEPS). */
  ladder: number | null;
  createdAt: string;
}

export interface IndicatorProgress {
  indicator: string;
  rater: Rater;
  first: number;
  latest: number;
  change: number;
}

export interface Progression {
  participantId: string;
  indicators: IndicatorProgress[];
  meanChange: number | null;
  ladder: { first: number | null; latest: number | null; change: number | null };
  movedForward: boolean;
  /** Indicators where raters' latest scores differ by 2 or more; shown, not averaged. */
  disagreements: { indicator: string; scores: Partial<Record<Rater, number>>; spread: number }[];
}

export interface TimelineEvent {
  kind: TimelineKind;
  at: string;
  /** The record the event comes from. */
  id: string;
  /** Short, kind-specific facts (no free text for supervisors). */
  data: Record<string, string | number | boolean | null>;
}
