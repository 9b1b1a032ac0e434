// Codes used on the wire (see shared/API.md). UI labels come from the i18n files.
export const GENDERS = ['female', 'male', 'other', 'undisclosed'] as const;
export type Gender = (typeof GENDERS)[number];

export const SESSION_KINDS = [
  'individual_coaching',
  'life_coaching',
  'business_advice',
  'group_workshop',
  'follow_up_visit',
] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const SESSION_MODES = ['on_site', 'digital', 'phone'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

export const ATTENDANCES = ['attended', 'no_show', 'cancelled'] as const;
export type Attendance = (typeof ATTENDANCES)[number];

export const PLACEMENT_KINDS = [
  'work_training',
  'internship',
  'subsidised_employment',
  'employment',
] as const;
export type PlacementKind = (typeof PLACEMENT_KINDS)[number];

export const AUDIT_ACTIONS = [
  'read',
  'create',
  'update',
  'delete',
  'export',
  'login',
  'login-failed',
  'logout',
  // A refused request of a signed-in user: 401 on a session that has ended, 403, 404 (ASVS 16.3.2).
  'denied',
  // A signed-in user's request refused as invalid input, 400 (ASVS 16.3.3).
  'rejected',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const PARTICIPANT_STATUSES = ['active', 'paused', 'exited'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

export const REFERRED_BY = [
  'municipality',
  'employment_service',
  'social_insurance',
  'region',
  'self',
  'other',
] as const;
export type ReferredBy = (typeof REFERRED_BY)[number];

export const EDUCATION_LEVELS = [
  'none_or_primary_incomplete',
  'primary',
  'upper_secondary_incomplete',
  'upper_secondary',
  'post_secondary_short',
  'university',
  'unknown',
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export const INCOME_SOURCES = [
  'sickness_benefit',
  'activity_compensation',
  'sickness_compensation',
  'unemployment_insurance',
  'activity_support',
  'establishment_allowance',
  'social_assistance',
  'salary',
  'student_finance',
  'none_or_unknown',
] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];

export const TIME_IN_SUPPORT = ['lt_1', '1_2', '2_5', 'gt_5'] as const;
export type TimeInSupport = (typeof TIME_IN_SUPPORT)[number];

export const OCCUPATIONS = [
  'employment',
  'subsidised_employment',
  'studies',
  'work_training',
  'job_seeking',
  'other',
] as const;
export type Occupation = (typeof OCCUPATIONS)[number];

export const EXIT_REASONS = [
  'work',
  'studies',
  'other_programme',
  'job_seeking',
  'sick_leave',
  'moved',
  'dropped_out',
  'registered_in_error',
  'other',
] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

export const PLAN_STEP_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type PlanStepStatus = (typeof PLAN_STEP_STATUSES)[number];

export const PLACEMENT_STATUSES = ['planned', 'active', 'paused', 'ended', 'aborted'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/**
 * The status transitions of `PATCH /api/placements/:id`: start (planned → active), pause, resume
 * (paused → active), end (→ ended) and abort (→ aborted).
 */
export const PLACEMENT_ACTIONS = ['start', 'pause', 'resume', 'end', 'abort'] as const;
export type PlacementAction = (typeof PLACEMENT_ACTIONS)[number];

export const FOLLOW_UP_MODES = ['visit', 'digital', 'phone'] as const;
export type FollowUpMode = (typeof FOLLOW_UP_MODES)[number];

export const CHECK_IN_OCCASIONS = ['start', 'during', 'exit'] as const;
export type CheckInOccasion = (typeof CHECK_IN_OCCASIONS)[number];

export const RATERS = ['participant', 'coach', 'supervisor'] as const;
export type Rater = (typeof RATERS)[number];

/** The step ladder: 0 no activity … 4 job or studies. */
export const LADDER_STEPS = [
  'no_activity',
  'preparatory_activity',
  'work_training',
  'subsidised_employment',
  'job_or_studies',
] as const;
export type LadderStep = (typeof LADDER_STEPS)[number];

export const TIMELINE_KINDS = [
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
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

// The enterprise side (DOMAIN.md "The enterprise side"): records of the programme's work with
// social enterprises. Counts and organisations only, never a person.

/** Meeting places and network events: a meeting place, a network meeting, a workshop for
 * enterprises (impact measurement, financing…), a study visit. */
export const ENTERPRISE_EVENT_KINDS = [
  'meeting_place',
  'network_meeting',
  'enterprise_workshop',
  'study_visit',
] as const;
export type EnterpriseEventKind = (typeof ENTERPRISE_EVENT_KINDS)[number];

/** Where an event's attendees come from: "28 från offentlig sektor, 12 samhällsentreprenörer". */
export const ATTENDEE_SECTORS = ['public_sector', 'social_entrepreneurs', 'other'] as const;
export type AttendeeSector = (typeof ATTENDEE_SECTORS)[number];

/** Agreements between a public body and a social enterprise: IOP (idéburet offentligt
 * partnerskap), a reserved contract, procurement with social requirements, other cooperation. */
export const AGREEMENT_KINDS = [
  'iop',
  'reserved_contract',
  'social_procurement',
  'other_cooperation',
] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

/**
 * An agreement's state: `draft` — being negotiated, not concluded (not counted as concluded);
 * `active` — concluded and in force; `ended` — concluded, no longer in force (needs an end date).
 */
export const AGREEMENT_STATUSES = ['draft', 'active', 'ended'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** Advice to people who run or plan a social enterprise: business advice (affärsrådgivning), life
 * coaching for entrepreneurs, other. */
export const ADVICE_KINDS = ['business_advice', 'life_coaching', 'other'] as const;
export type AdviceKind = (typeof ADVICE_KINDS)[number];

/** One person advised, or a group. */
export const ADVICE_FORMATS = ['individual', 'group'] as const;
export type AdviceFormat = (typeof ADVICE_FORMATS)[number];

/** Group series (DOMAIN.md "Group series"): a framtidsverkstad, a business programme, a course. */
export const GROUP_SERIES_KINDS = [
  'future_workshop',
  'business_programme',
  'course',
  'other',
] as const;
export type GroupSeriesKind = (typeof GROUP_SERIES_KINDS)[number];
