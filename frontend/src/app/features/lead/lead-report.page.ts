import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  type ReportCell,
  reportLegend,
  secondaryMarkerLegend,
  type ReportTable,
  type ReportTableKey,
} from '@stegvis/contracts';
import { SvDatePipe } from '../../shared/date.pipe';
import { todayIso } from '../../shared/dates';
import { EmptyStateComponent } from '../../shared/empty-state.component';
import { cellText, isSuppressed } from '../../shared/report-cells';
import { dataAgeNotice } from './data-age';
import { DownloadsComponent } from './downloads.component';
import { PeriodPickerComponent } from './period-picker.component';
import { injectReportView } from './report-view';
import { ReportTableComponent } from './report-table.component';

/** The sections of a lägesrapport and the report tables in each, in reading order. */
const SECTIONS: { key: string; tables: ReportTableKey[] }[] = [
  {
    key: 'participants',
    tables: [
      'participants_by_gender',
      'participation_flow',
      'age_bands',
      'education',
      'time_in_support',
    ],
  },
  {
    key: 'sessions',
    tables: [
      'sessions_by_kind',
      'people_reached_by_gender',
      'sessions_by_gender',
      'mean_sessions_by_gender',
      'group_series',
      'series_participants_by_gender',
    ],
  },
  { key: 'placements', tables: ['placements_by_kind', 'follow_ups'] },
  {
    key: 'exits',
    tables: [
      'exit_reasons',
      'work_or_studies_at_exit',
      'income_sources_start_exit',
      'occupation_start_exit',
      'income_transitions',
      'occupation_transitions',
    ],
  },
  { key: 'progression', tables: ['step_progression'] },
  {
    key: 'enterprises',
    tables: [
      'advice_sessions_by_kind',
      'people_advised_by_gender',
      'advice_sessions_by_gender',
      'mean_advice_sessions_by_gender',
      'enterprise_events',
      'agreements',
      'enterprises_started',
    ],
  },
  { key: 'targets', tables: ['targets'] },
];

@Component({
  selector: 'sv-lead-report',
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    RouterLink,
    TranslocoPipe,
    SvDatePipe,
    EmptyStateComponent,
    DownloadsComponent,
    PeriodPickerComponent,
    ReportTableComponent,
  ],
  templateUrl: './lead-report.page.html',
  styleUrl: './lead-report.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LeadReportPage {
  protected readonly view = injectReportView();
  protected readonly store = this.view.store;
  protected readonly lang = this.view.lang;
  protected readonly today = todayIso();

  constructor() {
    void this.store.start();
  }

  /** Tables in lägesrapport order; a table the server adds later lands in a last section. */
  protected readonly sections = computed(() => {
    const report = this.store.report();
    if (!report) return [];
    const byKey = new Map(report.tables.map((t) => [t.key, t]));
    const placed = new Set<string>();
    const sections = SECTIONS.map((s) => ({
      key: s.key,
      tables: s.tables
        .map((k) => byKey.get(k))
        .filter((t): t is ReportTable => {
          if (t) placed.add(t.key);
          return !!t;
        }),
    }));
    const rest = report.tables.filter((t) => !placed.has(t.key));
    if (rest.length) sections.push({ key: 'other', tables: rest });
    return sections.filter((s) => s.tables.length > 0);
  });

  /** How old the data is, when a lagging read replica served it (null: current enough). */
  protected readonly dataAge = computed(() => {
    const report = this.store.report();
    return report ? dataAgeNotice(report) : null;
  });

  /** Hidden counts in the whole report (stated in the header, as the XLSX does). */
  protected readonly hiddenCount = computed(
    () =>
      this.store
        .report()
        ?.tables.reduce((n, t) => n + t.rows.flat().filter((c) => isSuppressed(c)).length, 0) ?? 0,
  );

  protected readonly label = computed(() => this.view.label());

  /** The line under a table that has an "x" (the same words as in the files). */
  protected readonly secondaryLegend = computed(() =>
    secondaryMarkerLegend(this.lang() === 'en' ? 'en' : 'sv'),
  );
  /** What "<k", "x" and "–" mean, in the words of the files (libs/contracts reportLegend). */
  protected readonly legend = computed(() => {
    const report = this.store.report();
    return report ? reportLegend(this.lang() === 'en' ? 'en' : 'sv', report.threshold) : [];
  });

  /** Report tables show the marker as the funder's file does; a withheld figure is "–". */
  protected readonly text = computed(() => {
    const lang = this.lang();
    const yes = this.view.t('common.yes');
    const no = this.view.t('common.no');
    return (cell: ReportCell) => cellText(cell, lang, [yes, no]);
  });

  protected title(key: string, english: string): string {
    const text = this.view.t(`reportTitle.${key}`);
    return text === `reportTitle.${key}` ? english : text;
  }
}
