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
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
