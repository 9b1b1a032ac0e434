import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { Participant, UpdateParticipantRequest } from '@stegvis/contracts';
import { CaseRecordsApi } from '../../../../core/api/case-records.api';
import { toApiError } from '../../../../core/http/api-error';
import { todayIso } from '../../../../shared/dates';
import { applyServerErrors } from '../../../../shared/server-errors';

export type ConsentChangeKind = 'withdraw' | 'protect';

export interface ConsentChangeData {
  kind: ConsentChangeKind;
  participant: Participant;
}

/**
 * The confirmation of a consent withdrawal or a protected identity: says exactly what is deleted
 * and what stays (see ParticipantsService: IDENTIFYING_AND_CASE_FIELDS and scrubCaseData), then
 * makes the change. Closes with the reduced record, or with nothing when the coach cancels.
 */
@Component({
  selector: 'sv-consent-change-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
  ],
  template: `
    <h2 mat-dialog-title>{{ 'consentChange.' + data.kind + '.title' | transloco }}</h2>
    <mat-dialog-content>
      <p>{{ 'consentChange.' + data.kind + '.lead' | transloco }}</p>
      @if (data.kind === 'withdraw') {
        <form [formGroup]="form" (ngSubmit)="confirm()" novalidate>
          <mat-form-field appearance="outline" class="sv-withdrawn-at">
            <mat-label>{{ 'consentChange.withdrawnAt' | transloco }}</mat-label>
            <input
              matInput
              type="date"
              formControlName="withdrawnAt"
              required
              data-testid="consent-withdrawn-at"
            />
            @if (form.controls.withdrawnAt.hasError('server')) {
              <mat-error>{{ form.controls.withdrawnAt.getError('server') }}</mat-error>
            } @else {
              <mat-error>{{ 'form.date' | transloco }}</mat-error>
            }
          </mat-form-field>
        </form>
      }
      <h3 class="sv-dialog-subtitle">{{ 'consentChange.deletedTitle' | transloco }}</h3>
      <ul class="sv-plain-list sv-dialog-list" data-testid="consent-deleted">
        @for (item of deleted; track item) {
          <li>{{ 'consentChange.deleted.' + item | transloco }}</li>
        }
      </ul>
      <h3 class="sv-dialog-subtitle">{{ 'consentChange.keptTitle' | transloco }}</h3>
      <ul class="sv-plain-list sv-dialog-list" data-testid="consent-kept">
        @for (item of kept; track item) {
          <li>{{ 'consentChange.kept.' + item | transloco }}</li>
        }
      </ul>
      <p>
        <strong>{{ 'consentChange.final' | transloco }}</strong>
      </p>
      <div role="alert">
        @if (error(); as e) {
          <p class="sv-alert">{{ e }}</p>
        }
      </div>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close [disabled]="saving()">
        {{ 'form.cancel' | transloco }}
      </button>
      <button
        mat-flat-button
        type="button"
        class="sv-danger"
        (click)="confirm()"
        [disabled]="saving()"
        data-testid="consent-confirm"
      >
        {{ 'consentChange.' + data.kind + '.confirm' | transloco }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .sv-dialog-subtitle {
      margin: 12px 0 4px;
      font: var(--mat-sys-title-small);
    }
    .sv-withdrawn-at {
      width: 100%;
      max-width: 360px;
    }
    .sv-danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
    .sv-dialog-list {
      margin: 0;
      padding-left: 20px;
      list-style: disc;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConsentChangeDialogComponent {
  protected readonly data = inject<ConsentChangeData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<ConsentChangeDialogComponent, Participant>);
  private readonly api = inject(CaseRecordsApi);
  private readonly transloco = inject(TranslocoService);

  protected readonly deleted = [
    'identity',
    'background',
    'coach',
    'dates',
    'snapshots',
    'plan',
    'records',
  ] as const;
  protected readonly kept = ['gender', 'months', 'status'] as const;
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  private version = this.data.participant.version;

  protected readonly form = inject(NonNullableFormBuilder).group({
    withdrawnAt: [todayIso(), [Validators.required, Validators.pattern(/^\d{4}-\d{2}-\d{2}$/)]],
  });

  protected async confirm(): Promise<void> {
    if (this.saving()) return;
    if (this.data.kind === 'withdraw' && this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const body: UpdateParticipantRequest =
      this.data.kind === 'withdraw'
        ? { consent: { given: false, withdrawnAt: this.form.controls.withdrawnAt.value } }
        : { protectedIdentity: true };
    this.saving.set(true);
    this.error.set(null);
    try {
      this.ref.close(
        await this.api.updateParticipant(this.data.participant.id, this.version, body),
      );
    } catch (caught) {
      const e = toApiError(caught);
      const current = e.current as Participant | undefined;
      if (e.statusCode === 409 && current && typeof current.version === 'number') {
        // Someone saved meanwhile: nothing of theirs is lost by reducing, but confirm once more.
        this.version = current.version;
        this.error.set(this.t('consentChange.changedMeanwhile'));
        return;
      }
      const rest = applyServerErrors(this.form, e, { 'consent.withdrawnAt': 'withdrawnAt' });
      this.error.set(
        rest.join(' ') ||
          (e.fields ? null : this.t(e.statusCode === 0 ? 'errors.network' : 'errors.save')),
      );
    } finally {
      this.saving.set(false);
    }
  }

  private t(key: string): string {
    return this.transloco.translate(key);
  }
}
