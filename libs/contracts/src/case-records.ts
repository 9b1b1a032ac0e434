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
 * has a protected identity, the record is `reduced`: only gender and the start and exit months remain
 * (`startMonth`; `exitedAt` and `consent.withdrawnAt` are then the first day of their month), with
 * the status; every other field is null, no plan, session, placement or check-in of theirs is left,
 * and only `status` and `exit` (its month; no reason is kept) can still change.
 */
export interface Participant {
  id: string;
  /** The short, non-personal reference (`P-7F3A2C91`) an admin searches the audit log by. */
  reference: string;
  programmeId: string;
  status: ParticipantStatus;
  reduced: boolean;
  gender: Gender;
  startYear: number;
  /** `YYYY-MM`: what a reduced record keeps of its start (DOMAIN.md). */
  startMonth: string;
  firstName: string | null;
  lastName: string | null;
  /** Always masked (`19900101-****`); null if none. The full number: GET …/personnummer (audited). */
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

/** A data-subject export (GDPR art. 15): everything Stegvis holds about one participation. */
export interface ParticipantExport {
  exportedAt: string;
  /** The personnummer is masked here too: it is never exported. */
  participant: Participant;
  reducedAt: string | null;
  actionPlan: {
    version: number;
    goal: string;
    steps: PlanStep[];
    updatedAt: string;
    revisions: { version: number; goal: string; steps: PlanStep[]; createdAt: string }[];
  } | null;
  /** Sessions attended; notes only of sessions with this participant alone (group notes concern others). */
  sessions: {
    id: string;
    at: string;
    durationMinutes: number;
    kind: SessionKind;
    mode: SessionMode;
    attendance: Attendance;
    group: boolean;
    notes: string | null;
  }[];
  placements: (Omit<Placement, 'followUpStatus' | 'supervisorIds' | 'version'> & {
    followUps: Omit<FollowUp, 'placementId' | 'authorId'>[];
  })[];
  checkIns: Omit<CheckIn, 'participantId'>[];
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

/**
 * `GET /api/participants` and `GET /api/participants/:id` answer a coach with the full record and
 * a supervisor with the placement view: these tell the two apart (only the full one has a
 * `reference`, only the placement view has `placementGoals`).
 */
export function isFullParticipant(p: Participant | SupervisedParticipant): p is Participant {
  return 'reference' in p;
}

export function isSupervisedParticipant(
  p: Participant | SupervisedParticipant,
): p is SupervisedParticipant {
  return !isFullParticipant(p);
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

/**
 * A supervisor's view of the plan: only the steps marked as concerning the placement (and the next
 * of those); the goal and the author are not part of it.
 */
export type SupervisedActionPlan = Omit<ActionPlan, 'goal' | 'updatedBy'>;

/** `GET /api/participants/:id/action-plan`: a coach's whole plan (with its goal), not a supervisor's. */
export function isFullActionPlan(plan: ActionPlan | SupervisedActionPlan): plan is ActionPlan {
  return 'goal' in plan;
}

export interface ActionPlanRevision {
  version: number;
  goal: string;
  steps: PlanStep[];
  createdAt: string;
  createdBy: string;
  /** The author's name as it is now in the user list; null if it could not be read. */
  createdByName: string | null;
}

/** The fields of a plan step that a diff compares (the id is what matches steps up). */
export type PlanStepField = 'text' | 'status' | 'dueDate' | 'responsible' | 'concernsPlacement';

export interface PlanStepFieldChange {
  field: PlanStepField;
  from: string | boolean | null;
  to: string | boolean | null;
}

export interface PlanStepChange {
  id: string;
  /** The step as it is in the later revision. */
  step: PlanStep;
  changes: PlanStepFieldChange[];
}

/** What changed between two revisions of a plan; steps are matched by id. */
export interface PlanDiff {
  goalChanged: boolean;
  /** Both goals when the goal changed, otherwise null. */
  goal: { from: string; to: string } | null;
  added: PlanStep[];
  removed: PlanStep[];
  changed: PlanStepChange[];
  /** The steps kept in both revisions are in a different order. */
  reordered: boolean;
}

export interface ActionPlanDiff extends PlanDiff {
  participantId: string;
  /** Version 0 is the empty plan before the first save. */
  from: number;
  to: number;
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
  /** First paused day. */
  from: string;
  /** Last paused day (the day before it resumed); null = still paused. */
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

/**
 * A placement as its supervisor reads it (GET /placements, /placements/:id): the schedule and
 * follow-up status, without the coach's end reason or the version only a coach's edit sends.
 */
export type SupervisedPlacementDetail = Omit<Placement, 'endReason' | 'version'>;

/** The placement routes: a coach's placement (with the version to edit), not a supervisor's. */
export function isFullPlacement(
  placement: Placement | SupervisedPlacementDetail,
): placement is Placement {
  return 'version' in placement;
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

/** One due date of a placement's follow-up cadence. */
export interface FollowUpScheduleItem {
  due: string;
  /** The follow-up that fulfilled it; null = none (yet). */
  doneOn: string | null;
  /** done (on time), late, missed (passed without one) or upcoming (today or later). */
  status: 'done' | 'late' | 'missed' | 'upcoming';
}

export interface DueFollowUp {
  /** The placement's id (so that list audits record which placements were shown). */
  id: string;
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
  firstDate: string;
  latestDate: string;
  /** latest − first; null = assessed only once by this rater. */
  change: number | null;
}

export interface Progression {
  participantId: string;
  indicators: IndicatorProgress[];
  /** Mean of all (rater, indicator) changes on the instrument's scale; null = nothing assessed twice. */
  meanChange: number | null;
  /** The same mean per rater; a rater is never compared with another rater's earlier scores. */
  meanChangeByRater: Partial<Record<Rater, number | null>>;
  ladder: { first: number | null; latest: number | null; change: number | null };
  movedForward: boolean;
  /**
   * Pairs of check-ins by two raters at most 14 days apart whose scores on an indicator differ by
   * 2 or more, newest first; shown, not averaged.
   */
  disagreements: {
    indicator: string;
    /** The later of the two check-ins' dates. */
    date: string;
    /** Each of the two raters' check-in dates. */
    dates: Partial<Record<Rater, string>>;
    scores: Partial<Record<Rater, number>>;
    spread: number;
  }[];
}

export interface TimelineEvent {
  kind: TimelineKind;
  at: string;
  /** The record the event comes from. */
  id: string;
  /** Short, kind-specific facts (no free text for supervisors). */
  data: Record<string, string | number | boolean | null>;
}
