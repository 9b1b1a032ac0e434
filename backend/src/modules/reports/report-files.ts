import {
  type CsvDelimiter,
  EXPORT_COLUMN_LABELS,
  type IndicatorName,
  type Locale,
  type ProgrammeReport,
  REPORT_SHEET_NAMES,
  type ReportCell,
  type ReportTable,
  reportLabelCount,
  reportLegend,
  type ReportTableKey,
} from '@stegvis/contracts';
import { stringify } from 'csv-stringify';
import { stream as excelStream } from 'exceljs';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { FILE_TEXT, label, tableTitle, yesNo } from './report-labels';

/*
 * Report and export files, written as streams: csv-stringify for CSV (UTF-8 with a BOM so that
 * Excel reads å, ä, ö) and exceljs's streaming WorkbookWriter for XLSX, so a file never has to be
 * held whole in memory. Rows are committed as they are written.
 */

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type FileCell = string | number;

/** XLSX leaves a withheld value as a truly empty cell. */
const xlsxCell = (value: FileCell): FileCell | null => (value === '' ? null : value);

/** null → empty, booleans → ja/nej; in semicolon CSV (Swedish Excel) decimals take a comma. */
function fileCell(value: ReportCell, lang: Locale, decimalComma = false): FileCell {
  if (value === null) return '';
  if (typeof value === 'boolean') return yesNo(value, lang);
  if (typeof value === 'number' && decimalComma && !Number.isInteger(value)) {
    return String(value).replace('.', ',');
  }
  return value;
}

/** A body cell; a target's status code (`met`, `not_met`, `cannot_be_shown`) reads as words. */
function bodyCell(
  table: ReportTable,
  column: number,
  value: ReportCell,
  lang: Locale,
  decimalComma = false,
): FileCell {
  if (table.key === 'targets' && table.columns[column] === 'status' && typeof value === 'string') {
    return label(value, lang);
  }
  return fileCell(value, lang, decimalComma);
}

/** Row labels are codes in JSON; in files they are headings in their table's terms. */
function rowLabel(
  value: ReportCell,
  lang: Locale,
  table: ReportTableKey,
  indicators: readonly IndicatorName[],
  column: number,
): FileCell {
  return typeof value === 'string'
    ? label(value, lang, { table, indicators, column })
    : fileCell(value, lang);
}

/** A row with its leading label cells (one, or two in the transition tables) in words. */
function fileRow(
  row: ReportCell[],
  lang: Locale,
  table: ReportTableKey,
  indicators: readonly IndicatorName[],
  cell: (value: ReportCell, column: number) => FileCell | null,
): (FileCell | null)[] {
  const labels = reportLabelCount(table);
  return row.map((value, c) =>
    c < labels ? rowLabel(value, lang, table, indicators, c) : cell(value, c),
  );
}

/** The column headings of a table in words (exit codes of a transition table in their group). */
function headings(columns: readonly string[], lang: Locale, table: ReportTableKey): string[] {
  const labels = reportLabelCount(table);
  return columns.map((column, c) => label(column, lang, { table, heading: c >= labels }));
}

/** Hidden counts of the report: the marker "<k" (small) and "x" (hidden to protect another). */
export function countSuppressed(report: ProgrammeReport): number {
  const markers = new Set([`<${report.threshold}`, 'x']);
  return report.tables.reduce(
    (sum, table) =>
      sum +
      table.rows.reduce(
        (n, row) =>
          n +
          row.slice(reportLabelCount(table.key)).filter((cell) => markers.has(cell as string))
            .length,
        0,
      ),
    0,
  );
}

/**
 * Excel's rules for a sheet name: at most 31 characters, none of []:*?/\, unique in the
 * workbook (case-insensitively). The names in libs/contracts keep them; this guards the rest.
 */
export function sheetName(wanted: string, used: Set<string>): string {
  const clean =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 31) || 'Tabell';
  let name = clean;
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = clean.slice(0, 31 - suffix.length) + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}

function aboutRows(report: ProgrammeReport, lang: Locale, programmeName: string): FileCell[][] {
  const t = FILE_TEXT[lang];
  return [
    [t.programme, programmeName],
    [t.period, `${report.from} – ${report.to}`],
    [t.threshold, report.threshold],
    [t.suppressed, countSuppressed(report)],
    [t.generated, new Date().toISOString()],
    [t.dataAsOf, report.dataAsOf ?? t.dataAsOfUnknown],
    [],
    [t.legend],
    ...reportLegend(lang, report.threshold).map((line) => [line]),
    [],
    [t.periodRule],
    [t.suppressionNote],
  ];
}

/** All tables in one CSV: a title line, a heading line, the rows, and an empty line between tables. */
export function reportCsv(
  report: ProgrammeReport,
  options: { delimiter: CsvDelimiter; lang: Locale; indicators?: readonly IndicatorName[] },
): Readable {
  const indicators = options.indicators ?? [];
  const semicolon = options.delimiter === 'semicolon';
  const csv = stringify({ delimiter: semicolon ? ';' : ',', bom: true });
  const { lang } = options;
  report.tables.forEach((table, index) => {
    if (index > 0) csv.write([]);
    csv.write([tableTitle(table.key, lang)]);
    csv.write(headings(table.columns, lang, table.key));
    for (const row of table.rows) {
      csv.write(
        fileRow(row, lang, table.key, indicators, (cell, c) =>
          bodyCell(table, c, cell, lang, semicolon),
        ),
      );
    }
  });
  // The legend closes the file, as a block of its own.
  csv.write([]);
  csv.write([FILE_TEXT[lang].legend]);
  for (const line of reportLegend(lang, report.threshold)) csv.write([line]);
  // How current the data is (a read replica may lag behind the primary).
  csv.write([]);
  csv.write([FILE_TEXT[lang].dataAsOf, report.dataAsOf ?? FILE_TEXT[lang].dataAsOfUnknown]);
  csv.end();
  return csv;
}

/**
 * A first sheet on the period, k, the legend of the markers and the rules, then one sheet per
 * table named in the file's language.
 */
export function reportXlsx(
  report: ProgrammeReport,
  options: { lang: Locale; programmeName: string; indicators?: readonly IndicatorName[] },
): Readable {
  const indicators = options.indicators ?? [];
  const out = new PassThrough();
  const workbook = new excelStream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const { lang } = options;
  const write = async () => {
    const used = new Set<string>();
    const about = workbook.addWorksheet(sheetName(FILE_TEXT[lang].about, used));
    about.getColumn(1).width = 30;
    for (const row of aboutRows(report, lang, options.programmeName)) about.addRow(row).commit();
    about.commit();
    for (const table of report.tables) {
      const sheet = workbook.addWorksheet(sheetName(REPORT_SHEET_NAMES[lang][table.key], used));
      const labels = reportLabelCount(table.key);
      for (let c = 1; c <= labels; c++) sheet.getColumn(c).width = labels > 1 ? 24 : 32;
      const title = sheet.addRow([tableTitle(table.key, lang)]);
      title.font = { bold: true };
      title.commit();
      const heading = sheet.addRow(headings(table.columns, lang, table.key));
      heading.font = { bold: true };
      heading.commit();
      for (const row of table.rows) {
        sheet
          .addRow(
            fileRow(row, lang, table.key, indicators, (cell, c) =>
              xlsxCell(bodyCell(table, c, cell, lang)),
            ),
          )
          .commit();
      }
      // The legend under every table, so a sheet read on its own still explains "<k" and "x".
      sheet.addRow([]).commit();
      for (const line of reportLegend(lang, report.threshold)) sheet.addRow([line]).commit();
      sheet.commit();
    }
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : undefined));
  return out;
}

export interface ExportMeta {
  lang: Locale;
  programmeName: string;
  threshold: number;
  rows: number;
  suppressedRows: number;
  generalisation: Record<string, string>;
  period: { from: string; to: string } | null;
  /** When the rows were current (ISO timestamp); null = not known. */
  dataAsOf?: string | null;
}

/**
 * Waits until `stream` wants more (its buffer is below the high-water mark); rejects when it is
 * closed or fails first, so that a writer stops reading rows for a file nobody will read.
 */
async function roomIn(stream: Writable): Promise<void> {
  if (stream.destroyed) throw new Error('The export stream was closed');
  if (!stream.writableNeedDrain) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      stream.off('drain', onDrain);
      stream.off('close', onClose);
      stream.off('error', done);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('The export stream was closed'));
    stream.on('drain', onDrain);
    stream.on('close', onClose);
    stream.on('error', done);
  });
}

/** The row-level export as CSV; `rows` is read as the output drains (backpressure). */
export function exportCsv(
  columns: readonly string[],
  rows: AsyncIterable<ReportCell[]>,
  options: { delimiter: CsvDelimiter; lang: Locale },
): Readable {
  const semicolon = options.delimiter === 'semicolon';
  const csv = stringify({ delimiter: semicolon ? ';' : ',', bom: true });
  const write = async () => {
    csv.write([...columns]);
    for await (const row of rows) {
      await roomIn(csv);
      csv.write(row.map((cell) => fileCell(cell, options.lang, semicolon)));
    }
    csv.end();
  };
  write().catch((error: unknown) => csv.destroy(error instanceof Error ? error : undefined));
  return csv;
}

/**
 * The row-level export as XLSX: a data sheet committed row by row (headings in words; the cells
 * keep the wire codes, as the CSV), then the "about" sheet.
 */
export function exportXlsx(
  columns: readonly string[],
  rows: AsyncIterable<ReportCell[]>,
  meta: ExportMeta,
): Readable {
  const out = new PassThrough();
  const workbook = new excelStream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const t = FILE_TEXT[meta.lang];
  const write = async () => {
    const data = workbook.addWorksheet(t.data);
    const words: Record<string, string> = EXPORT_COLUMN_LABELS[meta.lang];
    const heading = data.addRow(columns.map((column) => words[column] ?? column));
    heading.font = { bold: true };
    heading.commit();
    for await (const row of rows) {
      await roomIn(out);
      data.addRow(row.map((cell) => xlsxCell(fileCell(cell, meta.lang)))).commit();
    }
    data.commit();
    const about = workbook.addWorksheet(t.aboutExport);
    about.getColumn(1).width = 40;
    const lines: FileCell[][] = [
      [t.programme, meta.programmeName],
      [t.period, meta.period ? `${meta.period.from} – ${meta.period.to}` : ''],
      [t.threshold, meta.threshold],
      [t.rows, meta.rows],
      [t.suppressedRows, meta.suppressedRows],
      [t.generalised],
      ...Object.entries(meta.generalisation).map(([attribute, level]) => [attribute, level]),
      [t.generated, new Date().toISOString()],
      [t.dataAsOf, meta.dataAsOf ?? t.dataAsOfUnknown],
      [],
      [t.exportNote],
    ];
    for (const line of lines) about.addRow(line).commit();
    about.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : undefined));
  return out;
}
