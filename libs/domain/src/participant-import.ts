import {
  CODE_LABELS,
  IMPORT_COLUMNS,
  type CodeGroup,
  type EducationLevel,
  type Gender,
  type ImportColumn,
  type ImportColumnKey,
  type ImportError,
  type ImportPreviewRow,
  type ImportedParticipant,
  type ReferredBy,
} from '@stegvis/contracts';
import { isIsoDate, todayIso } from './iso-date';
import { validatePersonnummer } from './personnummer';

// The rules of one row of a participant import, with the messages in Swedish (the import page
// shows them beside the row; `code` and `params` let another language word them itself). They
// mirror the rules of POST /api/participants, so a row that passes here is created as it reads.

const BY_KEY = new Map<ImportColumnKey, ImportColumn>(IMPORT_COLUMNS.map((c) => [c.key, c]));
const MIN_BIRTH_YEAR = 1900;
const YES = new Set(['ja', 'j', 'yes', 'y', 'true', '1', 'x']);
const NO = new Set(['nej', 'n', 'no', 'false', '0']);

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv');
}

function column(key: ImportColumnKey): ImportColumn {
  const found = BY_KEY.get(key);
  if (!found) throw new RangeError(`No import column ${key}`);
  return found;
}

/** The Swedish header of a column, as the messages name it. */
function header(key: ImportColumnKey): string {
  return column(key).header.sv;
}

export interface HeaderMatch {
  /** Per position in the file: the column it holds, or null for a header Stegvis does not read. */
  columns: (ImportColumnKey | null)[];
  /** Required columns the file lacks. */
  missing: ImportColumnKey[];
  /** Headers that matched no column (empty headers left out). */
  ignored: string[];
  /** Columns that appear more than once (only the first is read). */
  repeated: ImportColumnKey[];
}

/** Matches a file's header row to the import columns: Swedish or English header, or the key. */
export function matchImportHeaders(headers: readonly string[]): HeaderMatch {
  const names = new Map<string, ImportColumnKey>();
  for (const c of IMPORT_COLUMNS) {
    for (const name of [c.header.sv, c.header.en, c.key]) names.set(normalise(name), c.key);
  }
  const seen = new Set<ImportColumnKey>();
  const repeated: ImportColumnKey[] = [];
  const ignored: string[] = [];
  const columns = headers.map((text) => {
    const key = names.get(normalise(text)) ?? null;
    if (key === null) {
      if (text.trim() !== '') ignored.push(text.trim());
      return null;
    }
    if (seen.has(key)) {
      repeated.push(key);
      return null;
    }
    seen.add(key);
    return key;
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !seen.has(c.key)).map((c) => c.key);
  return { columns, missing, ignored, repeated };
}

/** The code whose label (Swedish or English, any case) or code is `text`; undefined if none. */
export function codeFromLabel(group: CodeGroup, text: string): string | undefined {
  const wanted = normalise(text);
  const sv: Record<string, string> = CODE_LABELS.sv[group];
  const en: Record<string, string> = CODE_LABELS.en[group];
  return Object.keys(sv).find(
    (code) =>
      normalise(code) === wanted ||
      normalise(sv[code] ?? '') === wanted ||
      normalise(en[code] ?? '') === wanted,
  );
}

/** "Ja"/"Nej" (and yes/no, true/false, 1/0) → boolean; undefined for anything else. */
export function yesNo(text: string): boolean | undefined {
  const value = normalise(text);
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  return undefined;
}

export type ImportCells = Partial<Record<ImportColumnKey, string>>;

export interface ReadRow {
  /** The create body when the row has no errors, else null. */
  participant: ImportedParticipant | null;
  errors: ImportError[];
  /** The normalised personnummer a full record would store (for the duplicate check). */
  personnummer: string | null;
}

/** Checks one row's cells and turns them into a participant; `today` as YYYY-MM-DD. */
export function readImportRow(cells: ImportCells, today: string = todayIso()): ReadRow {
  const errors: ImportError[] = [];
  const fail = (
    field: ImportColumnKey,
    code: string,
    message: string,
    params?: ImportError['params'],
  ) => errors.push({ field, code, message, ...(params && { params }) });
  const cell = (key: ImportColumnKey): string => (cells[key] ?? '').trim();

  const text = (key: ImportColumnKey): string | undefined => {
    const value = cell(key);
    const max = column(key).maxLength;
    if (max !== undefined && value.length > max) {
      fail(key, 'tooLong', `${header(key)} får vara högst ${max} tecken.`, { max });
      return undefined;
    }
    return value === '' ? undefined : value;
  };
  const code = <T extends string>(key: ImportColumnKey): T | undefined => {
    const value = cell(key);
    if (value === '') return undefined;
    const group = column(key).group as CodeGroup;
    const found = codeFromLabel(group, value);
    if (found === undefined) {
      const allowed = Object.values(CODE_LABELS.sv[group] as Record<string, string>).join(', ');
      fail(
        key,
        'unknownCode',
        `"${value.slice(0, 40)}" finns inte för ${header(key)}. Välj något av: ${allowed}.`,
        {
          value: value.slice(0, 40),
        },
      );
    }
    return found as T | undefined;
  };
  const date = (key: ImportColumnKey): string | undefined => {
    const value = cell(key);
    if (value === '') return undefined;
    if (!isIsoDate(value)) {
      fail(key, 'date', `${header(key)} ska vara ett datum som finns, skrivet ÅÅÅÅ-MM-DD.`);
      return undefined;
    }
    return value;
  };
  const flag = (key: ImportColumnKey): boolean | undefined => {
    const value = cell(key);
    if (value === '') return undefined;
    const result = yesNo(value);
    if (result === undefined) fail(key, 'yesNo', `${header(key)} ska vara Ja eller Nej.`);
    return result;
  };

  const gender = code<Gender>('gender');
  if (cell('gender') === '') fail('gender', 'required', `${header('gender')} saknas.`);

  const enrolledAt = date('enrolledAt');
  if (cell('enrolledAt') === '') fail('enrolledAt', 'required', `${header('enrolledAt')} saknas.`);

  const consentGiven = flag('consentGiven');
  if (cell('consentGiven') === '') {
    fail('consentGiven', 'required', `${header('consentGiven')} saknas (Ja eller Nej).`);
  }
  const consentDate = date('consentDate');
  if (consentDate !== undefined && consentDate > today) {
    fail('consentDate', 'dateFuture', `${header('consentDate')} kan inte ligga i framtiden.`);
  }
  const protectedIdentity = flag('protectedIdentity') ?? false;

  // Without consent or with a protected identity only gender and start year are kept (as on
  // POST /api/participants): the identifying cells are neither checked nor saved.
  const full = consentGiven === true && !protectedIdentity;
  let personnummer: string | null = null;
  const identity: Partial<ImportedParticipant> = {};
  if (full) {
    const firstName = text('firstName');
    if (cell('firstName') === '') fail('firstName', 'required', `${header('firstName')} saknas.`);
    const lastName = text('lastName');
    if (cell('lastName') === '') fail('lastName', 'required', `${header('lastName')} saknas.`);

    let birthYearFromNumber: number | undefined;
    const pnr = cell('personnummer');
    if (pnr !== '') {
      const result = validatePersonnummer(pnr, today);
      if (result.valid) {
        personnummer = result.normalised;
        birthYearFromNumber = result.birthYear;
      } else if (result.reason === 'checksum') {
        fail('personnummer', 'personnummerChecksum', 'Personnumret har fel kontrollsiffra.');
      } else if (result.reason === 'date') {
        fail(
          'personnummer',
          'personnummerDate',
          'Personnumret har ett datum som inte finns eller ligger i framtiden.',
        );
      } else {
        fail(
          'personnummer',
          'personnummerFormat',
          'Personnumret ska ha 12 siffror: ÅÅÅÅMMDD-NNNN.',
        );
      }
    }

    let birthYear: number | undefined;
    const yearText = cell('birthYear');
    const thisYear = Number(today.slice(0, 4));
    if (yearText !== '') {
      if (!/^\d{4}$/.test(yearText)) {
        fail('birthYear', 'year', `${header('birthYear')} ska vara ett årtal med fyra siffror.`);
      } else if (Number(yearText) < MIN_BIRTH_YEAR || Number(yearText) > thisYear) {
        fail(
          'birthYear',
          'yearRange',
          `${header('birthYear')} ska ligga mellan ${MIN_BIRTH_YEAR} och ${thisYear}.`,
          { min: MIN_BIRTH_YEAR, max: thisYear },
        );
      } else {
        birthYear = Number(yearText);
        if (birthYearFromNumber !== undefined && birthYearFromNumber !== birthYear) {
          fail(
            'birthYear',
            'yearMismatch',
            `${header('birthYear')} stämmer inte med personnumret.`,
          );
        }
      }
    } else if (pnr === '') {
      fail(
        'birthYear',
        'birthYearRequired',
        `${header('birthYear')} saknas (eller ange personnummer).`,
      );
    }
    const year = birthYear ?? birthYearFromNumber;
    if (year !== undefined && enrolledAt !== undefined && year > Number(enrolledAt.slice(0, 4))) {
      fail(
        'birthYear',
        'yearAfterEnrolment',
        `${header('birthYear')} kan inte vara senare än året för inskrivning.`,
      );
    }
    Object.assign(identity, {
      ...(firstName !== undefined && { firstName }),
      ...(lastName !== undefined && { lastName }),
      ...(personnummer !== null && { personnummer }),
      ...(year !== undefined && { birthYear: year }),
    });
    const municipality = text('municipality');
    const education = code<EducationLevel>('education');
    const referredBy = code<ReferredBy>('referredBy');
    Object.assign(identity, {
      ...(municipality !== undefined && { municipality }),
      ...(education !== undefined && { education }),
      ...(referredBy !== undefined && { referredBy }),
    });
  }

  if (errors.length > 0 || gender === undefined || enrolledAt === undefined) {
    return { participant: null, errors, personnummer };
  }
  return {
    participant: {
      ...identity,
      gender,
      enrolledAt,
      consent: {
        given: consentGiven === true,
        ...(consentDate !== undefined && { date: consentDate }),
      },
      protectedIdentity,
    },
    errors,
    personnummer,
  };
}

export interface CheckedImport {
  rows: ImportPreviewRow[];
  /** The participants of the valid rows, in row order, with their row numbers. */
  valid: { row: number; participant: ImportedParticipant }[];
  counts: { rows: number; valid: number; withErrors: number; duplicates: number };
}

/**
 * Every row checked, and duplicates found: the same personnummer on an earlier row of the file
 * (the first one stays valid) or already registered in the programme (`existing`, normalised).
 * A duplicate is an error of its row and counted among the duplicates as well.
 */
export function checkImportRows(
  rows: readonly { row: number; cells: ImportCells }[],
  existing: ReadonlySet<string>,
  today: string = todayIso(),
): CheckedImport {
  const firstRowOf = new Map<string, number>();
  const out: ImportPreviewRow[] = [];
  const valid: CheckedImport['valid'] = [];
  let duplicates = 0;
  for (const { row, cells } of rows) {
    const read = readImportRow(cells, today);
    const errors = [...read.errors];
    let duplicate: ImportPreviewRow['duplicate'] = null;
    if (read.personnummer !== null) {
      const earlier = firstRowOf.get(read.personnummer);
      if (existing.has(read.personnummer)) {
        duplicate = 'programme';
        errors.push({
          field: 'personnummer',
          code: 'duplicateInProgramme',
          message: 'En deltagare med samma personnummer finns redan i insatsen.',
        });
      } else if (earlier !== undefined) {
        duplicate = 'file';
        errors.push({
          field: 'personnummer',
          code: 'duplicateInFile',
          message: `Samma personnummer som på rad ${earlier}.`,
          params: { row: earlier },
        });
      } else {
        firstRowOf.set(read.personnummer, row);
      }
    }
    if (duplicate !== null) duplicates++;
    out.push({ row, cells, errors, duplicate });
    if (errors.length === 0 && read.participant) valid.push({ row, participant: read.participant });
  }
  return {
    rows: out,
    valid,
    counts: {
      rows: out.length,
      valid: valid.length,
      withErrors: out.length - valid.length,
      duplicates,
    },
  };
}
