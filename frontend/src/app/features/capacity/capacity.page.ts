import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ApiError } from '@stegvis/contracts';
import { EnterprisesApi } from '../../core/api/enterprises.api';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { SvDatePipe } from '../../shared/date.pipe';
import { todayIso } from '../../shared/dates';
import { type CapacityRow, capacityRows, capacityTotals } from './capacity-rows';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Work-training places offered against those in use, per enterprise, on a chosen day (leads, coaches). */
@Component({
  selector: 'sv-capacity',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, TranslocoPipe, SvDatePipe],
  templateUrl: './capacity.page.html',
  styleUrl: './capacity.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CapacityPage {
  private readonly api = inject(EnterprisesApi);
  protected readonly lang = inject(LanguageService).active;

  protected readonly date = signal(todayIso());
  protected readonly rows = signal<CapacityRow[] | null>(null);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly totals = computed(() => capacityTotals(this.rows() ?? []));
  // Only the answer to the latest request is kept: a slow earlier day cannot overwrite a newer one.
  private request = 0;

  constructor() {
    void this.load();
  }

  protected dateChanged(value: string): void {
    if (!DAY.test(value) || value === this.date()) return;
    this.date.set(value);
    void this.load();
  }

  protected async load(): Promise<void> {
    const mine = ++this.request;
    this.error.set(null);
    try {
      const items = await this.api.capacity(this.date());
      if (mine === this.request) this.rows.set(capacityRows(items));
    } catch (caught) {
      if (mine === this.request) this.error.set(toApiError(caught));
    }
  }

  protected abs(n: number): number {
    return Math.abs(n);
  }
}
