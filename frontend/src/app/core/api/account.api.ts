import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ChangePasswordRequest,
  ConfirmMfaRequest,
  DisableMfaRequest,
  MfaEnrolment,
  MfaRecoveryCodes,
  MfaStatus,
  StartMfaEnrolmentRequest,
  User,
} from '@stegvis/contracts';
import { firstValueFrom } from 'rxjs';

/** The caller's own password and two-step verification, and an admin's reset of someone else's. */
@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly http = inject(HttpClient);

  /** Ends the caller's other sessions; a one-time password (set by an admin) is gone. */
  changePassword(currentPassword: string, newPassword: string): Promise<void> {
    const body: ChangePasswordRequest = { currentPassword, newPassword };
    return firstValueFrom(this.http.post<void>('/api/me/password', body));
  }

  mfaStatus(): Promise<MfaStatus> {
    return firstValueFrom(this.http.get<MfaStatus>('/api/me/mfa'));
  }

  startMfaEnrolment(password: string): Promise<MfaEnrolment> {
    const body: StartMfaEnrolmentRequest = { password };
    return firstValueFrom(this.http.post<MfaEnrolment>('/api/me/mfa/enrolment', body));
  }

  confirmMfa(code: string): Promise<MfaRecoveryCodes> {
    const body: ConfirmMfaRequest = { code };
    return firstValueFrom(this.http.post<MfaRecoveryCodes>('/api/me/mfa/confirm', body));
  }

  disableMfa(password: string, code: string): Promise<void> {
    const body: DisableMfaRequest = { password, code };
    return firstValueFrom(this.http.post<void>('/api/me/mfa/disable', body));
  }

  resetMfa(userId: string): Promise<User> {
    return firstValueFrom(this.http.delete<User>(`/api/users/${userId}/mfa`));
  }
}
