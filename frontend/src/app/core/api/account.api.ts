import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { MfaEnrolment, MfaRecoveryCodes, MfaStatus, User } from '@stegvis/contracts';
import { firstValueFrom } from 'rxjs';

/** The caller's own password and two-step verification, and an admin's reset of someone else's. */
@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly http = inject(HttpClient);

  /** Ends the caller's other sessions; a one-time password (set by an admin) is gone. */
  changePassword(currentPassword: string, newPassword: string): Promise<void> {
    return firstValueFrom(
      this.http.post<void>('/api/me/password', { currentPassword, newPassword }),
    );
  }

  mfaStatus(): Promise<MfaStatus> {
    return firstValueFrom(this.http.get<MfaStatus>('/api/me/mfa'));
  }

  startMfaEnrolment(password: string): Promise<MfaEnrolment> {
    return firstValueFrom(this.http.post<MfaEnrolment>('/api/me/mfa/enrolment', { password }));
  }

  confirmMfa(code: string): Promise<MfaRecoveryCodes> {
    return firstValueFrom(this.http.post<MfaRecoveryCodes>('/api/me/mfa/confirm', { code }));
  }

  disableMfa(password: string, code: string): Promise<void> {
    return firstValueFrom(this.http.post<void>('/api/me/mfa/disable', { password, code }));
  }

  resetMfa(userId: string): Promise<User> {
    return firstValueFrom(this.http.delete<User>(`/api/users/${userId}/mfa`));
  }
}
