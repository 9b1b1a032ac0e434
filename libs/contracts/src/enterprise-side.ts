import type {
  AgreementKind,
  AgreementStatus,
  AdviceFormat,
  AdviceKind,
  AttendeeSector,
  EnterpriseEventKind,
  Gender,
} from './codes';

/*
 * The enterprise side of a programme (DOMAIN.md "The enterprise side"): meeting places and network
 * events, agreements between public bodies and social enterprises, and enterprises started. These
 * are organisational records — counts and organisations, never a person — read in the `directory`
 * view (see permissions.ts).
 */

export type AttendeesBySector = Record<AttendeeSector, number>;
export type AttendeesByGender = Record<Gender, number>;

/** A meeting place, network meeting, workshop for enterprises or study visit: counts only. */
export interface EnterpriseEvent {
  id: string;
  programmeId: string;
  date: string;
  title: string;
  kind: EnterpriseEventKind;
  /** Everyone who came: as given, or the sum of the sector counts when no total was given. */
  attendeesTotal: number;
  /** null = not broken down by sector. When given, the counts add up to `attendeesTotal`. */
  attendeesBySector: AttendeesBySector | null;
  /** null = not broken down by gender. When given, the counts add up to `attendeesTotal`. */
  attendeesByGender: AttendeesByGender | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * `POST /api/programmes/:programmeId/enterprise-events`. Give `attendeesTotal`, `attendeesBySector`
 * or both (then they must add up); a sector or gender left out of its object counts 0.
 */
export interface CreateEnterpriseEventRequest {
  date: string;
  title: string;
  kind: EnterpriseEventKind;
  attendeesTotal?: number | null;
  attendeesBySector?: Partial<AttendeesBySector> | null;
  attendeesByGender?: Partial<AttendeesByGender> | null;
}

/**
 * `PATCH /api/enterprise-events/:id` (If-Match): any of the fields; a breakdown given replaces the
 * stored one, null removes it. The counts as they end up must add up.
 */
export type UpdateEnterpriseEventRequest = Partial<CreateEnterpriseEventRequest>;

/** An agreement between a municipality (or other public body) and a social enterprise. */
export interface Agreement {
  id: string;
  programmeId: string;
  enterpriseId: string;
  /** The enterprise's name, for lists. */
  enterpriseName: string;
  kind: AgreementKind;
  /** The public body: "Eskilstuna kommun", "Region Sörmland". */
  counterparty: string;
  startDate: string;
  /** null = open-ended. Never before `startDate`. */
  endDate: string | null;
  /** Work-training places the agreement covers. */
  workTrainingPlaces: number;
  status: AgreementStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/programmes/:programmeId/agreements`. */
export interface CreateAgreementRequest {
  enterpriseId: string;
  kind: AgreementKind;
  counterparty: string;
  startDate: string;
  endDate?: string | null;
  /** Default 0. */
  workTrainingPlaces?: number;
  /** Default `active`. `ended` needs an `endDate`. */
  status?: AgreementStatus;
}

/** `PATCH /api/agreements/:id` (If-Match): the enterprise of an agreement stays. */
export type UpdateAgreementRequest = Partial<Omit<CreateAgreementRequest, 'enterpriseId'>>;

/** A social enterprise started during the programme: a registered enterprise, or only a name. */
export interface StartedEnterprise {
  id: string;
  programmeId: string;
  /** The registered enterprise; null when only a name was recorded. */
  enterpriseId: string | null;
  /** The registered enterprise's name, or the name recorded. */
  name: string;
  startedOn: string;
  /** An arbetsintegrerande socialt företag (work-integration social enterprise). */
  isAsf: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/programmes/:programmeId/enterprises-started`: `enterpriseId` or `name`, not both. */
export interface CreateStartedEnterpriseRequest {
  enterpriseId?: string | null;
  name?: string | null;
  startedOn: string;
  isAsf: boolean;
}

/**
 * `PATCH /api/enterprises-started/:id` (If-Match): setting one of `enterpriseId` and `name` sets
 * the other to null.
 */
export type UpdateStartedEnterpriseRequest = Partial<CreateStartedEnterpriseRequest>;

/**
 * Someone advised: a person who runs or plans a social enterprise. Only a name or initials, the
 * gender and the enterprise (null = the idea stage) — never case data.
 */
export interface EntrepreneurContact {
  id: string;
  programmeId: string;
  name: string;
  gender: Gender;
  /** The registered enterprise they run or work at; null = planning one (idea stage). */
  enterpriseId: string | null;
  enterpriseName: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/programmes/:programmeId/entrepreneur-contacts`. */
export interface CreateEntrepreneurContactRequest {
  name: string;
  gender: Gender;
  enterpriseId?: string | null;
}

/** `PATCH /api/entrepreneur-contacts/:id` (If-Match). */
export type UpdateEntrepreneurContactRequest = Partial<CreateEntrepreneurContactRequest>;

/** One advice session: individual (one contact) or group (one or more). */
export interface AdviceSession {
  id: string;
  programmeId: string;
  date: string;
  kind: AdviceKind;
  format: AdviceFormat;
  durationMinutes: number;
  contactIds: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/programmes/:programmeId/advice-sessions`: contacts of the same programme. */
export interface CreateAdviceSessionRequest {
  date: string;
  kind: AdviceKind;
  format: AdviceFormat;
  durationMinutes: number;
  contactIds: string[];
}

/** `PATCH /api/advice-sessions/:id` (If-Match): with `contactIds`, the list replaces the session's. */
export type UpdateAdviceSessionRequest = Partial<CreateAdviceSessionRequest>;
