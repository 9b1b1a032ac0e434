import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  EditableParticipantStatus,
  ExitInput,
  Participant,
  ReopenParticipationRequest,
  SnapshotInput,
  UpdateParticipantRequest,
} from '@stegvis/contracts';
import { firstValueFrom } from 'rxjs';

/** The start snapshot, the exit and re-opening of one participation (PATCH with If-Match). */
@Injectable({ providedIn: 'root' })
export class ParticipationApi {
  private readonly http = inject(HttpClient);

  private ifMatch(version: number): HttpHeaders {
    return new HttpHeaders({ 'If-Match': String(version) });
  }

  saveStartSnapshot(
    id: string,
    snapshot: SnapshotInput | null,
    version: number,
  ): Promise<Participant> {
    return this.update(id, { startSnapshot: snapshot }, version);
  }

  /** Ends the participation; the server ends its open placements on the same day. */
  exit(id: string, exit: ExitInput, version: number): Promise<Participant> {
    return this.update(id, { exit }, version);
  }

  reopen(
    id: string,
    reason: string,
    status: EditableParticipantStatus,
    version: number,
  ): Promise<Participant> {
    const body: ReopenParticipationRequest = { reason, status };
    return firstValueFrom(
      this.http.post<Participant>(`/api/participants/${id}/reopening`, body, {
        headers: this.ifMatch(version),
      }),
    );
  }

  private update(
    id: string,
    body: UpdateParticipantRequest,
    version: number,
  ): Promise<Participant> {
    return firstValueFrom(
      this.http.patch<Participant>(`/api/participants/${id}`, body, {
        headers: this.ifMatch(version),
      }),
    );
  }
}
