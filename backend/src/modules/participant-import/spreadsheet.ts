import {
  CODE_LABELS,
  IMPORT_COLUMNS,
  IMPORT_MAX_ROWS,
  type ImportFormat,
} from '@stegvis/contracts';
import { parse } from 'csv-parse/sync';
import { Workbook, type CellValue } from 'exceljs';
import { HttpExceptionWithBody } from '../../common/http-exception.filter';

/*
 * Reading an uploaded participant list (XLSX with exceljs, CSV with csv-parse) into a header row
 * and data rows of plain strings, and writing the template. Every cell becomes text here; what it
 * means is decided by the row rules in libs/domain.
 */

export interface Sheet {
  headers: string[];
  /** Data rows with their spreadsheet row numbers (the header is row 1); empty rows left out. */
  rows: { row: number; cells: string[] }[];
}

/** 400 (or 413) with a message the import page shows as it is. */
export function fileError(status: 400 | 413, message: string): HttpExceptionWithBody {
  return new HttpExceptionWithBody(status, message, {});
}

function tooManyRows(count: number): HttpExceptionWithBody {
  return fileError(
    413,
    `Filen har ${count.toLocaleString('sv-SE')} rader med deltagare; högst ${IMPORT_MAX_ROWS.toLocaleString('sv-SE')} kan läsas in åt gången. Dela upp filen.`,
  );
}

/** An Excel cell as text: dates as YYYY-MM-DD, formulas by their result, rich text joined. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  }
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'Ja' : 'Nej';
  if (typeof value === 'string') return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: CellValue }).result;
    return result === undefined ? '' : cellText(result);
  }
  if ('text' in value) return String(value.text);
  if ('error' in value) return '';
  return '';
}

function isEmptyRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

export async function readXlsx(buffer: Buffer): Promise<Sheet> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw fileError(400, 'Filen gick inte att läsa som en Excel-fil (.xlsx).');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fileError(400, 'Excel-filen har inget kalkylblad.');
  // actualRowCount counts rows with values: a cheap refusal before every cell is read.
  if (sheet.actualRowCount - 1 > IMPORT_MAX_ROWS) throw tooManyRows(sheet.actualRowCount - 1);
  let headers: string[] | null = null;
  let headerRow = 0;
  const rows: Sheet['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const width = headers?.length ?? row.cellCount;
    const cells: string[] = [];
    for (let i = 1; i <= width; i++) cells.push(cellText(row.getCell(i).value).trim());
    if (headers === null) {
      if (isEmptyRow(cells)) return;
      headers = cells;
      headerRow = number;
      return;
    }
    if (!isEmptyRow(cells)) rows.push({ row: number, cells });
  });
  if (headers === null || headerRow === 0) throw fileError(400, 'Filen är tom.');
  if (rows.length > IMPORT_MAX_ROWS) throw tooManyRows(rows.length);
  return { headers, rows };
}

/** UTF-8 (with or without a BOM); a file Excel saved as "CSV (semikolonavgränsad)" is Windows-1252. */
function decode(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(buffer);
  }
}

/** Semicolon or comma, whichever the header line has more of (outside quotes is close enough). */
function delimiterOf(text: string): ';' | ',' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const semicolons = firstLine.split(';').length;
  const commas = firstLine.split(',').length;
  return semicolons >= commas ? ';' : ',';
}

export function readCsv(buffer: Buffer): Sheet {
  const text = decode(buffer);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: delimiterOf(text),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw fileError(
      400,
      `CSV-filen gick inte att läsa${line ? ` (fel nära rad ${line})` : ''}: kontrollera citattecknen.`,
    );
  }
  const lines = records
    .map((cells, index) => ({ row: index + 1, cells: cells.map((c) => c.trim()) }))
    .filter((line) => !isEmptyRow(line.cells));
  const [head, ...rows] = lines;
  if (!head) throw fileError(400, 'Filen är tom.');
  if (rows.length > IMPORT_MAX_ROWS) throw tooManyRows(rows.length);
  return { headers: head.cells, rows };
}

export function readSheet(buffer: Buffer, format: ImportFormat): Promise<Sheet> {
  return format === 'xlsx' ? readXlsx(buffer) : Promise.resolve(readCsv(buffer));
}

/** The template: the documented columns with Swedish headers and one example row. */
export async function templateFile(format: ImportFormat): Promise<Buffer> {
  const headers = IMPORT_COLUMNS.map((c) => c.header.sv);
  const example = IMPORT_COLUMNS.map((c) => c.example);
  if (format === 'csv') {
    const line = (cells: string[]) =>
      cells.map((c) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';');
    return Buffer.from(`\uFEFF${line(headers)}\r\n${line(example)}\r\n`, 'utf8');
  }
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Deltagare');
  sheet.addRow(headers).font = { bold: true };
  sheet.addRow(example);
  sheet.columns.forEach((col) => (col.width = 20));
  // Text cells, so Excel keeps a personnummer's hyphen and a date as typed.
  sheet.getColumn(IMPORT_COLUMNS.findIndex((c) => c.key === 'personnummer') + 1).numFmt = '@';
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const help = workbook.addWorksheet('Instruktioner');
  help.addRow(['Kolumn', 'Krävs', 'Beskrivning', 'Tillåtna värden']).font = { bold: true };
  for (const c of IMPORT_COLUMNS) {
    const allowed = c.group
      ? Object.values(CODE_LABELS.sv[c.group] as Record<string, string>).join(', ')
      : c.kind === 'yesNo'
        ? 'Ja, Nej'
        : '';
    help.addRow([c.header.sv, c.required ? 'Ja' : 'Nej', c.help.sv, allowed]);
  }
  help.getColumn(1).width = 20;
  help.getColumn(3).width = 70;
  help.getColumn(4).width = 60;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
