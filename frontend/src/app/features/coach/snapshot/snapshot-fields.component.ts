import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { INCOME_SOURCES, OCCUPATIONS, TIME_IN_SUPPORT } from '@stegvis/contracts';
import type { SnapshotForm } from './snapshot-form';

/**
 * The fields of a start or exit snapshot, inside the caller's form: income sources (several at
 * once, each with a one-line explanation), time in public support before start, occupation and
 * its extent. Server errors sit beside the fields as `server` errors (applyServerErrors).
 */
@Component({
  selector: 'sv-snapshot-fields',
  imports: [
    ReactiveFormsModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
  ],
  template: `
    <div [formGroup]="form()">
      <fieldset
        class="sv-fieldset sv-snapshot-sources"
        formGroupName="incomeSources"
        [attr.aria-describedby]="idPrefix() + '-sources-help'"
        [attr.data-testid]="idPrefix() + '-income-sources'"
      >
        <legend>{{ 'snapshot.incomeSources' | transloco }}</legend>
        <p class="sv-muted sv-snapshot-help" [id]="idPrefix() + '-sources-help'">
          {{ 'snapshot.incomeSourcesHelp' | transloco }}
        </p>
        <ul class="sv-snapshot-sources__list">
          @for (code of sources; track code) {
            <li>
              <mat-checkbox
                [formControlName]="code"
                [aria-describedby]="idPrefix() + '-hint-' + code"
                [attr.data-testid]="idPrefix() + '-source-' + code"
                >{{ 'incomeSource.' + code | transloco }}</mat-checkbox
              >
              <p class="sv-snapshot-hint" [id]="idPrefix() + '-hint-' + code">
                {{ 'incomeSourceHint.' + code | transloco }}
              </p>
            </li>
          }
        </ul>
        @if (form().controls.incomeSources.hasError('server')) {
          <p class="sv-error-text" role="alert">
            {{ form().controls.incomeSources.getError('server') }}
          </p>
        }
      </fieldset>
      <div class="sv-form-grid sv-snapshot-choices">
        @if (showTimeInSupport()) {
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'snapshot.timeInSupport' | transloco }}</mat-label>
            <select
              matNativeControl
              formControlName="timeInSupport"
              [attr.data-testid]="idPrefix() + '-time-in-support'"
            >
              <option value="">{{ 'snapshot.notRecorded' | transloco }}</option>
              @for (code of timeInSupport; track code) {
                <option [value]="code">{{ 'timeInSupport.' + code | transloco }}</option>
              }
            </select>
            <mat-hint>{{ 'snapshot.timeInSupportHint' | transloco }}</mat-hint>
            <mat-error>{{ form().controls.timeInSupport.getError('server') }}</mat-error>
          </mat-form-field>
        }
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'snapshot.occupation' | transloco }}</mat-label>
          <select
            matNativeControl
            formControlName="occupation"
            [attr.data-testid]="idPrefix() + '-occupation'"
          >
            <option value="">{{ 'snapshot.notRecorded' | transloco }}</option>
            @for (code of occupations; track code) {
              <option [value]="code">{{ 'occupation.' + code | transloco }}</option>
            }
          </select>
          <mat-error>{{ form().controls.occupation.getError('server') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'snapshot.occupationPercent' | transloco }}</mat-label>
          <input
            matInput
            formControlName="occupationPercent"
            inputmode="numeric"
            autocomplete="off"
            [attr.data-testid]="idPrefix() + '-occupation-percent'"
          />
          <span matTextSuffix>%</span>
          <mat-hint>{{ 'snapshot.occupationPercentHint' | transloco }}</mat-hint>
          @if (form().controls.occupationPercent.hasError('server')) {
            <mat-error>{{ form().controls.occupationPercent.getError('server') }}</mat-error>
          } @else {
            <mat-error>{{ 'snapshot.percentInvalid' | transloco }}</mat-error>
          }
        </mat-form-field>
      </div>
    </div>
  `,
  styles: `
    .sv-snapshot-sources__list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 300px), 1fr));
      gap: 4px 16px;
    }
    .sv-snapshot-hint {
      margin: -4px 0 8px 40px;
      font-size: 0.85rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .sv-snapshot-help {
      margin: 0 0 8px;
    }
    .sv-snapshot-choices {
      margin-top: 12px;
      row-gap: 16px;
      align-items: start;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SnapshotFieldsComponent {
  readonly form = input.required<SnapshotForm>();
  /** Prefix of element ids and test ids, unique on the page (`start`, `exit`). */
  readonly idPrefix = input('snapshot');
  /** Time in support is a fact before the start: the exit form leaves it out. */
  readonly showTimeInSupport = input(true);

  protected readonly sources = INCOME_SOURCES;
  protected readonly timeInSupport = TIME_IN_SUPPORT;
  protected readonly occupations = OCCUPATIONS;
}
