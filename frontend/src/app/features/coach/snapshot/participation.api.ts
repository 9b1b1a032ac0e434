import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ExitReason, Participant, ParticipantStatus, Snapshot } from '@stegvis/contracts';
import { firstValueFrom } from 'rxjs';

export interface ExitBody {
  date: string;
  reason: ExitReason;
  snapshot?: Snapshot | null;
}

/** The start snapshot, the exit and re-opening of one participation (PATCH with If-Match). */
@Injectable({ providedIn: 'root' })
export class ParticipationApi {
  private readonly http = inject(HttpClient);

  private ifMatch(version: number): HttpHeaders {
    return new HttpHeaders({ 'If-Match': String(version) });
  }

  saveStartSnapshot(id: string, snapshot: Snapshot | null, version: number): Promise<Participant> {
    return firstValueFrom(
      this.http.patch<Participant>(
        `/api/participants/${id}`,
        { startSnapshot: snapshot },
        { headers: this.ifMatch(version) },
      ),
    );
  }

  /** Ends the participation; the server ends its open placements on the same day. */
  exit(id: string, exit: ExitBody, version: number): Promise<Participant> {
    return firstValueFrom(
      this.http.patch<Participant>(
        `/api/participants/${id}`,
        { exit },
        { headers: this.ifMatch(version) },
      ),
    );
  }

  reopen(
    id: string,
    reason: string,
    status: Exclude<ParticipantStatus, 'exited'>,
    version: number,
  ): Promise<Participant> {
    return firstValueFrom(
      this.http.post<Participant>(
        `/api/participants/${id}/reopening`,
        { reason, status },
        { headers: this.ifMatch(version) },
      ),
    );
  }
}
