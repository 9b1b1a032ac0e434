import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  GENDERS,
  type ReportCell,
  type ReportTableKey,
  TARGET_STATUSES,
  type TargetStatus,
} from '@stegvis/contracts';
import { SvDatePipe } from '../../shared/date.pipe';
import { EmptyStateComponent } from '../../shared/empty-state.component';
import { BarChartComponent } from '../../shared/charts/bar-chart.component';
import { groupedSeries, singleSeries, totalRow, columnIndex } from '../../shared/report-cells';
import { PeriodPickerComponent } from './period-picker.component';
import { injectReportView } from './report-view';

const isTargetStatus = (code: string): code is TargetStatus =>
  (TARGET_STATUSES as readonly string[]).includes(code);

@Component({
  selector: 'sv-lead-dashboard',
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    RouterLink,
    TranslocoPipe,
    SvDatePipe,
    EmptyStateComponent,
    BarChartComponent,
    PeriodPickerComponent,
  ],
  templateUrl: './lead-dashboard.page.html',
  styleUrl: './lead-dashboard.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LeadDashboardPage {
  protected readonly view = injectReportView();
  protected readonly store = this.view.store;
  protected readonly lang = this.view.lang;

  constructor() {
    void this.store.start();
  }

  private readonly col = (code: string, table?: ReportTableKey) => this.view.label()(code, table);

  /** Key figures: participants in the period, started, exited, active at the end. */
  protected readonly flow = computed(() => {
    const table = this.view.table('participation_flow');
    if (!table) return [];
    const total = columnIndex(table, 'total');
    return table.rows.map((row) => ({
      code: String(row[0]),
      label: this.col(String(row[0])),
      value: this.view.text(row[total]),
    }));
  });

  protected readonly participants = computed(() =>
    groupedSeries(
      this.view.table('participants_by_gender'),
      [
        { column: 'planned', name: this.col('planned') },
        { column: 'actual', name: this.col('actual') },
      ],
      this.col,
      { rows: [...GENDERS] },
    ),
  );

  protected readonly participantsTotal = computed(() => {
    const table = this.view.table('participants_by_gender');
    const row = table && totalRow(table);
    if (!table || !row) return '';
    return this.view.t('lead.totals.participants', {
      planned: this.view.text(row[columnIndex(table, 'planned')]),
      actual: this.view.text(row[columnIndex(table, 'actual')]),
    });
  });

  protected readonly exits = computed(() =>
    singleSeries(this.view.table('exit_reasons'), 'total', this.col, {
      skipZero: true,
      columnName: this.col('total'),
    }),
  );

  protected readonly workOrStudies = computed(() => {
    const table = this.view.table('work_or_studies_at_exit');
    const row = table && totalRow(table);
    if (!table || !row) return null;
    return {
      count: this.view.text(row[columnIndex(table, 'work_or_studies')]),
      exited: this.view.text(row[columnIndex(table, 'exited')]),
      share: row[columnIndex(table, 'share_percent')],
    };
  });

  protected readonly income = computed(() =>
    groupedSeries(
      this.view.table('income_sources_start_exit'),
      [
        { column: 'total_start', name: this.view.t('lead.atStart') },
        { column: 'total_exit', name: this.view.t('lead.atExit') },
      ],
      this.col,
      { skipZero: true },
    ),
  );

  protected readonly progression = computed(() => {
    const table = this.view.table('step_progression');
    const chart = singleSeries(
      table && {
        ...table,
        rows: table.rows.filter((r) => r[0] !== 'overall' && r[0] !== 'moved_forward'),
      },
      'mean_change',
      this.col,
      { columnName: this.col('mean_change') },
    );
    const row = (label: string) => table?.rows.find((r) => r[0] === label);
    const cell = (label: string, column: string) => {
      const found = row(label);
      return table && found ? found[columnIndex(table, column)] : null;
    };
    return {
      chart,
      share: cell('moved_forward', 'share_percent'),
      moved: this.view.text(cell('moved_forward', 'participants')),
      assessed: this.view.text(cell('overall', 'participants')),
      mean: this.view.text(cell('overall', 'mean_change')),
    };
  });

  protected readonly sessions = computed(() =>
    singleSeries(this.view.table('sessions_by_kind'), 'count', this.col, {
      columnName: this.col('count'),
    }),
  );

  protected readonly placements = computed(() =>
    groupedSeries(
      this.view.table('placements_by_kind'),
      [
        { column: 'placements', name: this.col('placements') },
        { column: 'enterprises', name: this.col('enterprises') },
      ],
      this.col,
      { skipZero: true },
    ),
  );

  protected readonly placementsTotal = computed(() => {
    const table = this.view.table('placements_by_kind');
    const row = table && totalRow(table);
    if (!table || !row) return '';
    return this.view.t('lead.totals.placements', {
      placements: this.view.text(row[columnIndex(table, 'placements')]),
      enterprises: this.view.text(row[columnIndex(table, 'enterprises')]),
    });
  });

  /** One row per target of the catalogue; the status in words, never by colour alone. */
  protected readonly targets = computed(() => {
    const table = this.view.table('targets');
    if (!table) return [];
    const cell = (row: ReportCell[], column: string) => row[columnIndex(table, column)] ?? null;
    return table.rows.map((row) => {
      const status = String(cell(row, 'status'));
      const own = cell(row, 'label');
      return {
        label: this.col(String(row[0])),
        own: typeof own === 'string' ? own : null,
        goal: this.view.text(cell(row, 'goal')),
        actual: this.view.text(cell(row, 'actual')),
        status: isTargetStatus(status) ? status : 'cannot_be_shown',
      };
    });
  });

  protected share(value: unknown): string {
    return typeof value === 'number'
      ? `${new Intl.NumberFormat(this.lang() === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 }).format(value)} %`
      : this.view.t('charts.withheld');
  }
}
