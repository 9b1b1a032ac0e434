import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import type {
  Locale,
  LoginRequest,
  LoginResponse,
  Me,
  Permission,
  UpdateMeRequest,
} from '@stegvis/contracts';
import { can } from '@stegvis/contracts';
import { firstValueFrom } from 'rxjs';
import { skipAuthRedirect } from './auth-context';

/**
 * The signed-in user. The browser app relies on the httpOnly session cookie the server sets on
 * login; the access token in the login answer is for API clients and is deliberately not kept.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly current = signal<Me | null>(null);
  private restoring: Promise<Me | null> | null = null;

  readonly user = this.current.asReadonly();
  readonly isLoggedIn = computed(() => this.current() !== null);
  readonly role = computed(() => this.current()?.role ?? null);

  can(permission: Permission): boolean {
    return can(this.role(), permission);
  }

  /** Asks the server who we are (once per page load); a 401 just means "not signed in". */
  restore(): Promise<Me | null> {
    this.restoring ??= this.fetchMe().catch((error: unknown) => {
      if (error instanceof HttpErrorResponse && (error.status === 401 || error.status === 403)) {
        this.current.set(null);
        return null;
      }
      // Server unreachable or failing: let the login page say so instead of blocking start-up.
      this.restoring = null;
      return null;
    });
    return this.restoring;
  }

  /**
   * Logs in, then loads the full profile (locale, programmes) the login answer does not carry.
   * `code` is the second step for accounts with two-step verification: the server answers the
   * password alone with 401 `mfa_required` (see `mfaStepOf`).
   */
  async login(email: string, password: string, code?: string): Promise<Me> {
    const body: LoginRequest = code === undefined ? { email, password } : { email, password, code };
    await firstValueFrom(
      this.http.post<LoginResponse>('/api/auth/login', body, { context: skipAuthRedirect() }),
    );
    const me = await this.fetchMe();
    this.restoring = Promise.resolve(me);
    return me;
  }

  async logout(): Promise<void> {
    try {
      await firstValueFrom(
        this.http.post<void>('/api/auth/logout', {}, { context: skipAuthRedirect() }),
      );
    } finally {
      // Forget the user locally even if the server call failed; the cookie expires on its own.
      this.clear();
    }
  }

  async updateLocale(locale: Locale): Promise<void> {
    const body: UpdateMeRequest = { locale };
    const me = await firstValueFrom(this.http.patch<Me>('/api/me', body));
    this.current.set({ ...(this.current() ?? me), ...me, locale });
  }

  /** Reloads the profile, e.g. after two-step verification was turned on or off. */
  async refresh(): Promise<Me> {
    const me = await this.fetchMe();
    this.restoring = Promise.resolve(me);
    return me;
  }

  /** Called when the server says the session is gone (401 on an ordinary request). */
  clear(): void {
    this.current.set(null);
    this.restoring = Promise.resolve(null);
  }

  private async fetchMe(): Promise<Me> {
    const me = await firstValueFrom(this.http.get<Me>('/api/me', { context: skipAuthRedirect() }));
    this.current.set(me);
    return me;
  }
}
