import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CheckIn,
  EnterpriseSupervisor,
  FollowUp,
  FollowUpScheduleItem,
  Instrument,
  Page,
  Placement,
  PlacementKind,
} from '@stegvis/contracts';
import { firstValueFrom } from 'rxjs';

export interface NewPlacementBody {
  participantId: string;
  enterpriseId: string;
  kind: PlacementKind;
  startDate: string;
  plannedEndDate?: string | null;
  hoursPerWeek?: number | null;
  supervisorIds?: string[];
}

export type PlacementAction = 'start' | 'pause' | 'resume' | 'end' | 'abort';

/** PATCH /api/placements/:id: field changes and, optionally, one status transition. */
export interface UpdatePlacementBody {
  plannedEndDate?: string | null;
  hoursPerWeek?: number | null;
  supervisorIds?: string[];
  action?: PlacementAction;
  date?: string;
  reason?: string;
}

/** Placements with their supervisors and follow-up schedule, and every rater's check-ins. */
@Injectable({ providedIn: 'root' })
export class PlacementsApi {
  private readonly http = inject(HttpClient);

  supervisorsOf(enterpriseId: string): Promise<EnterpriseSupervisor[]> {
    return firstValueFrom(
      this.http.get<Page<EnterpriseSupervisor>>(`/api/enterprises/${enterpriseId}/supervisors`),
    ).then((page) => page.items);
  }

  create(body: NewPlacementBody): Promise<Placement> {
    return firstValueFrom(this.http.post<Placement>('/api/placements', body));
  }

  /** A stale version answers 409. */
  update(id: string, version: number, body: UpdatePlacementBody): Promise<Placement> {
    return firstValueFrom(
      this.http.patch<Placement>(`/api/placements/${id}`, body, {
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
    return firstValueFrom(
      this.http.get<Page<Instrument>>('/api/instruments', { params: { participantId } }),
    ).then((page) => page.items);
  }

  /** Up to 100 check-ins, newest first (a supervisor gets only supervisor ratings). */
  checkIns(participantId: string): Promise<CheckIn[]> {
    return firstValueFrom(
      this.http.get<Page<CheckIn>>(`/api/participants/${participantId}/check-ins`, {
        params: { limit: 100 },
      }),
    ).then((page) => page.items);
  }
}
