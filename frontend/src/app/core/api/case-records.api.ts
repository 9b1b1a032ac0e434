import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  isSupervisedParticipant,
  type ActionPlan,
  type ActionPlanDiff,
  type ActionPlanRevision,
  type CheckIn,
  type CoachingSession,
  type CreateCheckInRequest,
  type CreateCoachingSessionRequest,
  type CreateFollowUpRequest,
  type CreateParticipantRequest,
  type DiffQuery,
  type DueFollowUp,
  type Enterprise,
  type EraseParticipantRequest,
  type FollowUp,
  type Instrument,
  type ListCoachingSessionsQuery,
  type ListInstrumentsQuery,
  type ListParticipantsQuery,
  type ListPlacementsQuery,
  type ListRevisionsQuery,
  type Page,
  type Participant,
  type ParticipantExport,
  type Placement,
  type Programme,
  type ProgrammeCoach,
  type Progression,
  type SaveActionPlanRequest,
  type SupervisedActionPlan,
  type SupervisedParticipant,
  type SupervisedPlacementDetail,
  type TimelineEvent,
  type TimelineQuery,
  type UpdateParticipantRequest,
} from '@stegvis/contracts';
import { firstValueFrom } from 'rxjs';
import { queryParams } from './query-params';

/**
 * The case-record routes (shared/API.md), typed with the response shapes from @stegvis/contracts.
 * Promise-based: pages await one answer at a time and keep their state in signals.
 */
@Injectable({ providedIn: 'root' })
export class CaseRecordsApi {
  private readonly http = inject(HttpClient);

  /**
   * A coach gets full records, a supervisor the placement view of those placed at their enterprise
   * (`isFullParticipant` / `isSupervisedParticipant` tell them apart).
   */
  listParticipants(
    query: ListParticipantsQuery,
  ): Promise<Page<Participant | SupervisedParticipant>> {
    return firstValueFrom(
      this.http.get<Page<Participant | SupervisedParticipant>>('/api/participants', {
        params: queryParams(query),
      }),
    );
  }

  /** A supervisor's list: the placement view of those placed at their enterprise. */
  async listSupervised(cursor?: string): Promise<Page<SupervisedParticipant>> {
    const page = await this.listParticipants({ limit: 100, cursor });
    return { ...page, items: page.items.filter(isSupervisedParticipant) };
  }

  /** As `listParticipants`: the full record for a coach, the placement view for a supervisor. */
  getParticipant(id: string): Promise<Participant | SupervisedParticipant> {
    return firstValueFrom(
      this.http.get<Participant | SupervisedParticipant>(`/api/participants/${id}`),
    );
  }

  /** If-Match: the version edited; a stale one answers 409 with `current` (see toApiError). */
  updateParticipant(
    id: string,
    version: number,
    body: UpdateParticipantRequest,
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
    const body: EraseParticipantRequest = { reason };
    return firstValueFrom(this.http.post<null>(`/api/participants/${id}/erasure`, body)).then(
      () => undefined,
    );
  }

  programmeCoaches(programmeId: string): Promise<ProgrammeCoach[]> {
    return firstValueFrom(
      this.http.get<Page<ProgrammeCoach>>(`/api/programmes/${programmeId}/coaches`),
    ).then(itemsOf);
  }

  createParticipant(body: CreateParticipantRequest): Promise<Participant> {
    return firstValueFrom(this.http.post<Participant>('/api/participants', body));
  }

  /** Kinds: all when absent or empty. */
  timeline(id: string, query: TimelineQuery): Promise<Page<TimelineEvent>> {
    return firstValueFrom(
      this.http.get<Page<TimelineEvent>>(`/api/participants/${id}/timeline`, {
        params: queryParams({ limit: 20, ...query }),
      }),
    );
  }

  /** A coach gets the whole plan, a supervisor the steps concerning the placement (`isFullActionPlan`). */
  getPlan(id: string): Promise<ActionPlan | SupervisedActionPlan> {
    return firstValueFrom(
      this.http.get<ActionPlan | SupervisedActionPlan>(`/api/participants/${id}/action-plan`),
    );
  }

  /** A stale version answers 409 with `current` (see toApiError). */
  savePlan(id: string, version: number, body: SaveActionPlanRequest): Promise<ActionPlan> {
    return firstValueFrom(
      this.http.put<ActionPlan>(`/api/participants/${id}/action-plan`, body, {
        headers: new HttpHeaders({ 'If-Match': String(version) }),
      }),
    );
  }

  planRevisions(id: string, cursor?: string): Promise<Page<ActionPlanRevision>> {
    const query: ListRevisionsQuery = { limit: 20, cursor };
    return firstValueFrom(
      this.http.get<Page<ActionPlanRevision>>(`/api/participants/${id}/action-plan/revisions`, {
        params: queryParams(query),
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
    const query: DiffQuery = { from, to };
    return firstValueFrom(
      this.http.get<ActionPlanDiff>(`/api/participants/${id}/action-plan/diff`, {
        params: queryParams(query),
      }),
    );
  }

  createSession(body: CreateCoachingSessionRequest): Promise<CoachingSession> {
    return firstValueFrom(this.http.post<CoachingSession>('/api/coaching-sessions', body));
  }

  listSessions(participantId: string): Promise<Page<CoachingSession>> {
    return this.sessions({ participantId, limit: 50 });
  }

  /** Group sessions in the caller's programmes, newest first. */
  listGroupSessions(cursor?: string): Promise<Page<CoachingSession>> {
    return this.sessions({ group: true, limit: 20, cursor });
  }

  private sessions(query: ListCoachingSessionsQuery): Promise<Page<CoachingSession>> {
    return firstValueFrom(
      this.http.get<Page<CoachingSession>>('/api/coaching-sessions', {
        params: queryParams(query),
      }),
    );
  }

  /** A coach gets placements to edit, a supervisor the schedule view (`isFullPlacement`). */
  listPlacements(participantId: string): Promise<Page<Placement | SupervisedPlacementDetail>> {
    const query: ListPlacementsQuery = { participantId, limit: 100 };
    return firstValueFrom(
      this.http.get<Page<Placement | SupervisedPlacementDetail>>('/api/placements', {
        params: queryParams(query),
      }),
    );
  }

  createFollowUp(placementId: string, body: CreateFollowUpRequest): Promise<FollowUp> {
    return firstValueFrom(
      this.http.post<FollowUp>(`/api/placements/${placementId}/follow-ups`, body),
    );
  }

  /** Overdue or due within a week, oldest first. */
  dueFollowUps(): Promise<DueFollowUp[]> {
    return firstValueFrom(this.http.get<{ items: DueFollowUp[] }>('/api/follow-ups/due')).then(
      itemsOf,
    );
  }

  createCheckIn(participantId: string, body: CreateCheckInRequest): Promise<CheckIn> {
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
    const query: ListInstrumentsQuery = { programmeId };
    return firstValueFrom(
      this.http.get<Page<Instrument>>('/api/instruments', {
        params: queryParams(query),
      }),
    ).then(itemsOf);
  }

  programmes(): Promise<Programme[]> {
    return firstValueFrom(this.http.get<Page<Programme>>('/api/programmes')).then(itemsOf);
  }

  enterprises(): Promise<Enterprise[]> {
    return firstValueFrom(this.http.get<Page<Enterprise>>('/api/enterprises')).then(itemsOf);
  }
}

/** The items of a list answer: a `Page`, or `{ items }` for the short lists that are not paged. */
export function itemsOf<T>(answer: { items: T[] }): T[] {
  return answer.items;
}
