import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AccountApi } from '../../core/api/account.api';
import { ACCOUNT_PATH, homeOf } from '../../core/auth/access';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { applyServerErrors, focusFirstInvalid } from '../../shared/server-errors';
import { PASSWORD_MAX_LENGTH, passwordValidator } from '../../shared/validators';

type Message = { key: string } | { text: string };

function sameAsNew(control: AbstractControl<string>): ValidationErrors | null {
  const next = control.parent?.get('newPassword')?.value as string | undefined;
  return control.value && next !== undefined && control.value !== next ? { mismatch: true } : null;
}

/**
 * "Byt lösenord": the signed-in user chooses a new password. The only page open while the
 * password is a one-time password an admin set (`Me.mustChangePassword`); afterwards the user
 * goes on to their start page.
 */
@Component({
  selector: 'sv-change-password',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
  ],
  template: `
    <div class="sv-page-head">
      <div>
        <h1 class="sv-page-title" data-testid="page-title" tabindex="-1">
          {{ 'account.password.title' | transloco }}
        </h1>
        <p class="sv-page-lead">{{ 'account.password.lead' | transloco }}</p>
      </div>
    </div>
    @if (me()?.mustChangePassword) {
      <p class="sv-alert sv-alert--info" data-testid="password-required-notice">
        {{ 'account.password.required' | transloco }}
      </p>
    }
    <div role="status" aria-live="polite">
      @if (done()) {
        <p class="sv-alert sv-alert--success" data-testid="password-notice">
          {{ 'account.password.changed' | transloco }}
        </p>
      }
    </div>
    <section class="sv-card sv-panel">
      <form #formEl [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="password-form">
        <div role="alert" data-testid="password-error">
          @if (error(); as e) {
            <p class="sv-alert">
              @if (messageKey(e); as key) {
                {{ key | transloco }}
              } @else {
                {{ messageText(e) }}
              }
            </p>
          }
        </div>
        <div class="sv-form-grid">
          <mat-form-field appearance="outline">
            <mat-label>{{ 'account.password.current' | transloco }}</mat-label>
            <input
              matInput
              type="password"
              formControlName="currentPassword"
              autocomplete="current-password"
              required
              [attr.maxlength]="passwordMax"
              data-testid="password-current"
            />
            @if (form.controls.currentPassword.hasError('server')) {
              <mat-error>{{ form.controls.currentPassword.getError('server') }}</mat-error>
            } @else {
              <mat-error>{{ 'form.required' | transloco }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'account.password.new' | transloco }}</mat-label>
            <input
              matInput
              type="password"
              formControlName="newPassword"
              autocomplete="new-password"
              required
              [attr.maxlength]="passwordMax"
              data-testid="password-new"
            />
            <mat-hint>{{ 'admin.users.passwordHint' | transloco }}</mat-hint>
            @if (form.controls.newPassword.hasError('server')) {
              <mat-error>{{ form.controls.newPassword.getError('server') }}</mat-error>
            } @else if (form.controls.newPassword.hasError('passwordLength')) {
              <mat-error>{{ 'admin.validation.passwordLength' | transloco }}</mat-error>
            } @else {
              <mat-error>{{ 'form.required' | transloco }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'account.password.repeat' | transloco }}</mat-label>
            <input
              matInput
              type="password"
              formControlName="repeat"
              autocomplete="new-password"
              required
              [attr.maxlength]="passwordMax"
              data-testid="password-repeat"
            />
            @if (form.controls.repeat.hasError('mismatch')) {
              <mat-error>{{ 'account.password.mismatch' | transloco }}</mat-error>
            } @else {
              <mat-error>{{ 'form.required' | transloco }}</mat-error>
            }
          </mat-form-field>
        </div>
        <div class="sv-actions">
          <button mat-flat-button type="submit" [disabled]="busy()" data-testid="password-save">
            {{ (busy() ? 'form.saving' : 'account.password.save') | transloco }}
          </button>
          @if (!me()?.mustChangePassword) {
            <a mat-button [routerLink]="accountPath">{{ 'form.cancel' | transloco }}</a>
          }
        </div>
      </form>
    </section>
  `,
  styles: `
    :host {
      display: block;
      max-width: 820px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePasswordPage {
  private readonly api = inject(AccountApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');

  protected readonly me = this.auth.user;
  protected readonly accountPath = ACCOUNT_PATH;
  protected readonly passwordMax = PASSWORD_MAX_LENGTH;
  protected readonly busy = signal(false);
  protected readonly done = signal(false);
  protected readonly error = signal<Message | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    newPassword: ['', [Validators.required, passwordValidator]],
    repeat: ['', [Validators.required, sameAsNew]],
  });

  constructor() {
    // The repeat is checked again whenever the new password changes.
    this.form.controls.newPassword.valueChanges.subscribe(() =>
      this.form.controls.repeat.updateValueAndValidity({ emitEvent: false }),
    );
  }

  protected async save(): Promise<void> {
    if (this.busy()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.error.set({ key: 'form.fixErrors' });
      queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.api.changePassword(currentPassword, newPassword);
      this.form.reset({ currentPassword: '', newPassword: '', repeat: '' });
      const me = await this.auth.refresh();
      this.done.set(true);
      // A one-time password is gone: on to the user's own start page.
      await this.router.navigateByUrl(homeOf(me));
    } catch (caught) {
      const e = toApiError(caught);
      if (e.statusCode === 0) this.error.set({ key: 'errors.network' });
      else {
        const rest = applyServerErrors(this.form, e);
        this.error.set(
          rest.length
            ? { text: rest.join(' ') }
            : e.fields
              ? { key: 'form.fixErrors' }
              : e.message
                ? { text: e.message }
                : { key: 'errors.save' },
        );
      }
      queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
    } finally {
      this.busy.set(false);
    }
  }

  protected messageKey(m: Message): string | null {
    return 'key' in m ? m.key : null;
  }

  protected messageText(m: Message): string {
    return 'text' in m ? m.text : '';
  }
}
