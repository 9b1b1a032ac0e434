import { Injectable, computed, inject, signal } from '@angular/core';
import type { ApiError, Indicator, Programme, ProgrammeReport } from '@stegvis/contracts';
import { ReportsApi } from '../../core/api/reports.api';
import { toApiError } from '../../core/http/api-error';
import type { ReportPeriodKey } from '@stegvis/domain';
import { type Period, periodChoices, periodOf, thisHalfYear } from '../../shared/period';

/**
 * The lead's workspace state, shared by the dashboard and the report page (provided on the lead
 * routes): which programme, which period, and the report for them. Only the answer to the latest
 * request is kept, so a slow earlier period cannot overwrite a newer one.
 */
@Injectable()
export class LeadStore {
  private readonly api = inject(ReportsApi);
  private request = 0;
  private started = false;

  readonly programmes = signal<Programme[]>([]);
  readonly programmeId = signal<string | null>(null);
  /** The chosen half-year or year (this half-year to begin with). */
  readonly periodKey = signal<ReportPeriodKey>(thisHalfYear(new Date()));
  readonly period = computed<Period>(() => periodOf(this.periodKey()));
  readonly report = signal<ProgrammeReport | null>(null);
  readonly indicators = signal<Indicator[]>([]);
  readonly loading = signal(false);
  readonly error = signal<ApiError | null>(null);

  readonly programme = computed(
    () => this.programmes().find((p) => p.id === this.programmeId()) ?? null,
  );

  /** The half-years and years of the programme so far, newest first. */
  readonly periodChoices = computed(() => {
    const choices = periodChoices(new Date(), this.programme());
    // A period chosen for another programme stays on the list while it is shown.
    return choices.includes(this.periodKey()) ? choices : [this.periodKey(), ...choices];
  });

  /** Loads the programmes once and the report for the first of them. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.loading.set(true);
    try {
      const list = await this.api.programmes();
      this.programmes.set(list);
      if (list.length > 0) {
        this.programmeId.set(list[0].id);
        await Promise.all([this.reload(), this.loadIndicators()]);
      } else {
        this.loading.set(false);
      }
    } catch (caught) {
      this.started = false;
      this.error.set(toApiError(caught));
      this.loading.set(false);
    }
  }

  selectProgramme(id: string): void {
    this.programmeId.set(id);
    void this.loadIndicators();
    void this.reload();
  }

  choosePeriod(key: ReportPeriodKey): void {
    this.periodKey.set(key);
    void this.reload();
  }

  async reload(): Promise<void> {
    const id = this.programmeId();
    if (!id) return;
    const request = ++this.request;
    const { from, to } = this.period();
    this.loading.set(true);
    this.error.set(null);
    try {
      const report = await this.api.report(id, from, to);
      if (request === this.request) this.report.set(report);
    } catch (caught) {
      if (request === this.request) this.error.set(toApiError(caught));
    } finally {
      if (request === this.request) this.loading.set(false);
    }
  }

  private async loadIndicators(): Promise<void> {
    const id = this.programmeId();
    if (!id) return;
    try {
      const instruments = await this.api.instruments(id);
      this.indicators.set(instruments.flatMap((i) => i.indicators));
    } catch {
      // Labels only: without them the indicator codes are shown.
      this.indicators.set([]);
    }
  }
}
