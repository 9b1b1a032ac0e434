import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateGroupSeriesRequest,
  CreateSeriesMeetingRequest,
  EnrolInSeriesRequest,
  GroupSeries,
  GroupSeriesDetail,
  Page,
  SeriesEnrolment,
  SeriesMeeting,
  TakeSeriesAttendanceRequest,
  UpdateGroupSeriesRequest,
  UpdateSeriesEnrolmentRequest,
} from '@stegvis/contracts';
import { firstValueFrom } from 'rxjs';
import { itemsOf } from './case-records.api';

/**
 * Group series (docs/group-series.md): a programme's framtidsverkstad, business programme or
 * course, its enrolments and its meetings. A series' PATCH sends the version read as `If-Match`,
 * so a stale edit answers 409 with `current` instead of overwriting someone else's change.
 */
@Injectable({ providedIn: 'root' })
export class GroupSeriesApi {
  private readonly http = inject(HttpClient);

  list(programmeId: string): Promise<GroupSeries[]> {
    return firstValueFrom(
      this.http.get<Page<GroupSeries>>(`/api/programmes/${programmeId}/group-series`),
    ).then(itemsOf);
  }

  get(id: string): Promise<GroupSeriesDetail> {
    return firstValueFrom(this.http.get<GroupSeriesDetail>(`/api/group-series/${id}`));
  }

  create(programmeId: string, body: CreateGroupSeriesRequest): Promise<GroupSeriesDetail> {
    return firstValueFrom(
      this.http.post<GroupSeriesDetail>(`/api/programmes/${programmeId}/group-series`, body),
    );
  }

  update(id: string, version: number, body: UpdateGroupSeriesRequest): Promise<GroupSeriesDetail> {
    return firstValueFrom(
      this.http.patch<GroupSeriesDetail>(`/api/group-series/${id}`, body, {
        headers: new HttpHeaders({ 'If-Match': String(version) }),
      }),
    );
  }

  /** Only while the series has no meetings (409 otherwise). */
  delete(id: string, version: number): Promise<void> {
    return firstValueFrom(
      this.http.delete<void>(`/api/group-series/${id}`, {
        headers: new HttpHeaders({ 'If-Match': String(version) }),
      }),
    );
  }

  enrol(id: string, body: EnrolInSeriesRequest): Promise<SeriesEnrolment> {
    return firstValueFrom(
      this.http.post<SeriesEnrolment>(`/api/group-series/${id}/enrolments`, body),
    );
  }

  updateEnrolment(
    id: string,
    participantId: string,
    body: UpdateSeriesEnrolmentRequest,
  ): Promise<SeriesEnrolment> {
    return firstValueFrom(
      this.http.patch<SeriesEnrolment>(`/api/group-series/${id}/enrolments/${participantId}`, body),
    );
  }

  /** An enrolment made in error; 409 once any of their attendance is taken. */
  removeEnrolment(id: string, participantId: string): Promise<void> {
    return firstValueFrom(
      this.http.delete<void>(`/api/group-series/${id}/enrolments/${participantId}`),
    );
  }

  meetings(id: string): Promise<SeriesMeeting[]> {
    return firstValueFrom(
      this.http.get<Page<SeriesMeeting>>(`/api/group-series/${id}/meetings`),
    ).then(itemsOf);
  }

  createMeeting(id: string, body: CreateSeriesMeetingRequest): Promise<SeriesMeeting> {
    return firstValueFrom(this.http.post<SeriesMeeting>(`/api/group-series/${id}/meetings`, body));
  }

  takeAttendance(
    id: string,
    sessionId: string,
    body: TakeSeriesAttendanceRequest,
  ): Promise<SeriesMeeting> {
    return firstValueFrom(
      this.http.put<SeriesMeeting>(
        `/api/group-series/${id}/meetings/${sessionId}/attendance`,
        body,
      ),
    );
  }
}
