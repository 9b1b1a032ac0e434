import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { PERIOD_PRESETS, type PeriodPreset, periodProblem } from '../../shared/period';
import { LeadStore } from './lead.store';

/** Programme picker (only with several programmes) and period presets with custom dates. */
@Component({
  selector: 'sv-period-picker',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, TranslocoPipe],
  template: `
    <form class="sv-period" (ngSubmit)="apply()" novalidate data-testid="period-picker">
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
          name="preset"
          data-testid="period-preset"
          [ngModel]="store.preset()"
          (ngModelChange)="choose($event)"
        >
          @for (p of presets; track p) {
            <option [value]="p">{{ 'lead.presets.' + p | transloco }}</option>
          }
        </select>
      </mat-form-field>
      @if (custom()) {
        <mat-form-field appearance="outline">
          <mat-label>{{ 'lead.from' | transloco }}</mat-label>
          <input
            matInput
            type="date"
            name="from"
            data-testid="period-from"
            [ngModel]="from()"
            (ngModelChange)="from.set($event)"
            [attr.aria-invalid]="problem() === 'from' || problem() === 'order'"
            [attr.aria-describedby]="problem() ? 'period-problem' : null"
          />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'lead.to' | transloco }}</mat-label>
          <input
            matInput
            type="date"
            name="to"
            data-testid="period-to"
            [ngModel]="to()"
            (ngModelChange)="to.set($event)"
            [attr.aria-invalid]="problem() === 'to' || problem() === 'order'"
            [attr.aria-describedby]="problem() ? 'period-problem' : null"
          />
        </mat-form-field>
        <button mat-flat-button type="submit" data-testid="period-apply">
          {{ 'lead.apply' | transloco }}
        </button>
      }
      <p id="period-problem" class="sv-error-text sv-period__problem" role="alert">
        @if (tried() && problem(); as p) {
          {{ 'lead.periodProblem.' + p | transloco }}
        }
      </p>
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
      width: 200px;
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
  protected readonly presets = PERIOD_PRESETS;

  protected readonly from = signal('');
  protected readonly to = signal('');
  protected readonly tried = signal(false);
  protected readonly custom = computed(() => this.store.preset() === 'custom');
  protected readonly problem = computed(() => periodProblem({ from: this.from(), to: this.to() }));

  constructor() {
    // Custom dates start from the period shown, so switching to "custom" changes nothing yet.
    effect(() => {
      const { from, to } = this.store.period();
      this.from.set(from);
      this.to.set(to);
    });
  }

  protected choose(preset: PeriodPreset): void {
    this.tried.set(false);
    this.store.choosePreset(preset);
  }

  protected apply(): void {
    this.tried.set(true);
    this.store.applyCustom({ from: this.from(), to: this.to() });
  }
}
