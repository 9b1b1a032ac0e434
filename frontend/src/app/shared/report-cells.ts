import type { ReportCell, ReportTable, ReportTableKey } from '@stegvis/contracts';

/*
 * Suppression-aware reading of published report cells (docs/reports.md "Suppression"). A hidden
 * count arrives as a marker — "<k" when it is small, "x" when it is hidden to protect another
 * value (it may be large) — and a withheld mean or share as null; neither may ever turn into
 * a number on its way to a chart, so the chart mapping below leaves such bars out and names them.
 */

/** The marker of a count hidden only to protect another (secondary suppression). */
export const SECONDARY_MARKER = 'x';

/** A suppressed count: `"<k"` (small) or `"x"` (hidden to protect another value). */
export function isSuppressed(cell: ReportCell | undefined): cell is string {
  return typeof cell === 'string' && (cell === SECONDARY_MARKER || /^<\d+$/.test(cell));
}

/** A count hidden to protect another value: says nothing about its size. */
export function isSecondarySuppressed(cell: ReportCell | undefined): boolean {
  return cell === SECONDARY_MARKER;
}

/** Only a real, published number counts as a value; "<5", null, text and booleans do not. */
export function publishedNumber(cell: ReportCell | undefined): number | null {
  return typeof cell === 'number' && Number.isFinite(cell) ? cell : null;
}

/** A cell as text for a table: counts as they are, decimals in the reader's locale. */
export function cellText(
  cell: ReportCell | undefined,
  lang: string,
  yesNo?: [string, string],
): string {
  if (cell === null || cell === undefined) return '–';
  if (typeof cell === 'boolean') return yesNo ? (cell ? yesNo[0] : yesNo[1]) : String(cell);
  if (typeof cell === 'number') {
    return new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
      maximumFractionDigits: 1,
    }).format(cell);
  }
  return cell;
}

export interface ChartDatum {
  name: string;
  value: number;
}

export interface ChartSeries {
  name: string;
  series: ChartDatum[];
}

/** A bar that was left out of a chart, and why: the marker it had, or null for a withheld value. */
export interface HiddenBar {
  name: string;
  /** Group (series) name in grouped charts. */
  group?: string;
  marker: string | null;
}

/** A cell of the text alternative: a number, a hidden value (its marker) or nothing. */
export type AltCell = number | { hidden: string | null } | null;

export interface AltRow {
  label: string;
  cells: AltCell[];
}

/** What every chart also gives as text: column headings (after the label) and rows. */
export interface AltTable {
  columns: string[];
  rows: AltRow[];
}

export interface SingleChart {
  data: ChartDatum[];
  hidden: HiddenBar[];
  alt: AltTable;
}

export interface GroupedChart {
  data: ChartSeries[];
  hidden: HiddenBar[];
  alt: AltTable;
}

function altCell(cell: ReportCell | undefined): AltCell {
  const value = publishedNumber(cell);
  if (value !== null) return value;
  return isSuppressed(cell) ? { hidden: cell } : null;
}

export const TOTAL = 'total';

export function columnIndex(table: ReportTable, column: string): number {
  return table.columns.indexOf(column);
}

/** Body rows without the closing total row. */
export function bodyRows(table: ReportTable): ReportCell[][] {
  return table.rows.filter((row) => row[0] !== TOTAL);
}

export function totalRow(table: ReportTable): ReportCell[] | undefined {
  return table.rows.find((row) => row[0] === TOTAL);
}

/**
 * One bar per row from one column. Suppressed or withheld cells never become bars; rows that are 0
 * everywhere can be dropped (`skipZero`) so a chart of nine exit reasons is not mostly empty.
 */
export function singleSeries(
  table: ReportTable | undefined,
  column: string,
  label: (code: string, table?: ReportTableKey) => string,
  options: { skipZero?: boolean; includeTotal?: boolean; columnName?: string } = {},
): SingleChart {
  const result: SingleChart = {
    data: [],
    hidden: [],
    alt: { columns: [options.columnName ?? column], rows: [] },
  };
  if (!table) return result;
  const c = columnIndex(table, column);
  if (c < 0) return result;
  const rows = options.includeTotal ? table.rows : bodyRows(table);
  for (const row of rows) {
    const name = label(String(row[0]), table.key);
    const cell = row[c];
    const value = publishedNumber(cell);
    result.alt.rows.push({ label: name, cells: [altCell(cell)] });
    if (value === null) {
      result.hidden.push({ name, marker: isSuppressed(cell) ? cell : null });
    } else if (!(options.skipZero && value === 0)) {
      result.data.push({ name, value });
    }
  }
  return result;
}

/**
 * Grouped bars: one group per row, one bar per column. A hidden cell leaves only its bar out of
 * the group; a group with nothing published left is dropped and its bars are listed as hidden.
 */
export function groupedSeries(
  table: ReportTable | undefined,
  columns: { column: string; name: string }[],
  label: (code: string, table?: ReportTableKey) => string,
  options: { skipZero?: boolean; includeTotal?: boolean; rows?: string[] } = {},
): GroupedChart {
  const result: GroupedChart = {
    data: [],
    hidden: [],
    alt: { columns: columns.map((c) => c.name), rows: [] },
  };
  if (!table) return result;
  let rows = options.includeTotal ? table.rows : bodyRows(table);
  if (options.rows) {
    const wanted = options.rows;
    rows = rows.filter((row) => wanted.includes(String(row[0])));
  }
  for (const row of rows) {
    const group = label(String(row[0]), table.key);
    const series: ChartDatum[] = [];
    let anyNonZero = false;
    const hiddenHere: HiddenBar[] = [];
    const altCells: AltCell[] = [];
    for (const { column, name } of columns) {
      const c = columnIndex(table, column);
      if (c < 0) continue;
      const cell = row[c];
      altCells.push(altCell(cell));
      const value = publishedNumber(cell);
      if (value === null) {
        // Plain null (e.g. "no goal set") is not a hidden value; only say "hidden" for markers.
        if (isSuppressed(cell)) hiddenHere.push({ name, group, marker: cell });
      } else {
        series.push({ name, value });
        if (value !== 0) anyNonZero = true;
      }
    }
    result.hidden.push(...hiddenHere);
    result.alt.rows.push({ label: group, cells: altCells });
    if (options.skipZero && !anyNonZero && hiddenHere.length === 0) continue;
    if (series.length > 0) result.data.push({ name: group, series });
  }
  return result;
}
