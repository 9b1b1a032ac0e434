import type {
  ActionPlan,
  ActionPlanDiff,
  ActionPlanRevision,
  CheckIn,
  CoachingSession,
  Consent,
  DueFollowUp,
  FollowUp,
  FollowUpScheduleItem,
  IndicatorProgress,
  Participant,
  ParticipantExport,
  Placement,
  PlacementPause,
  PlanStep,
  PlanStepChange,
  PlanStepFieldChange,
  Progression,
  SessionAttendance,
  Snapshot,
  SupervisedActionPlan,
  SupervisedParticipant,
  SupervisedPlacement,
  SupervisedPlacementDetail,
  TimelineEvent,
} from './case-records';
import type { Rater, TimelineKind } from './codes';
import type {
  GroupSeries,
  GroupSeriesDetail,
  SeriesEnrolment,
  SeriesMeeting,
} from './group-series';
import type { ImportError, ImportPreview, ImportPreviewRow, ImportResult } from './import-columns';
import type { View } from './permissions';

/**
 * The field allowlists of every response that carries participant data, per view (see `View` in
 * permissions.ts). A field is `true` (a value, or an array or record of values) or the name of
 * another shape (an object, or an array of objects, whose own fields are listed there). The
 * mappers build exactly these fields; the generated field-leak suite (backend/test) calls every
 * such route as every role and compares what comes back with the allowlist of the caller's view.
 */
export type FieldSpec = true | string;
type Fields<T> = { readonly [K in keyof T]-?: FieldSpec };

const planStep: Fields<PlanStep> = {
  id: true,
  text: true,
  status: true,
  dueDate: true,
  responsible: true,
  concernsPlacement: true,
};
const snapshot: Fields<Snapshot> = {
  incomeSources: true,
  timeInSupport: true,
  occupation: true,
  occupationPercent: true,
};
const consent: Fields<Consent> = { given: true, date: true, formVersion: true, withdrawnAt: true };

const participant: Fields<Participant> = {
  id: true,
  reference: true,
  programmeId: true,
  status: true,
  reduced: true,
  gender: true,
  startYear: true,
  startMonth: true,
  firstName: true,
  lastName: true,
  personnummer: true,
  birthYear: true,
  municipality: true,
  education: true,
  referredBy: true,
  protectedIdentity: true,
  responsibleCoachId: true,
  enrolledAt: true,
  consent: 'consent',
  startSnapshot: 'snapshot',
  exitSnapshot: 'snapshot',
  exitedAt: true,
  exitReason: true,
  nextStep: 'planStep',
  overdueFollowUps: true,
  version: true,
  createdAt: true,
  updatedAt: true,
};
const supervisedPlacement: Fields<SupervisedPlacement> = {
  id: true,
  enterpriseId: true,
  kind: true,
  startDate: true,
  plannedEndDate: true,
  actualEndDate: true,
  hoursPerWeek: true,
  status: true,
  nextFollowUpDue: true,
};
const supervisedParticipant: Fields<SupervisedParticipant> = {
  id: true,
  firstName: true,
  lastName: true,
  placements: 'supervisedPlacement',
  placementGoals: 'planStep',
};

const pause: Fields<PlacementPause> = { from: true, to: true };
const followUpStatus: Fields<Placement['followUpStatus']> = {
  nextDue: true,
  overdue: true,
  daysOverdue: true,
  dueCount: true,
  doneCount: true,
};
const placement: Fields<Placement> = {
  id: true,
  participantId: true,
  enterpriseId: true,
  kind: true,
  startDate: true,
  plannedEndDate: true,
  actualEndDate: true,
  hoursPerWeek: true,
  status: true,
  endReason: true,
  supervisorIds: true,
  pauses: 'pause',
  followUpStatus: 'followUpStatus',
  version: true,
};
const supervisedPlacementDetail: Fields<SupervisedPlacementDetail> = {
  id: true,
  participantId: true,
  enterpriseId: true,
  kind: true,
  startDate: true,
  plannedEndDate: true,
  actualEndDate: true,
  hoursPerWeek: true,
  status: true,
  supervisorIds: true,
  pauses: 'pause',
  followUpStatus: 'followUpStatus',
};
const followUp: Fields<FollowUp> = {
  id: true,
  placementId: true,
  date: true,
  authorId: true,
  mode: true,
  daysPresent: true,
  daysAbsent: true,
  wellbeing: true,
  notes: true,
  concern: true,
  createdAt: true,
};
const followUpScheduleItem: Fields<FollowUpScheduleItem> = {
  due: true,
  doneOn: true,
  status: true,
};
const dueFollowUp: Fields<DueFollowUp> = {
  id: true,
  placementId: true,
  participantId: true,
  participantName: true,
  enterpriseId: true,
  dueDate: true,
  overdue: true,
  daysOverdue: true,
};

const actionPlan: Fields<ActionPlan> = {
  participantId: true,
  version: true,
  goal: true,
  steps: 'planStep',
  nextStep: 'planStep',
  updatedAt: true,
  updatedBy: true,
};
const supervisedActionPlan: Fields<SupervisedActionPlan> = {
  participantId: true,
  version: true,
  steps: 'planStep',
  nextStep: 'planStep',
  updatedAt: true,
};
const planRevision: Fields<ActionPlanRevision> = {
  version: true,
  goal: true,
  steps: 'planStep',
  createdAt: true,
  createdBy: true,
  createdByName: true,
};
const planStepFieldChange: Fields<PlanStepFieldChange> = { field: true, from: true, to: true };
const planStepChange: Fields<PlanStepChange> = {
  id: true,
  step: 'planStep',
  changes: 'planStepFieldChange',
};
const planDiff: Fields<ActionPlanDiff> = {
  participantId: true,
  from: true,
  to: true,
  goalChanged: true,
  goal: 'goalChange',
  added: 'planStep',
  removed: 'planStep',
  changed: 'planStepChange',
  reordered: true,
};

const sessionAttendance: Fields<SessionAttendance> = { participantId: true, attendance: true };
const coachingSession: Fields<CoachingSession> = {
  id: true,
  programmeId: true,
  at: true,
  durationMinutes: true,
  kind: true,
  mode: true,
  coachId: true,
  participants: 'sessionAttendance',
  notes: true,
  createdAt: true,
  updatedAt: true,
};

const groupSeries: Fields<GroupSeries> = {
  id: true,
  programmeId: true,
  name: true,
  kind: true,
  plannedMeetings: true,
  plannedMinutesPerMeeting: true,
  startDate: true,
  endDate: true,
  completionPercent: true,
  notes: true,
  meetingsHeld: true,
  enrolled: true,
  ended: true,
  version: true,
  createdAt: true,
  updatedAt: true,
};
const seriesEnrolment: Fields<SeriesEnrolment> = {
  participantId: true,
  joinedOn: true,
  leftOn: true,
  meetingsHeld: true,
  attended: true,
  ratePercent: true,
  completed: true,
};
const groupSeriesDetail: Fields<GroupSeriesDetail> = {
  ...groupSeries,
  enrolments: 'seriesEnrolment',
};
const seriesMeeting: Fields<SeriesMeeting> = {
  id: true,
  seriesId: true,
  programmeId: true,
  at: true,
  durationMinutes: true,
  mode: true,
  coachId: true,
  attendance: 'sessionAttendance',
  notes: true,
  createdAt: true,
  updatedAt: true,
};

const checkIn: Fields<CheckIn> = {
  id: true,
  participantId: true,
  instrumentId: true,
  occasion: true,
  rater: true,
  date: true,
  // Keyed by the instrument's indicators: values only.
  scores: true,
  ladder: true,
  createdAt: true,
};
const indicatorProgress: Fields<IndicatorProgress> = {
  indicator: true,
  rater: true,
  first: true,
  latest: true,
  firstDate: true,
  latestDate: true,
  change: true,
};
const progression: Fields<Progression> = {
  participantId: true,
  indicators: 'indicatorProgress',
  meanChange: true,
  meanChangeByRater: 'raterValues',
  ladder: 'ladderChange',
  movedForward: true,
  disagreements: 'disagreement',
};
const disagreement: Fields<Progression['disagreements'][number]> = {
  indicator: true,
  date: true,
  dates: 'raterValues',
  scores: 'raterValues',
  spread: true,
};

const timelineEvent: Fields<TimelineEvent> = {
  kind: true,
  at: true,
  id: true,
  data: 'timelineData',
};

const exportSession: Fields<ParticipantExport['sessions'][number]> = {
  id: true,
  at: true,
  durationMinutes: true,
  kind: true,
  mode: true,
  attendance: true,
  group: true,
  notes: true,
};
const exportPlacement: Fields<ParticipantExport['placements'][number]> = {
  id: true,
  participantId: true,
  enterpriseId: true,
  kind: true,
  startDate: true,
  plannedEndDate: true,
  actualEndDate: true,
  hoursPerWeek: true,
  status: true,
  endReason: true,
  pauses: 'pause',
  followUps: 'exportFollowUp',
};
const exportFollowUp: Fields<ParticipantExport['placements'][number]['followUps'][number]> = {
  id: true,
  date: true,
  mode: true,
  daysPresent: true,
  daysAbsent: true,
  wellbeing: true,
  notes: true,
  concern: true,
  createdAt: true,
};
const exportCheckIn: Fields<ParticipantExport['checkIns'][number]> = {
  id: true,
  instrumentId: true,
  occasion: true,
  rater: true,
  date: true,
  scores: true,
  ladder: true,
  createdAt: true,
};
const participantExport: Fields<ParticipantExport> = {
  exportedAt: true,
  participant: 'participant',
  reducedAt: true,
  actionPlan: 'exportActionPlan',
  sessions: 'exportSession',
  placements: 'exportPlacement',
  checkIns: 'exportCheckIn',
};
const exportRevision: Fields<NonNullable<ParticipantExport['actionPlan']>['revisions'][number]> = {
  version: true,
  goal: true,
  steps: 'planStep',
  createdAt: true,
};
const exportActionPlan: Fields<NonNullable<ParticipantExport['actionPlan']>> = {
  version: true,
  goal: true,
  steps: 'planStep',
  updatedAt: true,
  revisions: 'exportRevision',
};

const importError: Fields<ImportError> = { field: true, code: true, message: true, params: true };
const importPreviewRow: Fields<ImportPreviewRow> = {
  row: true,
  // Keyed by the template's columns: the cells as read.
  cells: true,
  errors: 'importError',
  duplicate: true,
};
const importPreview: Fields<ImportPreview> = {
  programmeId: true,
  format: true,
  ignoredHeaders: true,
  rows: 'importPreviewRow',
  counts: 'importCounts',
};
const importResult: Fields<ImportResult> = {
  programmeId: true,
  mode: true,
  created: true,
  skipped: true,
  ids: true,
};

const page = (items: string) => ({ items, nextCursor: true }) as const;
const itemsOf = (items: string) => ({ items }) as const;
const leaves = (...names: string[]): Record<string, true> =>
  Object.fromEntries(names.map((name) => [name, true] as const));

/** The raters a view sees (and records), and the timeline kinds it shows. */
export const RATERS_BY_VIEW: Partial<
  Record<View, { sees: readonly Rater[]; records: readonly Rater[] }>
> = {
  full: { sees: ['participant', 'coach', 'supervisor'], records: ['coach', 'participant'] },
  placement: { sees: ['supervisor'], records: ['supervisor'] },
};

export const TIMELINE_KINDS_BY_VIEW: Partial<Record<View, readonly TimelineKind[]>> = {
  full: [
    'registration',
    'consent',
    'plan_revision',
    'session',
    'placement_start',
    'placement_end',
    'follow_up',
    'check_in',
    'exit',
    'reopen',
    'series_enrolment',
    'series_leave',
  ],
  placement: ['placement_start', 'placement_end', 'follow_up'],
};

/** Every shape, by name; nested fields name one of these. */
export const SHAPES: Record<string, Readonly<Record<string, FieldSpec>>> = {
  planStep,
  snapshot,
  consent,
  participant,
  participantPage: page('participant'),
  supervisedPlacement,
  supervisedParticipant,
  supervisedParticipantPage: page('supervisedParticipant'),
  personnummer: leaves('personnummer'),
  pause,
  followUpStatus,
  placement,
  placementPage: page('placement'),
  supervisedPlacementDetail,
  supervisedPlacementPage: page('supervisedPlacementDetail'),
  followUp,
  followUpPage: page('followUp'),
  followUpScheduleItem,
  followUpSchedule: itemsOf('followUpScheduleItem'),
  dueFollowUp,
  dueFollowUps: itemsOf('dueFollowUp'),
  actionPlan,
  supervisedActionPlan,
  planRevision,
  planRevisionPage: page('planRevision'),
  planStepFieldChange,
  planStepChange,
  goalChange: leaves('from', 'to'),
  planDiff,
  sessionAttendance,
  coachingSession,
  coachingSessionPage: page('coachingSession'),
  groupSeries,
  groupSeriesPage: page('groupSeries'),
  groupSeriesDetail,
  seriesEnrolment,
  seriesMeeting,
  seriesMeetingPage: page('seriesMeeting'),
  checkIn,
  checkInPage: page('checkIn'),
  indicatorProgress,
  raterValues: leaves('participant', 'coach', 'supervisor'),
  supervisorValues: leaves('supervisor'),
  ladderChange: leaves('first', 'latest', 'change'),
  disagreement,
  progression,
  supervisedProgression: { ...progression, meanChangeByRater: 'supervisorValues' },
  timelineEvent,
  supervisedTimelineEvent: { ...timelineEvent, data: 'supervisedTimelineData' },
  // The kind-specific facts of each timeline branch (backend/src/modules/timeline).
  timelineData: leaves(
    'status',
    'enrolledAt',
    'given',
    'formVersion',
    'version',
    'kind',
    'mode',
    'attendance',
    'durationMinutes',
    'placementKind',
    'enterpriseId',
    'placementId',
    'wellbeing',
    'concern',
    'occasion',
    'rater',
    'ladder',
    'reason',
    'reopened',
    'previousExitedAt',
    'previousExitReason',
    'seriesId',
    'seriesName',
    'seriesKind',
    'joinedOn',
    'leftOn',
  ),
  supervisedTimelineData: leaves(
    'placementKind',
    'enterpriseId',
    'status',
    'placementId',
    'mode',
    'wellbeing',
    'concern',
  ),
  timelinePage: page('timelineEvent'),
  supervisedTimelinePage: page('supervisedTimelineEvent'),
  participantExport,
  exportActionPlan,
  exportRevision,
  exportSession,
  exportPlacement,
  exportFollowUp,
  exportCheckIn,
  importError,
  importPreviewRow,
  importCounts: leaves('rows', 'valid', 'withErrors', 'duplicates'),
  importPreview,
  importResult,
};

/**
 * What a route that carries participant data answers, per view: the name of its shape. A view
 * missing here gets no such answer (the policy table refuses it, or the route is wrong). `none`:
 * the route answers no participant data (a 204, or a file template).
 */
export const CASE_DATA_RESPONSES = {
  participant: { full: 'participant', placement: 'supervisedParticipant' },
  participantPage: { full: 'participantPage', placement: 'supervisedParticipantPage' },
  personnummer: { full: 'personnummer' },
  participantExport: { full: 'participantExport' },
  placement: { full: 'placement', placement: 'supervisedPlacementDetail' },
  placementPage: { full: 'placementPage', placement: 'supervisedPlacementPage' },
  followUp: { full: 'followUp', placement: 'followUp' },
  followUpPage: { full: 'followUpPage', placement: 'followUpPage' },
  followUpSchedule: { full: 'followUpSchedule', placement: 'followUpSchedule' },
  dueFollowUps: { full: 'dueFollowUps', placement: 'dueFollowUps' },
  actionPlan: { full: 'actionPlan', placement: 'supervisedActionPlan' },
  planRevision: { full: 'planRevision' },
  planRevisionPage: { full: 'planRevisionPage' },
  planDiff: { full: 'planDiff' },
  coachingSession: { full: 'coachingSession' },
  coachingSessionPage: { full: 'coachingSessionPage' },
  groupSeriesPage: { full: 'groupSeriesPage' },
  groupSeriesDetail: { full: 'groupSeriesDetail' },
  seriesEnrolment: { full: 'seriesEnrolment' },
  seriesMeeting: { full: 'seriesMeeting' },
  seriesMeetingPage: { full: 'seriesMeetingPage' },
  checkIn: { full: 'checkIn', placement: 'checkIn' },
  checkInPage: { full: 'checkInPage', placement: 'checkInPage' },
  progression: { full: 'progression', placement: 'supervisedProgression' },
  timelinePage: { full: 'timelinePage', placement: 'supervisedTimelinePage' },
  importPreview: { full: 'importPreview' },
  importResult: { full: 'importResult' },
  none: {},
} as const satisfies Record<string, Partial<Record<View, string>>>;

export type CaseDataResponse = keyof typeof CASE_DATA_RESPONSES;

/** The shape a view gets of a response, or undefined when that view gets none. */
export function shapeOf(response: CaseDataResponse, view: View): string | undefined {
  const views: Partial<Record<View, string>> = CASE_DATA_RESPONSES[response];
  return views[view];
}

/**
 * The filters each list route takes, per view. A filter narrows the list by a field, so a view
 * may filter only by fields it sees: a supervisor's participant view has no status, programme or
 * responsible coach, so those filters are refused (400 naming the field), not quietly applied.
 * Paging (`limit`, `cursor`) is not a filter.
 */
export const LIST_FILTERS = {
  // search: names (coaches: also the personnummer); overdue: the follow-up due dates.
  participants: {
    full: ['search', 'status', 'programmeId', 'coachId', 'overdue'],
    placement: ['search', 'overdue'],
  },
  placements: {
    full: ['participantId', 'enterpriseId', 'status'],
    placement: ['participantId', 'enterpriseId', 'status'],
  },
  // mine: the participant's responsible coach, which only the full view holds.
  dueFollowUps: { full: ['mine'], placement: [] },
  timeline: { full: ['kinds'], placement: ['kinds'] },
  checkIns: { full: [], placement: [] },
} as const satisfies Record<string, Partial<Record<View, readonly string[]>>>;

export type FilteredList = keyof typeof LIST_FILTERS;

export const PAGING_PARAMETERS: readonly string[] = ['limit', 'cursor'];

/** The filters a view may use on a list; none for a view the list does not declare. */
export function filtersOf(list: FilteredList, view: View): readonly string[] {
  const views: Partial<Record<View, readonly string[]>> = LIST_FILTERS[list];
  return views[view] ?? [];
}
