import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ReportCell, ReportTable, ReportTableKey } from '@stegvis/contracts';
import { isSuppressed } from '../../shared/report-cells';

interface HeadCell {
  text: string;
  span: number;
}

/**
 * One report table as the funder reads it: a caption, headings in words, "<5" where a count is
 * hidden and "–" where a mean or share is withheld. Start/exit tables get a two-row heading
 * (gender over start, exit, change).
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
          } @else {
            <tr>
              @for (c of table().columns; track $index; let first = $first) {
                <th scope="col" [class.sv-num]="!first">{{ label()(c) }}</th>
              }
            </tr>
          }
        </thead>
        <tbody>
          @for (row of table().rows; track $index) {
            <tr [class.sv-row-total]="row[0] === 'total'">
              <th scope="row">{{ label()(asText(row[0]), table().key) }}</th>
              @for (cell of row.slice(1); track $index) {
                <td class="sv-num" [class.sv-hidden-cell]="hidden(cell)">{{ text()(cell) }}</td>
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
  `,
  styles: `
    .sv-report-table {
      margin: 0 0 24px;
    }
    .sv-hidden-cell {
      font-style: italic;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportTableComponent {
  readonly table = input.required<ReportTable>();
  readonly caption = input.required<string>();
  readonly label = input.required<(code: string, table?: ReportTableKey) => string>();
  readonly text = input.required<(cell: ReportCell) => string>();
  readonly emptyText = input('');

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

  protected asText(cell: ReportCell): string {
    return String(cell);
  }

  protected hidden(cell: ReportCell): boolean {
    return isSuppressed(cell) || cell === null;
  }
}
