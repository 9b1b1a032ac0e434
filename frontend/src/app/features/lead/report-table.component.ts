import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import {
  type ReportCell,
  reportLabelCount,
  type ReportTable,
  type ReportTableKey,
} from '@stegvis/contracts';
import { isSecondarySuppressed, isSuppressed } from '../../shared/report-cells';
import type { ReportLabelAt } from './report-view';

interface HeadCell {
  text: string;
  span: number;
}

/**
 * One report table as the funder reads it: a caption, headings in words, "<5" where a count is
 * small and hidden, "x" where a count is hidden to protect another (with a legend under the
 * table) and "–" where a mean or share is withheld. Start/exit tables get a two-row heading
 * (gender over start, exit, change); transition tables lead each row with two labels (gender,
 * start code) and a rule above each gender's block.
 */
@Component({
  selector: 'sv-report-table',
  template: `
    <div
      class="sv-table-scroll sv-report-table"
      tabindex="0"
      [attr.data-testid]="'table-' + table().key"
    >
      <table class="sv-table">
        <caption>
          {{
            caption()
          }}
        </caption>
        <thead>
          @if (groups(); as g) {
            <tr>
              <th scope="col" rowspan="2">{{ label()(table().columns[0]) }}</th>
              @for (h of g; track $index) {
                <th scope="colgroup" class="sv-num" [attr.colspan]="h.span">{{ h.text }}</th>
              }
            </tr>
            <tr>
              @for (c of table().columns.slice(1); track $index) {
                <th scope="col" class="sv-num">{{ phaseLabel(c) }}</th>
              }
            </tr>
          } @else if (labels() > 1) {
            <!-- Transitions: the exit codes under one "At exit" heading; the last column apart. -->
            <tr>
              @for (c of table().columns.slice(0, labels()); track $index) {
                <th scope="col" rowspan="2">{{ label()(c, table().key) }}</th>
              }
              <th scope="colgroup" class="sv-exit-group" [attr.colspan]="exitColumns().length">
                {{ label()('at_exit') }}
              </th>
              <th scope="col" rowspan="2" class="sv-num">
                {{ label()(lastColumn(), table().key, { heading: true }) }}
              </th>
            </tr>
            <tr>
              @for (c of exitColumns(); track $index) {
                <th scope="col" class="sv-num">
                  {{ label()(c, table().key, { heading: true }) }}
                </th>
              }
            </tr>
          } @else {
            <tr>
              @for (c of table().columns; track $index; let i = $index) {
                <th scope="col" [class.sv-num]="i >= labels() && !isText(i)">
                  {{ label()(c, table().key, { heading: i >= labels() }) }}
                </th>
              }
            </tr>
          }
        </thead>
        <tbody>
          @for (row of table().rows; track $index; let r = $index) {
            <tr
              [class.sv-row-total]="row[labels() - 1] === 'total'"
              [class.sv-block-start]="r > 0 && labels() > 1 && row[0] !== table().rows[r - 1][0]"
            >
              @for (l of row.slice(0, labels()); track $index; let c = $index) {
                <th scope="row">{{ label()(asText(l), table().key, { column: c }) }}</th>
              }
              @for (cell of row.slice(labels()); track $index; let j = $index) {
                @if (isStatus(labels() + j)) {
                  <!-- A target's status in words (Uppnått / Ej uppnått / Kan inte visas). -->
                  <td [attr.data-status]="cell">{{ label()(asText(cell)) }}</td>
                } @else {
                  <td [class.sv-num]="!isText(labels() + j)" [class.sv-hidden-cell]="hidden(cell)">
                    {{ text()(cell) }}
                  </td>
                }
              }
            </tr>
          } @empty {
            <tr>
              <td [attr.colspan]="table().columns.length">{{ emptyText() }}</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
    @if (hasSecondary() && secondaryLegend()) {
      <p class="sv-report-table__legend" [attr.data-testid]="'legend-' + table().key">
        {{ secondaryLegend() }}
      </p>
    }
  `,
  styles: `
    .sv-report-table {
      margin: 0 0 24px;
    }
    .sv-report-table__legend {
      margin: -16px 0 24px;
      font-size: 0.875rem;
    }
    .sv-hidden-cell {
      font-style: italic;
    }
    .sv-exit-group {
      text-align: center;
    }
    .sv-block-start > * {
      border-top: 2px solid currentColor;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportTableComponent {
  readonly table = input.required<ReportTable>();
  readonly caption = input.required<string>();
  readonly label =
    input.required<(code: string, table?: ReportTableKey, at?: ReportLabelAt) => string>();
  readonly text = input.required<(cell: ReportCell) => string>();
  readonly emptyText = input('');
  /** "x = dold för att skydda en annan uppgift", shown under a table with an "x". */
  readonly secondaryLegend = input('');

  protected readonly hasSecondary = computed(() =>
    this.table().rows.some((row) => row.slice(1).some(isSecondarySuppressed)),
  );

  /** Leading label cells of each row: 1, or 2 in the transition tables. */
  protected readonly labels = computed(() => reportLabelCount(this.table().key));

  /** The exit codes of a transition table: between the labels and the last column. */
  protected readonly exitColumns = computed(() => this.table().columns.slice(this.labels(), -1));

  protected readonly lastColumn = computed(() => this.table().columns.at(-1) ?? '');

  /** Column groups for `<gender>_start/_exit/_change` tables, else null. */
  protected readonly groups = computed<HeadCell[] | null>(() => {
    const columns = this.table().columns.slice(1);
    if (!columns.length || !columns.every((c) => /_(start|exit|change)$/.test(c))) return null;
    const groups: HeadCell[] = [];
    for (const c of columns) {
      const head = c.replace(/_(start|exit|change)$/, '');
      const text = this.label()(head);
      const last = groups[groups.length - 1];
      if (last && last.text === text) last.span++;
      else groups.push({ text, span: 1 });
    }
    return groups;
  });

  protected phaseLabel(column: string): string {
    const phase = /_(start|exit|change)$/.exec(column)?.[1] ?? column;
    return this.label()(phase);
  }

  /** The status column of the targets table holds codes, read as words. */
  protected isStatus(column: number): boolean {
    return this.table().key === 'targets' && this.table().columns[column] === 'status';
  }

  /** Columns of words (a target's status and own label) align left, like the row labels. */
  protected isText(column: number): boolean {
    return (
      this.isStatus(column) ||
      (this.table().key === 'targets' && this.table().columns[column] === 'label')
    );
  }

  protected asText(cell: ReportCell): string {
    return String(cell);
  }

  protected hidden(cell: ReportCell): boolean {
    return isSuppressed(cell) || cell === null;
  }
}
