import type { AuditAction, Gender, Locale } from './codes';
import type { Role } from './roles';

/** The error body of every non-2xx answer. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** Field path (e.g. `consent.date`) → messages, on validation errors only. */
  fields?: Record<string, string[]>;
  /** On a 409 from a stale `If-Match`: the record as it is now, so the client can merge. */
  current?: unknown;
}

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
}

export interface LoginResponse {
  accessToken: string;
  user: UserSummary;
}

export interface User extends UserSummary {
  enterpriseId: string | null;
  programmeIds: string[];
  locale: Locale;
  disabled: boolean;
  createdAt: string;
}

export type PlannedByGender = Partial<Record<Gender, number>>;

export interface ProgrammeTargets {
  plannedParticipants: PlannedByGender;
  placements: number | null;
  sessionsPerParticipant: number | null;
  /** Share of women, in percent, that counts as a balanced split. */
  genderSplit: { minPercent: number; maxPercent: number } | null;
}

export interface FollowUpCadence {
  /** Weeks from the placement start during which follow-ups are due at `initialIntervalDays`. */
  initialWeeks: number;
  initialIntervalDays: number;
  laterIntervalDays: number;
}

export interface Programme {
  id: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  intakeEnd: string | null;
  targets: ProgrammeTargets;
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
}

export interface Health {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
  embedded: boolean;
  version: string;
}
