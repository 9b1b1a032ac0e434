import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { CaseRecordsApi } from '../../../../core/api/case-records.api';
import { toApiError } from '../../../../core/http/api-error';
import { applyServerErrors } from '../../../../shared/server-errors';

export interface DataSubjectDialogData {
  kind: 'export' | 'erase';
  participantId: string;
}

/**
 * The confirmation of a data-subject export (closes with true: the caller downloads) or of an
 * erasure with its reason (makes the erasure here, so the reason's field errors show beside it;
 * closes with true once it is done).
 */
@Component({
  selector: 'sv-data-subject-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
  ],
  template: `
    <h2 mat-dialog-title>{{ 'dataSubject.' + data.kind + '.title' | transloco }}</h2>
    <mat-dialog-content>
      <p>{{ 'dataSubject.' + data.kind + '.lead' | transloco }}</p>
      @if (data.kind === 'erase') {
        <h3 class="sv-dialog-subtitle">{{ 'consentChange.deletedTitle' | transloco }}</h3>
        <ul class="sv-dialog-list" data-testid="erase-deleted">
          @for (item of erased; track item) {
            <li>{{ 'dataSubject.erase.deleted.' + item | transloco }}</li>
          }
        </ul>
        <h3 class="sv-dialog-subtitle">{{ 'consentChange.keptTitle' | transloco }}</h3>
        <ul class="sv-dialog-list" data-testid="erase-kept">
          @for (item of kept; track item) {
            <li>{{ 'dataSubject.erase.kept.' + item | transloco }}</li>
          }
        </ul>
        <p>
          <strong>{{ 'dataSubject.erase.final' | transloco }}</strong>
        </p>
        <form [formGroup]="form" (ngSubmit)="confirm()" novalidate>
          <mat-form-field appearance="outline" class="sv-reason">
            <mat-label>{{ 'dataSubject.erase.reason' | transloco }}</mat-label>
            <textarea
              matInput
              formControlName="reason"
              rows="3"
              required
              maxlength="500"
              data-testid="erase-reason"
            ></textarea>
            <mat-hint>{{ 'dataSubject.erase.reasonHint' | transloco }}</mat-hint>
            @if (form.controls.reason.hasError('server')) {
              <mat-error>{{ form.controls.reason.getError('server') }}</mat-error>
            } @else {
              <mat-error>{{ 'dataSubject.erase.reasonShort' | transloco }}</mat-error>
            }
          </mat-form-field>
        </form>
      } @else {
        <ul class="sv-dialog-list">
          @for (item of exportNotes; track item) {
            <li>{{ 'dataSubject.export.notes.' + item | transloco }}</li>
          }
        </ul>
      }
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
        [class.sv-danger]="data.kind === 'erase'"
        (click)="confirm()"
        [disabled]="saving()"
        [attr.data-testid]="data.kind + '-confirm'"
      >
        {{ 'dataSubject.' + data.kind + '.confirm' | transloco }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .sv-dialog-subtitle {
      margin: 12px 0 4px;
      font: var(--mat-sys-title-small);
    }
    .sv-dialog-list {
      margin: 0 0 8px;
      padding-left: 20px;
    }
    .sv-reason {
      width: 100%;
    }
    .sv-danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DataSubjectDialogComponent {
  protected readonly data = inject<DataSubjectDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<DataSubjectDialogComponent, boolean>);
  private readonly api = inject(CaseRecordsApi);
  private readonly transloco = inject(TranslocoService);

  protected readonly erased = ['identity', 'background', 'texts'] as const;
  protected readonly kept = ['statistics', 'audit'] as const;
  protected readonly exportNotes = ['contents', 'masked', 'logged', 'store'] as const;
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.minLength(10), Validators.maxLength(500)]],
  });

  protected async confirm(): Promise<void> {
    if (this.data.kind === 'export') {
      this.ref.close(true);
      return;
    }
    if (this.saving()) return;
    this.form.markAllAsTouched();
    if (this.form.controls.reason.value.trim().length < 10) {
      this.form.controls.reason.setErrors({ minlength: true });
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    try {
      await this.api.eraseParticipant(this.data.participantId, this.form.controls.reason.value);
      this.ref.close(true);
    } catch (caught) {
      const e = toApiError(caught);
      const rest = applyServerErrors(this.form, e);
      this.error.set(
        rest.join(' ') ||
          (e.fields
            ? null
            : this.transloco.translate(e.statusCode === 0 ? 'errors.network' : 'errors.save')),
      );
    } finally {
      this.saving.set(false);
    }
  }
}
