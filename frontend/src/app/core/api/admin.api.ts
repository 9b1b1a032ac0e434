import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AuditAction,
  AuditEntry,
  AuditExtract,
  Enterprise,
  PlaceOffer,
  FollowUpCadence,
  Indicator,
  Instrument,
  Locale,
  Page,
  Programme,
  ProgrammeTargetInput,
  Role,
  User,
} from '@stegvis/contracts';
import { firstValueFrom } from 'rxjs';
import { itemsOf } from './case-records.api';

export interface UserQuery {
  search?: string;
  role?: Role | '';
  limit?: number;
  cursor?: string | null;
}

export interface CreateUserBody {
  email: string;
  name: string;
  role: Role;
  password: string;
  enterpriseId?: string;
  programmeIds?: string[];
  locale?: Locale;
}

export interface UpdateUserBody {
  name?: string;
  role?: Role;
  enterpriseId?: string | null;
  programmeIds?: string[];
  disabled?: boolean;
  password?: string;
}

export interface AuditExtractQuery {
  participantRef: string;
  from?: string;
  to?: string;
}

export interface ProgrammeBody {
  name: string;
  periodStart: string;
  periodEnd: string;
  intakeEnd: string | null;
  targets: ProgrammeTargetInput[];
  followUpCadence: FollowUpCadence;
  suppressionThreshold: number;
}

export interface InstrumentBody {
  programmeId: string;
  key: string;
  nameSv: string;
  nameEn: string;
  indicators: Indicator[];
}

export interface EnterpriseBody {
  name: string;
  orgNumber: string;
  municipality: string;
  isAsf: boolean;
  /** Empty string or null clears it. */
  sector?: string | null;
  /** The whole list: a PATCH replaces the stored offers. */
  placeOffers?: PlaceOffer[];
}

export interface AuditQuery {
  entityId?: string;
  participantRef?: string;
  userId?: string;
  action?: AuditAction | '';
  entity?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string | null;
}

function params(query: object): HttpParams {
  let p = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') p = p.set(key, String(value));
  }
  return p;
}

/** The admin's routes: users, programmes, enterprises and the audit log. No case data. */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  users(query: UserQuery): Promise<Page<User>> {
    return firstValueFrom(this.http.get<Page<User>>('/api/users', { params: params(query) }));
  }

  createUser(body: CreateUserBody): Promise<User> {
    return firstValueFrom(this.http.post<User>('/api/users', body));
  }

  updateUser(id: string, body: UpdateUserBody): Promise<User> {
    return firstValueFrom(this.http.patch<User>(`/api/users/${id}`, body));
  }

  programmes(): Promise<Programme[]> {
    return firstValueFrom(this.http.get<Programme[] | Page<Programme>>('/api/programmes')).then(
      itemsOf,
    );
  }

  createProgramme(body: ProgrammeBody): Promise<Programme> {
    return firstValueFrom(this.http.post<Programme>('/api/programmes', body));
  }

  updateProgramme(id: string, body: ProgrammeBody): Promise<Programme> {
    return firstValueFrom(this.http.patch<Programme>(`/api/programmes/${id}`, body));
  }

  /** The instruments shipped with Stegvis plus the programme's own, every version. */
  instruments(programmeId: string): Promise<Instrument[]> {
    return firstValueFrom(
      this.http.get<Instrument[] | Page<Instrument>>('/api/instruments', {
        params: params({ programmeId }),
      }),
    ).then(itemsOf);
  }

  /** A programme's instrument: a new key, or the next version of one of its own. */
  createInstrument(body: InstrumentBody): Promise<Instrument> {
    return firstValueFrom(this.http.post<Instrument>('/api/instruments', body));
  }

  enterprises(): Promise<Enterprise[]> {
    return firstValueFrom(this.http.get<Enterprise[] | Page<Enterprise>>('/api/enterprises')).then(
      itemsOf,
    );
  }

  createEnterprise(body: EnterpriseBody): Promise<Enterprise> {
    return firstValueFrom(this.http.post<Enterprise>('/api/enterprises', body));
  }

  updateEnterprise(id: string, body: EnterpriseBody): Promise<Enterprise> {
    return firstValueFrom(this.http.patch<Enterprise>(`/api/enterprises/${id}`, body));
  }

  auditLog(query: AuditQuery): Promise<Page<AuditEntry>> {
    return firstValueFrom(
      this.http.get<Page<AuditEntry>>('/api/audit-log', { params: params(query) }),
    );
  }

  /** One participant's log for a period, oldest first, with who produced it and when. */
  auditExtract(query: AuditExtractQuery): Promise<AuditExtract> {
    return firstValueFrom(
      this.http.get<AuditExtract>('/api/audit-log/extract', { params: params(query) }),
    );
  }

  /** The same extract as a CSV file (the server's words, in the given language). */
  async auditExtractCsv(
    query: AuditExtractQuery,
    lang: Locale,
  ): Promise<{ blob: Blob; filename: string }> {
    const response = await firstValueFrom(
      this.http.get('/api/audit-log/extract', {
        params: params({ ...query, format: 'csv', lang }),
        responseType: 'blob',
        observe: 'response',
      }),
    );
    const disposition = response.headers.get('content-disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'stegvis-loggutdrag.csv';
    return { blob: response.body ?? new Blob(), filename };
  }
}
