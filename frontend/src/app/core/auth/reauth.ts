import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, Injectable, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { ReauthRequest } from '@stegvis/contracts';
import { firstValueFrom } from 'rxjs';
import { toApiError } from '../http/api-error';
import { AuthService } from './auth.service';

/** The server refused a change until the user enters their password again (403 reauth_required). */
export function isReauthRequired(error: unknown): boolean {
  return (
    error instanceof HttpErrorResponse &&
    error.status === 403 &&
    (error.error as { code?: unknown } | null)?.code === 'reauth_required'
  );
}

/**
 * Changes of roles, programmes and passwords need a recent re-authentication: runs the change,
 * and when the server asks for one, asks for the password (or a code) in a dialog and runs the
 * change once more. Resolves to null when the user cancels the dialog.
 */
@Injectable({ providedIn: 'root' })
export class ReauthService {
  private readonly dialog = inject(MatDialog);

  async run<T>(change: () => Promise<T>): Promise<T | null> {
    try {
      return await change();
    } catch (caught) {
      if (!isReauthRequired(caught)) throw caught;
    }
    const ref = this.dialog.open<ReauthDialogComponent, void, boolean>(ReauthDialogComponent, {
      maxWidth: 'min(480px, calc(100vw - 32px))',
      autoFocus: 'first-tabbable',
      restoreFocus: true,
    });
    const confirmed = await firstValueFrom(ref.afterClosed());
    return confirmed ? change() : null;
  }
}

/** Asks for the password (or, with two-step verification on, a code) and re-authenticates. */
@Component({
  selector: 'sv-reauth-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
  ],
  template: `
    <h2 mat-dialog-title id="reauth-title">{{ 'reauth.title' | transloco }}</h2>
    <form [formGroup]="form" (ngSubmit)="confirm()" novalidate data-testid="reauth-form">
      <mat-dialog-content>
        <p>{{ 'reauth.lead' | transloco }}</p>
        <div role="alert">
          @if (error(); as e) {
            <p class="sv-alert" data-testid="reauth-error">{{ e }}</p>
          }
        </div>
        <mat-form-field appearance="outline" class="sv-reauth-field">
          <!-- One label and one input (projected content must not sit in control flow). -->
          <mat-label>{{ (useCode() ? 'reauth.code' : 'reauth.password') | transloco }}</mat-label>
          <input
            matInput
            [type]="useCode() ? 'text' : 'password'"
            formControlName="secret"
            [attr.autocomplete]="useCode() ? 'one-time-code' : 'current-password'"
            [attr.inputmode]="useCode() ? 'numeric' : null"
            [attr.maxlength]="useCode() ? 32 : null"
            required
            [attr.data-testid]="useCode() ? 'reauth-code' : 'reauth-password'"
          />
          @if (form.controls.secret.hasError('server')) {
            <mat-error>{{ form.controls.secret.getError('server') }}</mat-error>
          } @else {
            <mat-error>{{ 'form.required' | transloco }}</mat-error>
          }
        </mat-form-field>
        @if (mfaEnabled) {
          <button mat-button type="button" (click)="toggleCode()" data-testid="reauth-toggle">
            {{ (useCode() ? 'reauth.usePassword' : 'reauth.useCode') | transloco }}
          </button>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="busy()">
          {{ 'form.cancel' | transloco }}
        </button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="reauth-confirm">
          {{ 'reauth.confirm' | transloco }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .sv-reauth-field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReauthDialogComponent {
  private readonly http = inject(HttpClient);
  private readonly ref = inject(MatDialogRef<ReauthDialogComponent, boolean>);
  private readonly transloco = inject(TranslocoService);
  protected readonly mfaEnabled = inject(AuthService).user()?.mfaEnabled ?? false;
  protected readonly useCode = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    secret: ['', Validators.required],
  });

  protected toggleCode(): void {
    this.useCode.update((v) => !v);
    this.form.reset({ secret: '' });
    this.error.set(null);
  }

  protected async confirm(): Promise<void> {
    if (this.busy()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const secret = this.form.getRawValue().secret;
    const body: ReauthRequest = this.useCode()
      ? { code: secret.replace(/\s/g, '') }
      : { password: secret };
    this.busy.set(true);
    this.error.set(null);
    try {
      await firstValueFrom(this.http.post<void>('/api/auth/reauth', body));
      this.ref.close(true);
    } catch (caught) {
      const e = toApiError(caught);
      const field = Object.values(e.fields ?? {})
        .flat()
        .join(' ');
      if (field) {
        this.form.controls.secret.setErrors({ server: field });
        this.form.controls.secret.markAsTouched();
      } else {
        this.error.set(
          e.statusCode === 0 || !e.message ? this.transloco.translate('errors.network') : e.message,
        );
      }
    } finally {
      this.busy.set(false);
    }
  }
}
