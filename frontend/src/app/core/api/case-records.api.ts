import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ActionPlan,
  ActionPlanDiff,
  ActionPlanRevision,
  Attendance,
  CheckIn,
  CheckInOccasion,
  CoachingSession,
  Consent,
  DueFollowUp,
  Enterprise,
  FollowUp,
  FollowUpMode,
  Gender,
  Instrument,
  Page,
  EducationLevel,
  Participant,
  ParticipantExport,
  ParticipantStatus,
  Placement,
  PlacementKind,
  PlanStepStatus,
  Programme,
  ProgrammeCoach,
  Progression,
  Rater,
  ReferredBy,
  SessionKind,
  SessionMode,
  Snapshot,
  SupervisedParticipant,
  TimelineEvent,
  TimelineKind,
} from '@stegvis/contracts';
import { firstValueFrom } from 'rxjs';

export interface ParticipantQuery {
  search?: string;
  status?: ParticipantStatus | '';
  programmeId?: string;
  coachId?: string;
  overdue?: boolean;
  limit?: number;
  cursor?: string | null;
}

export interface CreateParticipantBody {
  programmeId: string;
  gender: Gender;
  enrolledAt: string;
  consent: Pick<Consent, 'given'> & { date?: string | null; formVersion?: string | null };
  firstName?: string;
  lastName?: string;
  birthYear?: number;
  personnummer?: string | null;
  municipality?: string | null;
  protectedIdentity?: boolean;
  startSnapshot?: Snapshot | null;
}

/** A PATCH of the details; only the fields that changed are sent. */
export interface UpdateParticipantBody {
  firstName?: string;
  lastName?: string;
  personnummer?: string | null;
  gender?: Gender;
  birthYear?: number;
  municipality?: string | null;
  education?: EducationLevel | null;
  referredBy?: ReferredBy | null;
  responsibleCoachId?: string | null;
  status?: 'active' | 'paused';
  protectedIdentity?: true;
  consent?: { given: false; withdrawnAt: string };
}

export interface PlanStepBody {
  id?: string;
  text: string;
  status: PlanStepStatus;
  dueDate: string | null;
  responsible: string | null;
  concernsPlacement: boolean;
}

export interface SavePlanBody {
  goal: string;
  steps: PlanStepBody[];
}

export interface CreateSessionBody {
  at: string;
  durationMinutes: number;
  kind: SessionKind;
  mode: SessionMode;
  participants: { participantId: string; attendance: Attendance }[];
  notes?: string | null;
}

export interface CreatePlacementBody {
  participantId: string;
  enterpriseId: string;
  kind: PlacementKind;
  startDate: string;
  plannedEndDate?: string | null;
  hoursPerWeek?: number | null;
}

export interface CreateFollowUpBody {
  date: string;
  mode: FollowUpMode;
  daysPresent: number;
  daysAbsent: number;
  wellbeing: number;
  notes?: string | null;
  concern?: boolean;
}

export interface CreateCheckInBody {
  instrumentId: string;
  occasion: CheckInOccasion;
  rater: Rater;
  date: string;
  scores: Record<string, number>;
  ladder?: number | null;
}

function params(query: object): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    result = result.set(key, String(value));
  }
  return result;
}

/**
 * The case-record routes (shared/API.md), typed with the response shapes from @stegvis/contracts.
 * Promise-based: pages await one answer at a time and keep their state in signals.
 */
@Injectable({ providedIn: 'root' })
export class CaseRecordsApi {
  private readonly http = inject(HttpClient);

  listParticipants(query: ParticipantQuery): Promise<Page<Participant>> {
    return firstValueFrom(
      this.http.get<Page<Participant>>('/api/participants', { params: params(query) }),
    );
  }

  /** The same route answers SupervisedParticipant items to a supervisor. */
  listSupervised(cursor?: string | null): Promise<Page<SupervisedParticipant>> {
    return firstValueFrom(
      this.http.get<Page<SupervisedParticipant>>('/api/participants', {
        params: params({ limit: 100, cursor }),
      }),
    );
  }

  getParticipant(id: string): Promise<Participant> {
    return firstValueFrom(this.http.get<Participant>(`/api/participants/${id}`));
  }

  /** If-Match: the version edited; a stale one answers 409 with `current` (see toApiError). */
  updateParticipant(
    id: string,
    version: number,
    body: UpdateParticipantBody,
  ): Promise<Participant> {
    return firstValueFrom(
      this.http.patch<Participant>(`/api/participants/${id}`, body, {
        headers: new HttpHeaders({ 'If-Match': String(version) }),
      }),
    );
  }

  /** The full personnummer; the server audits every call as a read of the number. */
  revealPersonnummer(id: string): Promise<string | null> {
    return firstValueFrom(
      this.http.get<{ personnummer: string | null }>(`/api/participants/${id}/personnummer`),
    ).then((answer) => answer.personnummer);
  }

  /** The data-subject export (everything held about the participation), audited as an export. */
  exportParticipant(id: string): Promise<ParticipantExport> {
    return firstValueFrom(this.http.get<ParticipantExport>(`/api/participants/${id}/export`));
  }

  /** Erasure (gallring) with its reason; afterwards the record answers 404. */
  eraseParticipant(id: string, reason: string): Promise<void> {
    return firstValueFrom(this.http.post<null>(`/api/participants/${id}/erasure`, { reason })).then(
      () => undefined,
    );
  }

  programmeCoaches(programmeId: string): Promise<ProgrammeCoach[]> {
    return firstValueFrom(
      this.http.get<Page<ProgrammeCoach>>(`/api/programmes/${programmeId}/coaches`),
    ).then(itemsOf);
  }

  createParticipant(body: CreateParticipantBody): Promise<Participant> {
    return firstValueFrom(this.http.post<Participant>('/api/participants', body));
  }

  timeline(
    id: string,
    options: { kinds?: readonly TimelineKind[]; cursor?: string | null; limit?: number },
  ): Promise<Page<TimelineEvent>> {
    return firstValueFrom(
      this.http.get<Page<TimelineEvent>>(`/api/participants/${id}/timeline`, {
        params: params({
          limit: options.limit ?? 20,
          cursor: options.cursor,
          kinds: options.kinds?.length ? options.kinds.join(',') : undefined,
        }),
      }),
    );
  }

  getPlan(id: string): Promise<ActionPlan> {
    return firstValueFrom(this.http.get<ActionPlan>(`/api/participants/${id}/action-plan`));
  }

  /** A stale version answers 409 with `current` (see toApiError). */
  savePlan(id: string, version: number, body: SavePlanBody): Promise<ActionPlan> {
    return firstValueFrom(
      this.http.put<ActionPlan>(`/api/participants/${id}/action-plan`, body, {
        headers: new HttpHeaders({ 'If-Match': String(version) }),
      }),
    );
  }

  planRevisions(id: string, cursor?: string | null): Promise<Page<ActionPlanRevision>> {
    return firstValueFrom(
      this.http.get<Page<ActionPlanRevision>>(`/api/participants/${id}/action-plan/revisions`, {
        params: params({ limit: 20, cursor }),
      }),
    );
  }

  planRevision(id: string, version: number): Promise<ActionPlanRevision> {
    return firstValueFrom(
      this.http.get<ActionPlanRevision>(`/api/participants/${id}/action-plan/revisions/${version}`),
    );
  }

  /** What changed from one version to another; version 0 is the empty plan. */
  planDiff(id: string, from: number, to: number): Promise<ActionPlanDiff> {
    return firstValueFrom(
      this.http.get<ActionPlanDiff>(`/api/participants/${id}/action-plan/diff`, {
        params: params({ from: String(from), to: String(to) }),
      }),
    );
  }

  createSession(body: CreateSessionBody): Promise<CoachingSession> {
    return firstValueFrom(this.http.post<CoachingSession>('/api/coaching-sessions', body));
  }

  listSessions(participantId: string): Promise<Page<CoachingSession>> {
    return firstValueFrom(
      this.http.get<Page<CoachingSession>>('/api/coaching-sessions', {
        params: params({ participantId, limit: 50 }),
      }),
    );
  }

  /** Group sessions in the caller's programmes, newest first. */
  listGroupSessions(cursor?: string | null): Promise<Page<CoachingSession>> {
    return firstValueFrom(
      this.http.get<Page<CoachingSession>>('/api/coaching-sessions', {
        params: params({ group: true, limit: 20, cursor }),
      }),
    );
  }

  listPlacements(participantId: string): Promise<Page<Placement>> {
    return firstValueFrom(
      this.http.get<Page<Placement>>('/api/placements', {
        params: params({ participantId, limit: 100 }),
      }),
    );
  }

  getPlacement(id: string): Promise<Placement> {
    return firstValueFrom(this.http.get<Placement>(`/api/placements/${id}`));
  }

  createPlacement(body: CreatePlacementBody): Promise<Placement> {
    return firstValueFrom(this.http.post<Placement>('/api/placements', body));
  }

  createFollowUp(placementId: string, body: CreateFollowUpBody): Promise<FollowUp> {
    return firstValueFrom(
      this.http.post<FollowUp>(`/api/placements/${placementId}/follow-ups`, body),
    );
  }

  /** Overdue or due within a week, oldest first. */
  dueFollowUps(): Promise<DueFollowUp[]> {
    return firstValueFrom(
      this.http.get<{ items: DueFollowUp[] } | DueFollowUp[]>('/api/follow-ups/due'),
    ).then(itemsOf);
  }

  createCheckIn(participantId: string, body: CreateCheckInBody): Promise<CheckIn> {
    return firstValueFrom(
      this.http.post<CheckIn>(`/api/participants/${participantId}/check-ins`, body),
    );
  }

  progression(participantId: string): Promise<Progression> {
    return firstValueFrom(
      this.http.get<Progression>(`/api/participants/${participantId}/progression`),
    );
  }

  instruments(programmeId?: string): Promise<Instrument[]> {
    return firstValueFrom(
      this.http.get<Instrument[] | Page<Instrument>>('/api/instruments', {
        params: params({ programmeId }),
      }),
    ).then(itemsOf);
  }

  programmes(): Promise<Programme[]> {
    return firstValueFrom(this.http.get<Programme[] | Page<Programme>>('/api/programmes')).then(
      itemsOf,
    );
  }

  enterprises(): Promise<Enterprise[]> {
    return firstValueFrom(this.http.get<Enterprise[] | Page<Enterprise>>('/api/enterprises')).then(
      itemsOf,
    );
  }
}

/** Lists that are short by nature may come as a plain array or as a page. */
export function itemsOf<T>(answer: T[] | { items: T[] }): T[] {
  return Array.isArray(answer) ? answer : answer.items;
}
