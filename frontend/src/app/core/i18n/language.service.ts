import { DOCUMENT } from '@angular/common';
import { Injectable, inject, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import { LOCALES, type Locale, type Me } from '@stegvis/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../auth/auth.service';

export const DEFAULT_LOCALE: Locale = 'sv';
const STORAGE_KEY = 'stegvis.locale';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The active UI language. Before login it is remembered in localStorage; once signed in it is the
 * user's own setting on the server (PATCH /api/me), so it follows them to other devices.
 */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly transloco = inject(TranslocoService);
  private readonly auth = inject(AuthService);
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Locale>(DEFAULT_LOCALE);
  /** Set when the user picks a language while signed out; that choice is saved at login. */
  private chosenWhileSignedOut = false;

  readonly active = this.current.asReadonly();

  /** The language to start with, before we know who the user is. */
  initial(): Locale {
    const stored = this.readStorage();
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  }

  async use(locale: Locale): Promise<void> {
    // Load first so the page never shows raw keys while switching.
    await firstValueFrom(this.transloco.load(locale));
    this.transloco.setActiveLang(locale);
    this.current.set(locale);
    this.document.documentElement.lang = locale;
    this.writeStorage(locale);
  }

  /** The switch in the toolbar and on the login page. */
  async choose(locale: Locale): Promise<void> {
    await this.use(locale);
    if (this.auth.isLoggedIn()) {
      try {
        await this.auth.updateLocale(locale);
      } catch {
        // The language still changes for this visit; it is only not remembered on the server.
      }
    } else {
      this.chosenWhileSignedOut = true;
    }
  }

  /** After login or session restore: the user's saved language, unless they just picked one. */
  async adoptUserLocale(me: Me): Promise<void> {
    if (this.chosenWhileSignedOut) {
      this.chosenWhileSignedOut = false;
      if (me.locale !== this.current()) {
        try {
          await this.auth.updateLocale(this.current());
        } catch {
          // Not fatal: the choice still holds for this visit.
        }
      }
      return;
    }
    if (isLocale(me.locale) && me.locale !== this.current()) {
      await this.use(me.locale);
    }
  }

  private readStorage(): string | null {
    try {
      return localStorage.getItem(STORAGE_KEY);
    } catch {
      return null;
    }
  }

  private writeStorage(locale: Locale): void {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Storage may be blocked (private mode); the language then resets on the next visit.
    }
  }
}
