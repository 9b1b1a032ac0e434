import { Injectable, computed, inject, signal } from '@angular/core';
import type { ApiError, Indicator, Programme, ProgrammeReport } from '@stegvis/contracts';
import { ReportsApi } from '../../core/api/reports.api';
import { toApiError } from '../../core/http/api-error';
import { type Period, type PeriodPreset, periodProblem, presetPeriod } from '../../shared/period';

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
  readonly preset = signal<PeriodPreset>('thisHalf');
  readonly period = signal<Period>(presetPeriod('thisHalf', new Date()));
  readonly report = signal<ProgrammeReport | null>(null);
  readonly indicators = signal<Indicator[]>([]);
  readonly loading = signal(false);
  readonly error = signal<ApiError | null>(null);

  readonly programme = computed(
    () => this.programmes().find((p) => p.id === this.programmeId()) ?? null,
  );

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
    if (this.preset() === 'programme') {
      this.period.set(presetPeriod('programme', new Date(), this.programme()));
    }
    void this.loadIndicators();
    void this.reload();
  }

  /** A preset sets the dates at once; `custom` keeps the current ones until the user applies new. */
  choosePreset(preset: PeriodPreset): void {
    this.preset.set(preset);
    if (preset === 'custom') return;
    this.period.set(presetPeriod(preset, new Date(), this.programme()));
    void this.reload();
  }

  /** Custom dates: returns false (and asks nothing) when they are not a valid period. */
  applyCustom(period: Period): boolean {
    if (periodProblem(period)) return false;
    this.preset.set('custom');
    this.period.set(period);
    void this.reload();
    return true;
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
