import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AdviceSession,
  Agreement,
  CreateAdviceSessionRequest,
  CreateAgreementRequest,
  CreateEnterpriseEventRequest,
  CreateEntrepreneurContactRequest,
  CreateStartedEnterpriseRequest,
  Enterprise,
  EnterpriseEvent,
  EntrepreneurContact,
  Page,
  Programme,
  StartedEnterprise,
  UpdateAdviceSessionRequest,
  UpdateAgreementRequest,
  UpdateEnterpriseEventRequest,
  UpdateEntrepreneurContactRequest,
  UpdateStartedEnterpriseRequest,
} from '@stegvis/contracts';
import { firstValueFrom } from 'rxjs';
import { itemsOf } from './case-records.api';

/**
 * The enterprise side of a programme (docs/enterprise-side.md): meeting places and network events,
 * agreements, enterprises started, advice to entrepreneurs. PATCH and DELETE send the version read as `If-Match`, so a
 * stale edit answers 409 instead of overwriting someone else's change.
 */
@Injectable({ providedIn: 'root' })
export class EnterpriseSideApi {
  private readonly http = inject(HttpClient);

  programmes(): Promise<Programme[]> {
    return firstValueFrom(this.http.get<Page<Programme>>('/api/programmes')).then(itemsOf);
  }

  enterprises(): Promise<Enterprise[]> {
    return firstValueFrom(this.http.get<Page<Enterprise>>('/api/enterprises')).then(itemsOf);
  }

  events(programmeId: string): Promise<EnterpriseEvent[]> {
    return firstValueFrom(
      this.http.get<Page<EnterpriseEvent>>(`/api/programmes/${programmeId}/enterprise-events`),
    ).then(itemsOf);
  }

  createEvent(programmeId: string, body: CreateEnterpriseEventRequest): Promise<EnterpriseEvent> {
    return firstValueFrom(
      this.http.post<EnterpriseEvent>(`/api/programmes/${programmeId}/enterprise-events`, body),
    );
  }

  updateEvent(
    id: string,
    version: number,
    body: UpdateEnterpriseEventRequest,
  ): Promise<EnterpriseEvent> {
    return firstValueFrom(
      this.http.patch<EnterpriseEvent>(`/api/enterprise-events/${id}`, body, ifMatch(version)),
    );
  }

  deleteEvent(id: string, version: number): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/enterprise-events/${id}`, ifMatch(version)));
  }

  agreements(programmeId: string): Promise<Agreement[]> {
    return firstValueFrom(
      this.http.get<Page<Agreement>>(`/api/programmes/${programmeId}/agreements`),
    ).then(itemsOf);
  }

  /** An enterprise's agreements: a supervisor's own enterprise, or in the caller's programmes. */
  agreementsOfEnterprise(enterpriseId: string): Promise<Agreement[]> {
    return firstValueFrom(
      this.http.get<Page<Agreement>>(`/api/enterprises/${enterpriseId}/agreements`),
    ).then(itemsOf);
  }

  createAgreement(programmeId: string, body: CreateAgreementRequest): Promise<Agreement> {
    return firstValueFrom(
      this.http.post<Agreement>(`/api/programmes/${programmeId}/agreements`, body),
    );
  }

  updateAgreement(id: string, version: number, body: UpdateAgreementRequest): Promise<Agreement> {
    return firstValueFrom(
      this.http.patch<Agreement>(`/api/agreements/${id}`, body, ifMatch(version)),
    );
  }

  deleteAgreement(id: string, version: number): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/agreements/${id}`, ifMatch(version)));
  }

  started(programmeId: string): Promise<StartedEnterprise[]> {
    return firstValueFrom(
      this.http.get<Page<StartedEnterprise>>(`/api/programmes/${programmeId}/enterprises-started`),
    ).then(itemsOf);
  }

  createStarted(
    programmeId: string,
    body: CreateStartedEnterpriseRequest,
  ): Promise<StartedEnterprise> {
    return firstValueFrom(
      this.http.post<StartedEnterprise>(`/api/programmes/${programmeId}/enterprises-started`, body),
    );
  }

  updateStarted(
    id: string,
    version: number,
    body: UpdateStartedEnterpriseRequest,
  ): Promise<StartedEnterprise> {
    return firstValueFrom(
      this.http.patch<StartedEnterprise>(`/api/enterprises-started/${id}`, body, ifMatch(version)),
    );
  }

  deleteStarted(id: string, version: number): Promise<void> {
    return firstValueFrom(
      this.http.delete<void>(`/api/enterprises-started/${id}`, ifMatch(version)),
    );
  }

  /** People advised, by name (a name or initials, gender, enterprise or idea stage). */
  contacts(programmeId: string): Promise<EntrepreneurContact[]> {
    return firstValueFrom(
      this.http.get<Page<EntrepreneurContact>>(
        `/api/programmes/${programmeId}/entrepreneur-contacts`,
      ),
    ).then(itemsOf);
  }

  createContact(
    programmeId: string,
    body: CreateEntrepreneurContactRequest,
  ): Promise<EntrepreneurContact> {
    return firstValueFrom(
      this.http.post<EntrepreneurContact>(
        `/api/programmes/${programmeId}/entrepreneur-contacts`,
        body,
      ),
    );
  }

  updateContact(
    id: string,
    version: number,
    body: UpdateEntrepreneurContactRequest,
  ): Promise<EntrepreneurContact> {
    return firstValueFrom(
      this.http.patch<EntrepreneurContact>(
        `/api/entrepreneur-contacts/${id}`,
        body,
        ifMatch(version),
      ),
    );
  }

  /** Also removes them from their sessions; the sessions stay. */
  deleteContact(id: string, version: number): Promise<void> {
    return firstValueFrom(
      this.http.delete<void>(`/api/entrepreneur-contacts/${id}`, ifMatch(version)),
    );
  }

  /** Advice sessions, latest first. */
  adviceSessions(programmeId: string): Promise<AdviceSession[]> {
    return firstValueFrom(
      this.http.get<Page<AdviceSession>>(`/api/programmes/${programmeId}/advice-sessions`),
    ).then(itemsOf);
  }

  createAdviceSession(
    programmeId: string,
    body: CreateAdviceSessionRequest,
  ): Promise<AdviceSession> {
    return firstValueFrom(
      this.http.post<AdviceSession>(`/api/programmes/${programmeId}/advice-sessions`, body),
    );
  }

  /** With `contactIds`, the list replaces the session's. */
  updateAdviceSession(
    id: string,
    version: number,
    body: UpdateAdviceSessionRequest,
  ): Promise<AdviceSession> {
    return firstValueFrom(
      this.http.patch<AdviceSession>(`/api/advice-sessions/${id}`, body, ifMatch(version)),
    );
  }

  deleteAdviceSession(id: string, version: number): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/advice-sessions/${id}`, ifMatch(version)));
  }
}

function ifMatch(version: number): { headers: HttpHeaders } {
  return { headers: new HttpHeaders({ 'If-Match': String(version) }) };
}
