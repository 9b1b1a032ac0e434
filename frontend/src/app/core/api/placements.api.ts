import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CheckIn,
  CreatePlacementRequest,
  EnterpriseSupervisor,
  FollowUp,
  FollowUpScheduleItem,
  Instrument,
  ListCheckInsQuery,
  ListInstrumentsQuery,
  Page,
  Placement,
  SupervisedPlacementDetail,
  UpdatePlacementRequest,
} from '@stegvis/contracts';
import { firstValueFrom } from 'rxjs';
import { queryParams } from './query-params';

/** Placements with their supervisors and follow-up schedule, and every rater's check-ins. */
@Injectable({ providedIn: 'root' })
export class PlacementsApi {
  private readonly http = inject(HttpClient);

  supervisorsOf(enterpriseId: string): Promise<EnterpriseSupervisor[]> {
    return firstValueFrom(
      this.http.get<Page<EnterpriseSupervisor>>(`/api/enterprises/${enterpriseId}/supervisors`),
    ).then((page) => page.items);
  }

  create(body: CreatePlacementRequest): Promise<Placement | SupervisedPlacementDetail> {
    return firstValueFrom(
      this.http.post<Placement | SupervisedPlacementDetail>('/api/placements', body),
    );
  }

  /** A stale version answers 409. */
  update(
    id: string,
    version: number,
    body: UpdatePlacementRequest,
  ): Promise<Placement | SupervisedPlacementDetail> {
    return firstValueFrom(
      this.http.patch<Placement | SupervisedPlacementDetail>(`/api/placements/${id}`, body, {
        headers: new HttpHeaders({ 'If-Match': String(version) }),
      }),
    );
  }

  followUps(placementId: string): Promise<FollowUp[]> {
    return firstValueFrom(
      this.http.get<Page<FollowUp>>(`/api/placements/${placementId}/follow-ups`),
    ).then((page) => page.items);
  }

  schedule(placementId: string): Promise<FollowUpScheduleItem[]> {
    return firstValueFrom(
      this.http.get<{ items: FollowUpScheduleItem[] }>(
        `/api/placements/${placementId}/follow-up-schedule`,
      ),
    ).then((answer) => answer.items);
  }

  /** The instruments a check-in of this participant may use (shipped ones and the programme's). */
  instrumentsFor(participantId: string): Promise<Instrument[]> {
    const query: ListInstrumentsQuery = { participantId };
    return firstValueFrom(
      this.http.get<Page<Instrument>>('/api/instruments', { params: queryParams(query) }),
    ).then((page) => page.items);
  }

  /** Up to 100 check-ins, newest first (a supervisor gets only supervisor ratings). */
  checkIns(participantId: string): Promise<CheckIn[]> {
    const query: ListCheckInsQuery = { limit: 100 };
    return firstValueFrom(
      this.http.get<Page<CheckIn>>(`/api/participants/${participantId}/check-ins`, {
        params: queryParams(query),
      }),
    ).then((page) => page.items);
  }
}
