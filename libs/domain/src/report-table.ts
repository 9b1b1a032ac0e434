import { toEpochDay, fromEpochDay } from './iso-date';
import {
  type PublishedCount,
  type SuppressedTable,
  suppressDerived,
  suppressSmallCells,
} from './suppression';

/*
 * Shaping count tables for funder reports: a labelled cross-table of counts, suppressed with
 * suppressSmallCells, published as rows `[label, cell, …, total?]` with a closing `total` row.
 */

export interface CountTableInput {
  rowLabels: readonly string[];
  /** Non-negative integer counts, one row per label. */
  counts: readonly (readonly number[])[];
  threshold: number;
  /** Publish a `total` column (the sum of each row). */
  rowTotals: boolean;
  /** Publish a closing `total` row (the sum of each column). */
  columnTotals: boolean;
}

export interface PublishedCountTable {
  /** `[label, cells…, rowTotal?]`, then `['total', columnTotals…, grandTotal?]` if published. */
  rows: (string | PublishedCount)[][];
  suppressed: SuppressedTable;
}

export const TOTAL_LABEL = 'total';

export function publishCountTable(input: CountTableInput): PublishedCountTable {
  const { rowLabels, counts, threshold, rowTotals, columnTotals } = input;
  if (rowLabels.length !== counts.length) {
    throw new RangeError('One label per row of counts');
  }
  const suppressed = suppressSmallCells({
    counts,
    threshold,
    margins: { rowTotals, columnTotals, grandTotal: rowTotals && columnTotals },
  });
  const rows: (string | PublishedCount)[][] = suppressed.cells.map((cells, r) => [
    rowLabels[r],
    ...cells,
    ...(suppressed.rowTotals ? [suppressed.rowTotals[r]] : []),
  ]);
  if (suppressed.columnTotals) {
    rows.push([
      TOTAL_LABEL,
      ...suppressed.columnTotals,
      ...(suppressed.grandTotal !== null ? [suppressed.grandTotal] : []),
    ]);
  }
  return { rows, suppressed };
}

/** A ratio rounded to one decimal, withheld (null) when a count it rests on is hidden or 0. */
export function publishedRatio(
  numerator: number,
  denominator: number,
  basis: readonly PublishedCount[],
  scale = 1,
): number | null {
  if (denominator === 0) return null;
  return suppressDerived(roundOneDecimal((numerator / denominator) * scale), basis);
}

/** Half away from zero, one decimal: 2.25 → 2.3, −0.05 → −0.1. */
export function roundOneDecimal(value: number): number {
  const rounded = Math.sign(value) * Math.round(Math.abs(value) * 10 + 1e-9);
  return rounded / 10 || 0;
}

/** `2026-05-14` → `2026-Q2`. */
export function yearQuarter(iso: string): string {
  const date = fromEpochDay(toEpochDay(iso));
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}
