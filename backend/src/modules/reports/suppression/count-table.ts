import { type PublishedCount, suppressSmallCells, TOTAL_LABEL } from '@stegvis/domain';
import type { CountOptions, Decisions, SuppressionPlan } from './report-suppression';

/**
 * A label × column count table registered with the report's suppression engine, so that it is
 * suppressed in the same run as every other table (transition tables and any later table: call
 * this inside buildReport before `plan.solve()`, then publish with the returned function).
 *
 * Cell ids are `key:row:column`; the row total is column `total`, the closing row is row `total`.
 * `totalRowIds` (the column totals, then the grand total) and `rowTotalIds` name cells of another
 * table that hold the same quantity — e.g. the participants in the period — so the engine sees
 * one cell, not two; they are linked only when the values agree.
 */
export interface CountTableSpec {
  key: string;
  rowLabels: readonly string[];
  columns: readonly string[];
  counts: readonly (readonly number[])[];
  /** Publish a `total` column (the sum of each row). */
  rowTotals: boolean;
  /** Publish a closing `total` row (the sum of each column). */
  columnTotals: boolean;
  totalRowIds?: readonly (string | undefined)[];
  rowTotalIds?: readonly (string | undefined)[];
  options?: CountOptions;
}

/** `[label, cells…, rowTotal?]` per row, then the `total` row when published. */
export type PublishRows = (decisions: Decisions) => (string | PublishedCount)[][];

export function registerCountTable(plan: SuppressionPlan, spec: CountTableSpec): PublishRows {
  const { key, rowLabels, columns, counts, rowTotals, columnTotals } = spec;
  if (rowLabels.length !== counts.length) throw new RangeError('One label per row of counts');
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  const rowSums = counts.map(sum);
  const columnSums = columns.map((_, c) => sum(counts.map((row) => row[c])));
  const grand = sum(rowSums);
  /** A linked id when it holds the same value, else this table's own id. */
  const linked = (linkedId: string | undefined, own: string, value: number): string =>
    linkedId !== undefined && plan.valueOf(linkedId) === value ? linkedId : own;
  const cellIds = rowLabels.map((label, r) =>
    columns.map((column, c) => plan.count(`${key}:${label}:${column}`, counts[r][c], spec.options)),
  );
  const rowTotalIds = rowTotals
    ? rowLabels.map((label, r) =>
        plan.count(
          linked(spec.rowTotalIds?.[r], `${key}:${label}:${TOTAL_LABEL}`, rowSums[r]),
          rowSums[r],
          spec.options,
        ),
      )
    : [];
  const totalRowIds = columnTotals
    ? columns.map((column, c) =>
        plan.count(
          linked(spec.totalRowIds?.[c], `${key}:${TOTAL_LABEL}:${column}`, columnSums[c]),
          columnSums[c],
          spec.options,
        ),
      )
    : [];
  const grandId =
    rowTotals && columnTotals
      ? plan.count(
          linked(spec.totalRowIds?.[columns.length], `${key}:${TOTAL_LABEL}:${TOTAL_LABEL}`, grand),
          grand,
          spec.options,
        )
      : '';
  if (rowTotals) {
    cellIds.forEach((ids, r) => plan.relation(rowTotalIds[r], ids));
    if (columnTotals) plan.relation(grandId, rowTotalIds);
  }
  if (columnTotals) {
    columns.forEach((_, c) =>
      plan.relation(
        totalRowIds[c],
        cellIds.map((ids) => ids[c]),
      ),
    );
    if (rowTotals) plan.relation(grandId, totalRowIds);
  }
  // The table's own shortest cycles (the rule used table by table before) as a second start.
  if (spec.options?.small !== false && spec.options?.published !== false && counts.length > 0) {
    const own = suppressSmallCells({
      counts,
      threshold: plan.threshold,
      margins: { rowTotals, columnTotals, grandTotal: rowTotals && columnTotals },
    });
    plan.suggest(
      own.suppressed
        .filter((s) => s.reason === 'secondary')
        .map(({ position: p }) => {
          switch (p.kind) {
            case 'cell':
              return cellIds[p.row][p.column];
            case 'rowTotal':
              return rowTotalIds[p.row];
            case 'columnTotal':
              return totalRowIds[p.column];
            case 'grandTotal':
              return grandId;
          }
        }),
    );
  }
  return (decisions) => {
    const at = (id: string) => decisions.published(id);
    const rows: (string | PublishedCount)[][] = rowLabels.map((label, r) => [
      label,
      ...cellIds[r].map(at),
      ...(rowTotals ? [at(rowTotalIds[r])] : []),
    ]);
    if (columnTotals) {
      rows.push([TOTAL_LABEL, ...totalRowIds.map(at), ...(rowTotals ? [at(grandId)] : [])]);
    }
    return rows;
  };
}
