import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { ApiError } from '@stegvis/contracts';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { homeOf, safeReturnUrl } from '../../core/auth/access';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { LanguageSwitchComponent } from '../../shell/language-switch.component';

/** Either a translation key (our own wording) or the server's message as it came. */
type LoginError = { key: string } | { text: string };

const FORM_FIELDS = ['email', 'password'] as const;
type FormField = (typeof FORM_FIELDS)[number];

/** The login's two steps: the password, then (for two-step verification) a code. */
export type LoginStep = 'password' | 'code';

/**
 * What a login error means for two-step verification: `required` — the password was right and
 * a code is needed; `invalid` — the code was wrong or already used; null — anything else.
 */
export function mfaStepOf(error: ApiError): 'required' | 'invalid' | null {
  if (error.statusCode !== 401) return null;
  if (error.code === 'mfa_required') return 'required';
  if (error.code === 'mfa_invalid') return 'invalid';
  return null;
}

@Component({
  selector: 'sv-login',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    TranslocoPipe,
    LanguageSwitchComponent,
  ],
  templateUrl: './login.page.html',
  styleUrl: './login.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly language = inject(LanguageService);
  private readonly router = inject(Router);
  private readonly emailInput = viewChild<ElementRef<HTMLInputElement>>('emailInput');
  private readonly passwordInput = viewChild<ElementRef<HTMLInputElement>>('passwordInput');
  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('codeInput');

  /** `?returnUrl=` from the query string (withComponentInputBinding). */
  readonly returnUrl = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required]],
  });
  /** The second step's code: six digits from the app, or a recovery code. */
  protected readonly codeForm = inject(NonNullableFormBuilder).group({
    code: ['', Validators.required],
  });
  protected readonly code = this.codeForm.controls.code;
  protected readonly step = signal<LoginStep>('password');
  protected readonly useRecoveryCode = signal(false);
  protected readonly submitting = signal(false);
  protected readonly error = signal<LoginError | null>(null);

  protected async submit(): Promise<void> {
    if (this.submitting()) return;
    const codeStep = this.step() === 'code';
    if (codeStep) {
      this.code.markAsTouched();
      if (this.code.invalid) {
        this.focusCode();
        return;
      }
    } else {
      this.form.markAllAsTouched();
      if (this.form.invalid) {
        this.focusFirstInvalid();
        return;
      }
    }
    this.error.set(null);
    this.submitting.set(true);
    const { email, password } = this.form.getRawValue();
    try {
      const me = await this.auth.login(
        email.trim(),
        password,
        codeStep ? this.code.value.trim() : undefined,
      );
      await this.language.adoptUserLocale(me).catch(() => undefined);
      const target =
        me.mfaEnrollmentRequired || me.mustChangePassword
          ? homeOf(me)
          : safeReturnUrl(this.returnUrl());
      await this.router.navigateByUrl(target ?? homeOf(me));
    } catch (caught: unknown) {
      this.showError(caught);
    } finally {
      this.submitting.set(false);
    }
  }

  /** Switches the second step between the app's code and a recovery code. */
  protected toggleRecoveryCode(): void {
    this.useRecoveryCode.update((v) => !v);
    this.code.reset('');
    this.error.set(null);
    this.focusCode();
  }

  /** Back to email and password (e.g. to log in as someone else). */
  protected backToPassword(): void {
    this.step.set('password');
    this.useRecoveryCode.set(false);
    this.code.reset('');
    this.form.controls.password.reset('');
    this.error.set(null);
    queueMicrotask(() => this.passwordInput()?.nativeElement.focus());
  }

  protected errorKey(error: LoginError): string | null {
    return 'key' in error ? error.key : null;
  }

  protected errorText(error: LoginError): string | null {
    return 'text' in error ? error.text : null;
  }

  private showError(caught: unknown): void {
    const apiError = toApiError(caught);
    switch (mfaStepOf(apiError)) {
      case 'required':
        // The password was right: ask for the code on the same page.
        this.step.set('code');
        this.code.reset('');
        this.focusCode();
        return;
      case 'invalid':
        this.error.set({
          key: this.useRecoveryCode() ? 'login.mfa.invalidRecovery' : 'login.mfa.invalid',
        });
        this.code.reset('');
        this.focusCode();
        return;
      case null:
        break;
    }
    switch (apiError.statusCode) {
      case 401:
        // Only the password step can be wrong this way; start over from it.
        if (this.step() === 'code') this.step.set('password');
        this.error.set({ key: 'login.errors.invalid' });
        return;
      case 429:
        this.error.set({ key: 'login.errors.tooMany' });
        return;
      case 0:
        this.error.set({ key: 'login.errors.network' });
        return;
    }
    // Validation errors go beside their fields; the summary still says what happened.
    for (const [field, messages] of Object.entries(apiError.fields ?? {})) {
      if ((FORM_FIELDS as readonly string[]).includes(field)) {
        this.form.controls[field as FormField].setErrors({ server: messages.join(' ') });
      }
    }
    this.error.set(apiError.message ? { text: apiError.message } : { key: 'login.errors.unknown' });
  }

  private focusFirstInvalid(): void {
    const target = this.form.controls.email.invalid ? this.emailInput() : this.passwordInput();
    target?.nativeElement.focus();
  }

  /** After the view shows the code field. */
  private focusCode(): void {
    setTimeout(() => this.codeInput()?.nativeElement.focus());
  }
}
