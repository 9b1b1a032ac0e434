import type { AuditExtractFormat, FollowUpCadence } from './api';
import type { SessionAttendance } from './case-records';
import type {
  AuditAction,
  CheckInOccasion,
  EducationLevel,
  ExitReason,
  FollowUpMode,
  Gender,
  IncomeSource,
  Locale,
  Occupation,
  ParticipantStatus,
  PlacementAction,
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
import type { CsvDelimiter, ExportFormat, ReportFormat } from './reports';
import type { ImportFormat, ImportMode } from './import-columns';
import type { Role } from './roles';
import type { ProgrammeTargetInput } from './targets';

/*
 * What the API takes: request bodies (`…Request`, with their nested `…Input` parts) and query
 * parameters (`…Query`), declared once. The backend's class-validator DTOs `implements` these
 * (backend/src/contract.spec.ts checks that every `@Body()` and `@Query()` class does), and the
 * frontend's API layer sends exactly these types. Query values are typed as the server reads them
 * after its transform (numbers, booleans, lists); on the wire they are strings (lists
 * comma-separated). The requests of the enterprise side and the group series sit next to their
 * responses (enterprise-side.ts, group-series.ts).
 */

/** Paging of a list: at most `limit` items, from `cursor` (a previous page's `nextCursor`). */
export interface PageQuery {
  limit?: number;
  cursor?: string;
}

/** A status a participation can be set to by an edit; `exited` only through an exit. */
export type EditableParticipantStatus = Exclude<ParticipantStatus, 'exited'>;

// --- Sign-in and the caller's own account -------------------------------------------------------

/** `POST /api/auth/login`. */
export interface LoginRequest {
  email: string;
  password: string;
  /**
   * For accounts with two-step verification: the 6-digit code from the authenticator app, or an
   * unused recovery code. Without it such an account answers 401 with `code: "mfa_required"`.
   */
  code?: string;
}

/** `PATCH /api/me`. */
export interface UpdateMeRequest {
  locale?: Locale;
  name?: string;
}

/** `POST /api/me/password`: ends the caller's other sessions. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** `POST /api/me/mfa/enrolment`: the current password, asked again before the second factor changes. */
export interface StartMfaEnrolmentRequest {
  password: string;
}

/** `POST /api/me/mfa/confirm`: the code the authenticator app shows for the new secret. */
export interface ConfirmMfaRequest {
  code: string;
}

/** `POST /api/me/mfa/disable`: the password and a current code (or an unused recovery code). */
export interface DisableMfaRequest {
  password: string;
  code: string;
}

// --- Users (admin) -------------------------------------------------------------------------------

/** `GET /api/users`. */
export interface ListUsersQuery extends PageQuery {
  /** Part of the name or e-mail address. */
  search?: string;
  role?: Role;
}

/** `POST /api/users`. */
export interface CreateUserRequest {
  email: string;
  name: string;
  role: Role;
  /** Checked against the password policy (≥ 12 characters, not a common password). */
  password: string;
  /** Required for supervisors, refused for the other roles. */
  enterpriseId?: string;
  /** Programmes a coach or lead belongs to. */
  programmeIds?: string[];
  locale?: Locale;
}

/** `PATCH /api/users/:id`. */
export interface UpdateUserRequest {
  name?: string;
  role?: Role;
  enterpriseId?: string | null;
  programmeIds?: string[];
  /** true ends every session of the user at once. */
  disabled?: boolean;
  /** A new password set by the admin (a reset); ends the user's sessions. */
  password?: string;
}

// --- Programmes, instruments and enterprises (admin) ---------------------------------------------

/** `POST /api/programmes`. */
export interface CreateProgrammeRequest {
  name: string;
  periodStart: string;
  periodEnd: string;
  intakeEnd?: string | null;
  /** The target catalogue; a PATCH replaces the whole list. */
  targets?: ProgrammeTargetInput[];
  /** Default: weekly for the first 4 weeks, then every 30 days. */
  followUpCadence?: FollowUpCadence;
  /** Small-cell suppression threshold k (default 5, at least 3). */
  suppressionThreshold?: number;
}

/** `PATCH /api/programmes/:id`: any of the fields. */
export type UpdateProgrammeRequest = Partial<CreateProgrammeRequest>;

/** One indicator of a new instrument (the same fields as `Indicator`). */
export interface IndicatorInput {
  key: string;
  labelSv: string;
  labelEn: string;
  min: number;
  max: number;
  /** Stage labels, low to high: one per point of the scale, or fewer that divide it evenly. */
  stagesSv: string[];
  stagesEn: string[];
}

/** `POST /api/instruments`: posting an existing key of the programme creates its next version. */
export interface CreateInstrumentRequest {
  programmeId: string;
  key: string;
  nameSv: string;
  nameEn: string;
  indicators: IndicatorInput[];
}

/** `GET /api/instruments`: the shipped instruments plus those of the programme given. */
export interface ListInstrumentsQuery {
  programmeId?: string;
  /** The programme of this participant (404 if not visible). */
  participantId?: string;
}

/** A place offer as sent: `to` left out or null = until further notice. */
export interface PlaceOfferInput {
  from: string;
  to?: string | null;
  places: number;
}

/** `POST /api/enterprises`. */
export interface CreateEnterpriseRequest {
  name: string;
  /** NNNNNN-NNNN, dash optional; stored normalised. */
  orgNumber: string;
  municipality: string;
  /** Arbetsintegrerande socialt företag. */
  isAsf?: boolean;
  sector?: string | null;
  /** The whole list of offers (replaces the stored one on PATCH). */
  placeOffers?: PlaceOfferInput[];
}

/** `PATCH /api/enterprises/:id`: any of the fields. */
export type UpdateEnterpriseRequest = Partial<CreateEnterpriseRequest>;

/** `GET /api/enterprises/capacity`. */
export interface CapacityQuery {
  /** The day (default today). */
  date?: string;
}

// --- Participants ---------------------------------------------------------------------------------

/** The before/after snapshot as sent: only the income sources must be given. */
export interface SnapshotInput {
  incomeSources: IncomeSource[];
  timeInSupport?: TimeInSupport | null;
  occupation?: Occupation | null;
  /** 0–100. */
  occupationPercent?: number | null;
}

/** Consent as registered with a new participant. */
export interface ConsentInput {
  given: boolean;
  date?: string | null;
  formVersion?: string | null;
}

/** A change of consent: `given: false` or a `withdrawnAt` date withdraws it (the record is reduced). */
export interface ConsentChangeInput {
  given?: boolean;
  date?: string | null;
  formVersion?: string | null;
  withdrawnAt?: string;
}

/** The end of a participation: its day, reason and exit snapshot. */
export interface ExitInput {
  date: string;
  reason: ExitReason;
  snapshot?: SnapshotInput | null;
}

/** `GET /api/participants`. A supervisor may filter by `search` and `overdue` only. */
export interface ListParticipantsQuery extends PageQuery {
  /** Part of the first or last name; or (coaches) a personnummer, in full or its last four digits. */
  search?: string;
  status?: ParticipantStatus;
  programmeId?: string;
  /** The responsible coach. */
  coachId?: string;
  /** true = only those with an overdue placement follow-up. */
  overdue?: boolean;
}

/** `POST /api/participants`. Without consent, or with protected identity, the record is reduced. */
export interface CreateParticipantRequest {
  programmeId: string;
  /** Required unless the record is reduced. */
  firstName?: string;
  lastName?: string;
  gender: Gender;
  /** Derived from the personnummer when one is given. */
  birthYear?: number;
  /** The start year and month are those of this day. */
  enrolledAt: string;
  consent: ConsentInput;
  /** YYYYMMDD-NNNN or 12 digits. */
  personnummer?: string | null;
  municipality?: string | null;
  education?: EducationLevel | null;
  referredBy?: ReferredBy | null;
  protectedIdentity?: boolean;
  /** A coach of the programme; default: the caller. */
  responsibleCoachId?: string | null;
  startSnapshot?: SnapshotInput | null;
}

/** `PATCH /api/participants/:id` (If-Match): only the fields that change. */
export interface UpdateParticipantRequest {
  firstName?: string;
  lastName?: string;
  gender?: Gender;
  birthYear?: number;
  /** null removes it. */
  personnummer?: string | null;
  municipality?: string | null;
  education?: EducationLevel | null;
  referredBy?: ReferredBy | null;
  /** true reduces the record. */
  protectedIdentity?: boolean;
  responsibleCoachId?: string | null;
  /** On an exited participant this re-opens the participation. */
  status?: EditableParticipantStatus;
  startSnapshot?: SnapshotInput | null;
  /** Ends the participation: status becomes exited. */
  exit?: ExitInput;
  consent?: ConsentChangeInput;
}

/** `POST /api/participants/:id/reopening` (If-Match): undo an exit, with a reason. */
export interface ReopenParticipationRequest {
  reason: string;
  /** Default active. */
  status?: EditableParticipantStatus;
}

/** `POST /api/participants/:id/erasure`: the reason is stored on the record, never in the audit log. */
export interface EraseParticipantRequest {
  reason: string;
}

/** `GET /api/participants/:id/timeline`. */
export interface TimelineQuery extends PageQuery {
  /** The kinds to include (comma-separated on the wire); all when absent. */
  kinds?: TimelineKind[];
}

// --- Action plans ---------------------------------------------------------------------------------

/** A step of a plan as saved. */
export interface PlanStepInput {
  /** A step of this plan, kept; leave out for a new step (the server gives it an id). */
  id?: string;
  text: string;
  status: PlanStepStatus;
  dueDate?: string | null;
  /** Who is responsible, in words ("deltagaren", "coach", a name). */
  responsible?: string | null;
  /** Shown to the supervisor of the participant's placement. */
  concernsPlacement?: boolean;
}

/** `PUT /api/participants/:id/action-plan` (If-Match): the whole plan; the steps in this order. */
export interface SaveActionPlanRequest {
  goal: string;
  steps: PlanStepInput[];
}

/** `GET /api/participants/:id/action-plan/revisions`. */
export type ListRevisionsQuery = PageQuery;

/** `GET /api/participants/:id/action-plan/diff`: version 0 is the empty plan before the first save. */
export interface DiffQuery {
  from: number;
  to: number;
}

// --- Coaching sessions ----------------------------------------------------------------------------

/** `POST /api/coaching-sessions`. Several participants only for group_workshop and business_advice. */
export interface CreateCoachingSessionRequest {
  /** An instant with an offset, e.g. `2026-03-10T09:00:00+01:00`. */
  at: string;
  durationMinutes: number;
  kind: SessionKind;
  mode: SessionMode;
  participants: SessionAttendance[];
  /** Seen by coaches only. */
  notes?: string | null;
}

/** `PATCH /api/coaching-sessions/:id`: any of the fields; `participants` replaces the list. */
export type UpdateCoachingSessionRequest = Partial<CreateCoachingSessionRequest>;

/** `GET /api/coaching-sessions`. */
export interface ListCoachingSessionsQuery extends PageQuery {
  /** Sessions this participant attended (or was booked for). */
  participantId?: string;
  /** Sessions logged by this coach. */
  coachId?: string;
  /** true = only group sessions; false = only the others. */
  group?: boolean;
  /** First day, inclusive (Swedish time). */
  from?: string;
  /** Last day, inclusive (Swedish time). */
  to?: string;
}

// --- Placements and follow-ups --------------------------------------------------------------------

/** `POST /api/placements`. A start date in the future makes it `planned`, else `active`. */
export interface CreatePlacementRequest {
  participantId: string;
  enterpriseId: string;
  kind: PlacementKind;
  startDate: string;
  plannedEndDate?: string | null;
  hoursPerWeek?: number | null;
  /** Supervisors (users with role supervisor) at the enterprise. */
  supervisorIds?: string[];
}

/**
 * `PATCH /api/placements/:id` (If-Match): field changes and, optionally, one status transition
 * on `date` (required with `action`); ending or aborting needs a `reason`.
 */
export interface UpdatePlacementRequest {
  plannedEndDate?: string | null;
  hoursPerWeek?: number | null;
  supervisorIds?: string[];
  action?: PlacementAction;
  date?: string;
  reason?: string;
}

/** `GET /api/placements`. */
export interface ListPlacementsQuery extends PageQuery {
  participantId?: string;
  enterpriseId?: string;
  status?: PlacementStatus;
}

/** `POST /api/placements/:id/follow-ups`. */
export interface CreateFollowUpRequest {
  /** Not in the future, not before the placement started. */
  date: string;
  mode: FollowUpMode;
  /** Days present since the last follow-up. */
  daysPresent: number;
  daysAbsent: number;
  /** How it is going, 1 (badly) – 5 (very well). */
  wellbeing: number;
  notes?: string | null;
  concern?: boolean;
}

/** `GET /api/follow-ups/due`. */
export interface DueFollowUpsQuery {
  /** Coaches: only participants they are responsible coach for. */
  mine?: boolean;
}

// --- Check-ins ------------------------------------------------------------------------------------

/** `POST /api/participants/:id/check-ins`. */
export interface CreateCheckInRequest {
  instrumentId: string;
  occasion: CheckInOccasion;
  /** Coaches: `coach` (default) or `participant`; supervisors: `supervisor` only (default). */
  rater?: Rater;
  /** Not in the future. */
  date: string;
  /** Indicator key → integer score within the indicator's scale (at least one). */
  scores: Record<string, number>;
  /** Step ladder 0–4 (see LADDER_STEPS). */
  ladder?: number | null;
}

/** `GET /api/participants/:id/check-ins`. */
export type ListCheckInsQuery = PageQuery;

// --- Reports, exports and the participant import --------------------------------------------------

/** `GET /api/programmes/:id/report`: a calendar half-year or year. */
export interface ReportQuery {
  /** 1 January or 1 July. */
  from: string;
  /** 30 June or 31 December, inclusive. */
  to: string;
  /** Default json. */
  format?: ReportFormat;
  /** CSV only; semicolon for Swedish Excel. */
  delimiter?: CsvDelimiter;
  /** Language of file headings; default sv. */
  lang?: Locale;
}

/** `GET /api/programmes/:id/export`: the anonymised row-level export. */
export interface ExportQuery {
  format: ExportFormat;
  /** Only participations in this period (`from` with `to`). */
  from?: string;
  to?: string;
  delimiter?: CsvDelimiter;
  lang?: Locale;
}

/** `GET /api/participant-imports/template`. */
export interface ImportTemplateQuery {
  /** Default xlsx. */
  format?: ImportFormat;
}

/** `POST /api/programmes/:id/participant-imports`. */
export interface ImportQuery {
  /** all (default): save nothing unless every row is valid; valid: save the valid rows only. */
  mode?: ImportMode;
}

// --- Audit log (admin) ----------------------------------------------------------------------------

/** `GET /api/audit-log`. */
export interface ListAuditLogQuery extends PageQuery {
  /** "Who viewed or changed this record?" */
  entityId?: string;
  /** A participant's short reference (`P-7F3A2C91`): every row concerning that participation. */
  participantRef?: string;
  userId?: string;
  action?: AuditAction;
  entity?: string;
  /** An ISO 8601 instant or day. */
  from?: string;
  to?: string;
}

/** `GET /api/audit-log/extract`: one participant's log for a period. */
export interface AuditExtractQuery {
  participantRef: string;
  from?: string;
  /** Exclusive. */
  to?: string;
  format?: AuditExtractFormat;
  /** Language of the CSV's words; default sv. */
  lang?: Locale;
}
