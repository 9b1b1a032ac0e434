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
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ROLE_HOME, safeReturnUrl } from '../../core/auth/access';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { LanguageSwitchComponent } from '../../shell/language-switch.component';

/** Either a translation key (our own wording) or the server's message as it came. */
type LoginError = { key: string } | { text: string };

const FORM_FIELDS = ['email', 'password'] as const;
type FormField = (typeof FORM_FIELDS)[number];

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
  private readonly emailInput = viewChild.required<ElementRef<HTMLInputElement>>('emailInput');
  private readonly passwordInput =
    viewChild.required<ElementRef<HTMLInputElement>>('passwordInput');

  /** `?returnUrl=` from the query string (withComponentInputBinding). */
  readonly returnUrl = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required]],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<LoginError | null>(null);

  protected async submit(): Promise<void> {
    if (this.submitting()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.focusFirstInvalid();
      return;
    }
    this.error.set(null);
    this.submitting.set(true);
    const { email, password } = this.form.getRawValue();
    try {
      const me = await this.auth.login(email.trim(), password);
      await this.language.adoptUserLocale(me).catch(() => undefined);
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()) ?? ROLE_HOME[me.role]);
    } catch (caught: unknown) {
      this.showError(caught);
    } finally {
      this.submitting.set(false);
    }
  }

  protected errorKey(error: LoginError): string | null {
    return 'key' in error ? error.key : null;
  }

  protected errorText(error: LoginError): string | null {
    return 'text' in error ? error.text : null;
  }

  private showError(caught: unknown): void {
    const apiError = toApiError(caught);
    switch (apiError.statusCode) {
      case 401:
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
    target.nativeElement.focus();
  }
}
