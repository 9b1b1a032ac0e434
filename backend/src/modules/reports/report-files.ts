import type {
  CsvDelimiter,
  IndicatorName,
  Locale,
  ProgrammeReport,
  ReportCell,
  ReportTableKey,
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

/** Row labels are codes in JSON; in files they are headings in their table's terms. */
function rowLabel(
  value: ReportCell,
  lang: Locale,
  table: ReportTableKey,
  indicators: readonly IndicatorName[],
): FileCell {
  return typeof value === 'string'
    ? label(value, lang, { table, indicators })
    : fileCell(value, lang);
}

export function countSuppressed(report: ProgrammeReport): number {
  const marker = `<${report.threshold}`;
  return report.tables.reduce(
    (sum, table) =>
      sum + table.rows.reduce((n, row) => n + row.filter((cell) => cell === marker).length, 0),
    0,
  );
}

function aboutRows(report: ProgrammeReport, lang: Locale, programmeName: string): FileCell[][] {
  const t = FILE_TEXT[lang];
  return [
    [t.programme, programmeName],
    [t.period, `${report.from} – ${report.to}`],
    [t.threshold, report.threshold],
    [t.suppressed, countSuppressed(report)],
    [t.generated, new Date().toISOString()],
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
    csv.write(table.columns.map((column) => label(column, lang)));
    for (const row of table.rows) {
      csv.write(
        row.map((cell, c) =>
          c === 0 ? rowLabel(cell, lang, table.key, indicators) : fileCell(cell, lang, semicolon),
        ),
      );
    }
  });
  csv.end();
  return csv;
}

/** One sheet per table (named by its key) and a first sheet on the period, k and suppression. */
export function reportXlsx(
  report: ProgrammeReport,
  options: { lang: Locale; programmeName: string; indicators?: readonly IndicatorName[] },
): Readable {
  const indicators = options.indicators ?? [];
  const out = new PassThrough();
  const workbook = new excelStream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const { lang } = options;
  const write = async () => {
    const about = workbook.addWorksheet(FILE_TEXT[lang].about);
    about.getColumn(1).width = 30;
    for (const row of aboutRows(report, lang, options.programmeName)) about.addRow(row).commit();
    about.commit();
    for (const table of report.tables) {
      const sheet = workbook.addWorksheet(table.key.slice(0, 31));
      sheet.getColumn(1).width = 32;
      const title = sheet.addRow([tableTitle(table.key, lang)]);
      title.font = { bold: true };
      title.commit();
      const heading = sheet.addRow(table.columns.map((column) => label(column, lang)));
      heading.font = { bold: true };
      heading.commit();
      for (const row of table.rows) {
        sheet
          .addRow(
            row.map((cell, c) =>
              c === 0
                ? rowLabel(cell, lang, table.key, indicators)
                : xlsxCell(fileCell(cell, lang)),
            ),
          )
          .commit();
      }
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

/** The row-level export as XLSX: a data sheet committed row by row, then the "about" sheet. */
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
    const heading = data.addRow([...columns]);
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
