import type { AuditAction, Gender, Locale } from './codes';
import type { Role } from './roles';
import type { ProgrammeTarget } from './targets';

/** The error body of every non-2xx answer. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** Field path (e.g. `consent.date`) → messages, on validation errors only. */
  fields?: Record<string, string[]>;
  /** On a 409 from a stale `If-Match`: the record as it is now, so the client can merge. */
  current?: unknown;
  /** A machine-readable reason where the client must react to it (see `AUTH_ERROR_CODES`). */
  code?: AuthErrorCode;
}

/**
 * Machine-readable reasons in an error body:
 * - `mfa_required` (401 on login): the password was right; send it again with `code`;
 * - `mfa_invalid` (401 on login): the password was right, the code wrong or already used;
 * - `mfa_enrollment_required` (403): the role must use multi-factor authentication; until the
 *   user has enrolled, only /api/me, the enrolment routes and logout answer;
 * - `password_change_required` (403): the password is a one-time password an admin set; until the
 *   user has chosen their own (POST /api/me/password), only GET /api/me, that route and logout
 *   answer;
 * - `reauth_required` (403): the change needs the caller to have entered their password (or TOTP
 *   code) again within the last few minutes: POST /api/auth/reauth, then retry.
 */
export const AUTH_ERROR_CODES = [
  'mfa_required',
  'mfa_invalid',
  'mfa_enrollment_required',
  'password_change_required',
  'reauth_required',
] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

export interface Page<T> {
  items: T[];
  /** Opaque; pass back as `cursor` for the next page. null = no more. */
  nextCursor: string | null;
}

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface Me extends UserSummary {
  locale: Locale;
  enterpriseId: string | null;
  programmeIds: string[];
  /** Session idle limit in seconds, so the UI can warn before it ends. */
  sessionIdleSeconds: number;
  /** Multi-factor authentication (TOTP) is on for this account. */
  mfaEnabled: boolean;
  /** The role must use MFA and the user has not enrolled: only the account page works. */
  mfaEnrollmentRequired: boolean;
  /**
   * The password is a one-time password an admin set: only the change-password page works until
   * the user has chosen their own.
   */
  mustChangePassword: boolean;
}

/** `POST /api/auth/reauth`: the password, or (with two-step verification on) a current code. */
export interface ReauthRequest {
  password?: string;
  code?: string;
}

/** `GET /api/me/mfa`: the state of the caller's multi-factor authentication. */
export interface MfaStatus {
  enabled: boolean;
  /** When it was turned on; null while off. */
  enabledAt: string | null;
  /** Unused one-time recovery codes; 0 while off. */
  recoveryCodesLeft: number;
}

/**
 * `POST /api/me/mfa/enrolment`: a new, not yet active TOTP secret (RFC 6238: SHA-1, 6 digits,
 * 30 s). Shown only here, before confirmation; never returned again.
 */
export interface MfaEnrolment {
  /** Base32, for typing into an authenticator app by hand. */
  secret: string;
  /** `otpauth://totp/…`, the content of the QR code. */
  otpauthUri: string;
  /** The QR code of `otpauthUri` as an SVG document. */
  qrSvg: string;
}

/** `POST /api/me/mfa/confirm`: MFA is on; one-time recovery codes, shown only this once. */
export interface MfaRecoveryCodes {
  recoveryCodes: string[];
}

export interface LoginResponse {
  accessToken: string;
  user: UserSummary & {
    /** Log-in with a one-time password: change it (POST /api/me/password) before anything else. */
    mustChangePassword: boolean;
  };
}

export interface User extends UserSummary {
  enterpriseId: string | null;
  programmeIds: string[];
  locale: Locale;
  disabled: boolean;
  /** Multi-factor authentication is on (an admin can reset it). */
  mfaEnabled: boolean;
  createdAt: string;
}

export type PlannedByGender = Partial<Record<Gender, number>>;

export interface FollowUpCadence {
  /** Weeks from the placement start during which follow-ups are due at `initialIntervalDays`. */
  initialWeeks: number;
  initialIntervalDays: number;
  laterIntervalDays: number;
}

/** A coach of a programme, as the choice of a participant's responsible coach. */
export interface ProgrammeCoach {
  id: string;
  name: string;
}

export interface Programme {
  id: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  intakeEnd: string | null;
  /** The programme's target catalogue, in the order the admin set it. */
  targets: ProgrammeTarget[];
  followUpCadence: FollowUpCadence;
  suppressionThreshold: number;
  createdAt: string;
  updatedAt: string;
}

export interface Enterprise {
  id: string;
  name: string;
  orgNumber: string;
  municipality: string;
  isAsf: boolean;
  /** Sector or industry in the enterprise's own words; null = not given. */
  sector: string | null;
  /** Work-training places offered, by date range (oldest first; ranges do not overlap). */
  placeOffers: PlaceOffer[];
}

/** `places` work-training places offered from `from` to `to` (null = until further notice). */
export interface PlaceOffer {
  from: string;
  to: string | null;
  places: number;
}

/**
 * `GET /api/enterprises/capacity?date=`: per enterprise, the work-training places offered on the
 * day and those in use (work-training and internship placements under way that day, any
 * programme) — counts only.
 */
export interface EnterpriseCapacity {
  /** The enterprise's id. */
  id: string;
  name: string;
  isAsf: boolean;
  sector: string | null;
  /** null = the enterprise has no offer covering the day. */
  placesOffered: number | null;
  placesInUse: number;
}

/** A supervisor of an enterprise as a coach choosing a placement's supervisors sees them. */
export interface EnterpriseSupervisor {
  id: string;
  name: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  userId: string | null;
  role: Role | null;
  action: AuditAction;
  entity: string;
  entityId: string | null;
  requestId: string | null;
  ip: string | null;
  /** The route as declared, e.g. `GET /api/participants/:id`; null for rows without one (login). */
  route: string | null;
  /** The HTTP status of a refused request (`denied`, `rejected`); null otherwise. */
  status: number | null;
  /** `rejected` only: the names of the fields that failed validation, never their values. */
  fields: string[] | null;
  /** The user's name as it is now (a disabled user keeps it); null for rows without a user. */
  userName: string | null;
  /** The user's account is disabled. */
  userDisabled: boolean;
  /** How many participations the row concerns (a list counts every one it returned). */
  participantCount: number;
  /** The short references of up to three of them, the one searched for first. */
  participantRefs: string[];
}

/** One participant's audit log for a period, for printing or as CSV (GET /api/audit-log/extract). */
export interface AuditExtract {
  participantRef: string;
  /** The period as asked (instants; `to` exclusive); null = unbounded. */
  from: string | null;
  to: string | null;
  producedAt: string;
  producedBy: { id: string; name: string; role: Role };
  /** Oldest first. */
  items: AuditEntry[];
  /** More rows than an extract holds (AUDIT_EXTRACT_LIMIT): narrow the period. */
  truncated: boolean;
}

export const AUDIT_EXTRACT_LIMIT = 5000;

/** `GET /api/audit-log/extract?format=`: JSON (default) or a CSV file. */
export const AUDIT_EXTRACT_FORMATS = ['json', 'csv'] as const;
export type AuditExtractFormat = (typeof AUDIT_EXTRACT_FORMATS)[number];

export interface Health {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
  embedded: boolean;
  version: string;
}
