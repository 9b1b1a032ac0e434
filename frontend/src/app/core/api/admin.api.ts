import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AuditEntry,
  AuditExtract,
  AuditExtractQuery,
  CreateEnterpriseRequest,
  CreateInstrumentRequest,
  CreateProgrammeRequest,
  CreateUserRequest,
  Enterprise,
  Instrument,
  ListAuditLogQuery,
  ListInstrumentsQuery,
  ListUsersQuery,
  Locale,
  Page,
  Programme,
  UpdateEnterpriseRequest,
  UpdateProgrammeRequest,
  UpdateUserRequest,
  User,
} from '@stegvis/contracts';
import { firstValueFrom } from 'rxjs';
import { itemsOf } from './case-records.api';
import { queryParams } from './query-params';

/** The admin's routes: users, programmes, enterprises and the audit log. No case data. */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  users(query: ListUsersQuery): Promise<Page<User>> {
    return firstValueFrom(this.http.get<Page<User>>('/api/users', { params: queryParams(query) }));
  }

  createUser(body: CreateUserRequest): Promise<User> {
    return firstValueFrom(this.http.post<User>('/api/users', body));
  }

  updateUser(id: string, body: UpdateUserRequest): Promise<User> {
    return firstValueFrom(this.http.patch<User>(`/api/users/${id}`, body));
  }

  programmes(): Promise<Programme[]> {
    return firstValueFrom(this.http.get<Page<Programme>>('/api/programmes')).then(itemsOf);
  }

  createProgramme(body: CreateProgrammeRequest): Promise<Programme> {
    return firstValueFrom(this.http.post<Programme>('/api/programmes', body));
  }

  updateProgramme(id: string, body: UpdateProgrammeRequest): Promise<Programme> {
    return firstValueFrom(this.http.patch<Programme>(`/api/programmes/${id}`, body));
  }

  /** The instruments shipped with Stegvis plus the programme's own, every version. */
  instruments(programmeId: string): Promise<Instrument[]> {
    const query: ListInstrumentsQuery = { programmeId };
    return firstValueFrom(
      this.http.get<Page<Instrument>>('/api/instruments', {
        params: queryParams(query),
      }),
    ).then(itemsOf);
  }

  /** A programme's instrument: a new key, or the next version of one of its own. */
  createInstrument(body: CreateInstrumentRequest): Promise<Instrument> {
    return firstValueFrom(this.http.post<Instrument>('/api/instruments', body));
  }

  enterprises(): Promise<Enterprise[]> {
    return firstValueFrom(this.http.get<Page<Enterprise>>('/api/enterprises')).then(itemsOf);
  }

  createEnterprise(body: CreateEnterpriseRequest): Promise<Enterprise> {
    return firstValueFrom(this.http.post<Enterprise>('/api/enterprises', body));
  }

  updateEnterprise(id: string, body: UpdateEnterpriseRequest): Promise<Enterprise> {
    return firstValueFrom(this.http.patch<Enterprise>(`/api/enterprises/${id}`, body));
  }

  auditLog(query: ListAuditLogQuery): Promise<Page<AuditEntry>> {
    return firstValueFrom(
      this.http.get<Page<AuditEntry>>('/api/audit-log', { params: queryParams(query) }),
    );
  }

  /** One participant's log for a period, oldest first, with who produced it and when. */
  auditExtract(query: AuditExtractQuery): Promise<AuditExtract> {
    return firstValueFrom(
      this.http.get<AuditExtract>('/api/audit-log/extract', { params: queryParams(query) }),
    );
  }

  /** The same extract as a CSV file (the server's words, in the given language). */
  async auditExtractCsv(
    query: AuditExtractQuery,
    lang: Locale,
  ): Promise<{ blob: Blob; filename: string }> {
    const csv: AuditExtractQuery = { ...query, format: 'csv', lang };
    const response = await firstValueFrom(
      this.http.get('/api/audit-log/extract', {
        params: queryParams(csv),
        responseType: 'blob',
        observe: 'response',
      }),
    );
    const disposition = response.headers.get('content-disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'stegvis-loggutdrag.csv';
    return { blob: response.body ?? new Blob(), filename };
  }
}
