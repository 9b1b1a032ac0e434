import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { periodLabelParts } from '../../shared/period';
import { LeadStore } from './lead.store';

/** Programme picker (only with several programmes) and the half-year or year of the report. */
@Component({
  selector: 'sv-period-picker',
  imports: [FormsModule, MatFormFieldModule, MatInputModule, TranslocoPipe],
  template: `
    <form class="sv-period" (submit)="$event.preventDefault()" data-testid="period-picker">
      @if (store.programmes().length > 1) {
        <mat-form-field appearance="outline" class="sv-period__programme">
          <mat-label>{{ 'lead.programme' | transloco }}</mat-label>
          <select
            matNativeControl
            name="programme"
            data-testid="programme-select"
            [ngModel]="store.programmeId()"
            (ngModelChange)="store.selectProgramme($event)"
          >
            @for (p of store.programmes(); track p.id) {
              <option [value]="p.id">{{ p.name }}</option>
            }
          </select>
        </mat-form-field>
      }
      <mat-form-field appearance="outline">
        <mat-label>{{ 'lead.period' | transloco }}</mat-label>
        <select
          matNativeControl
          name="period"
          data-testid="period-select"
          [ngModel]="store.periodKey()"
          (ngModelChange)="store.choosePeriod($event)"
        >
          @for (key of store.periodChoices(); track key) {
            @let parts = labelParts(key);
            <option [value]="key">
              {{ 'lead.halfYear' + parts.half | transloco: { year: parts.year } }}
            </option>
          }
        </select>
      </mat-form-field>
    </form>
  `,
  styles: `
    .sv-period {
      margin-top: 16px;
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 0 12px;
    }
    .sv-period mat-form-field {
      width: 240px;
    }
    .sv-period .sv-period__programme {
      width: 280px;
    }
    .sv-period button {
      margin-top: 8px;
    }
    .sv-period__problem {
      flex-basis: 100%;
      margin: 0;
    }
    @media (max-width: 599px) {
      .sv-period mat-form-field,
      .sv-period .sv-period__programme {
        width: 100%;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PeriodPickerComponent {
  protected readonly store = inject(LeadStore);
  protected readonly labelParts = periodLabelParts;
}
