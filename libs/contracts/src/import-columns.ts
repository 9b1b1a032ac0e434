import type { EducationLevel, Gender, Locale, ReferredBy } from './codes';
import type { CodeGroup } from './labels';

/*
 * The columns of a participant import (XLSX or CSV), the one description that the template, the
 * server's parser, the preview and the help text on the import page all read. A header is matched
 * case-insensitively against the Swedish and the English header and the key itself; a code column
 * takes the label of a code in either language (CODE_LABELS, e.g. "Kvinna" → female) or the code.
 */

export type ImportColumnKey =
  | 'firstName'
  | 'lastName'
  | 'personnummer'
  | 'gender'
  | 'birthYear'
  | 'municipality'
  | 'education'
  | 'referredBy'
  | 'enrolledAt'
  | 'consentGiven'
  | 'consentDate'
  | 'protectedIdentity';

export type ImportColumnKind = 'text' | 'personnummer' | 'code' | 'year' | 'date' | 'yesNo';

export interface ImportColumn {
  key: ImportColumnKey;
  header: Record<Locale, string>;
  kind: ImportColumnKind;
  /** The column must be in the file (a cell may still be empty where the rules allow it). */
  required: boolean;
  /** For code columns: the group whose labels the cell may hold. */
  group?: CodeGroup;
  maxLength?: number;
  /** One line for the help text and the template's second sheet. */
  help: Record<Locale, string>;
  /** The template's example row. */
  example: string;
}

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  {
    key: 'firstName',
    header: { sv: 'Förnamn', en: 'First name' },
    kind: 'text',
    required: true,
    maxLength: 100,
    help: {
      sv: 'Krävs när samtycke finns och identiteten inte är skyddad.',
      en: 'Required when consent is given and the identity is not protected.',
    },
    example: 'Anna',
  },
  {
    key: 'lastName',
    header: { sv: 'Efternamn', en: 'Last name' },
    kind: 'text',
    required: true,
    maxLength: 100,
    help: {
      sv: 'Krävs när samtycke finns och identiteten inte är skyddad.',
      en: 'Required when consent is given and the identity is not protected.',
    },
    example: 'Andersson',
  },
  {
    key: 'personnummer',
    header: { sv: 'Personnummer', en: 'Personal identity number' },
    kind: 'personnummer',
    required: false,
    help: {
      sv: 'ÅÅÅÅMMDD-NNNN (12 siffror, med eller utan bindestreck). Kan lämnas tomt.',
      en: 'YYYYMMDD-NNNN (12 digits, with or without the hyphen). May be left empty.',
    },
    example: '19900101-1239',
  },
  {
    key: 'gender',
    header: { sv: 'Kön', en: 'Gender' },
    kind: 'code',
    group: 'gender',
    required: true,
    help: {
      sv: 'Kvinna, Man, Annat eller Vill ej uppge.',
      en: 'Woman, Man, Other or Prefers not to say.',
    },
    example: 'Kvinna',
  },
  {
    key: 'birthYear',
    header: { sv: 'Födelseår', en: 'Birth year' },
    kind: 'year',
    required: false,
    help: {
      sv: 'Fyra siffror. Krävs om personnummer saknas; måste stämma med personnumret.',
      en: 'Four digits. Required without a personal identity number; must agree with it.',
    },
    example: '1990',
  },
  {
    key: 'municipality',
    header: { sv: 'Kommun', en: 'Municipality' },
    kind: 'text',
    required: false,
    maxLength: 100,
    help: { sv: 'Hemkommun. Kan lämnas tomt.', en: 'Home municipality. May be left empty.' },
    example: 'Malmö',
  },
  {
    key: 'education',
    header: { sv: 'Utbildning', en: 'Education' },
    kind: 'code',
    group: 'education',
    required: false,
    help: {
      sv: 'Högsta avslutade utbildning, som i listan i Stegvis. Kan lämnas tomt.',
      en: 'Highest completed education, as listed in Stegvis. May be left empty.',
    },
    example: 'Gymnasium',
  },
  {
    key: 'referredBy',
    header: { sv: 'Anvisad av', en: 'Referred by' },
    kind: 'code',
    group: 'referredBy',
    required: false,
    help: {
      sv: 'Vem som anvisade deltagaren, som i listan i Stegvis. Kan lämnas tomt.',
      en: 'Who referred the participant, as listed in Stegvis. May be left empty.',
    },
    example: 'Arbetsförmedlingen',
  },
  {
    key: 'enrolledAt',
    header: { sv: 'Inskriven', en: 'Enrolled' },
    kind: 'date',
    required: true,
    help: {
      sv: 'Datum för inskrivning, ÅÅÅÅ-MM-DD (eller en datumcell i Excel).',
      en: 'Date of enrolment, YYYY-MM-DD (or a date cell in Excel).',
    },
    example: '2026-03-02',
  },
  {
    key: 'consentGiven',
    header: { sv: 'Samtycke', en: 'Consent' },
    kind: 'yesNo',
    required: true,
    help: {
      sv: 'Ja eller Nej. Utan samtycke sparas bara kön och startår.',
      en: 'Yes or No. Without consent only gender and start year are kept.',
    },
    example: 'Ja',
  },
  {
    key: 'consentDate',
    header: { sv: 'Samtyckesdatum', en: 'Consent date' },
    kind: 'date',
    required: false,
    help: { sv: 'ÅÅÅÅ-MM-DD. Kan lämnas tomt.', en: 'YYYY-MM-DD. May be left empty.' },
    example: '2026-03-02',
  },
  {
    key: 'protectedIdentity',
    header: { sv: 'Skyddad identitet', en: 'Protected identity' },
    kind: 'yesNo',
    required: false,
    help: {
      sv: 'Ja eller Nej (tomt = Nej). Ja: bara kön och startår sparas.',
      en: 'Yes or No (empty = No). Yes: only gender and start year are kept.',
    },
    example: 'Nej',
  },
];

/** More rows than this in one file are refused before anything is checked. */
export const IMPORT_MAX_ROWS = 5000;
/** The largest file the import routes read, in bytes. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export const IMPORT_CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
} as const;
export type ImportFormat = keyof typeof IMPORT_CONTENT_TYPES;

export const IMPORT_MODES = ['all', 'valid'] as const;
/** all: save nothing unless every row is valid; valid: save the valid rows, skip the rest. */
export type ImportMode = (typeof IMPORT_MODES)[number];

/** One fault of one cell (or of the row, field `row`), in Swedish; `code` for other languages. */
export interface ImportError {
  field: ImportColumnKey | 'row';
  code: string;
  message: string;
  /** Values for the message, e.g. the other row of a duplicate; never a personnummer. */
  params?: Record<string, string | number>;
}

/** What a valid row becomes: the create body of one participant, without the programme. */
export interface ImportedParticipant {
  firstName?: string;
  lastName?: string;
  personnummer?: string;
  gender: Gender;
  birthYear?: number;
  municipality?: string;
  education?: EducationLevel;
  referredBy?: ReferredBy;
  enrolledAt: string;
  consent: { given: boolean; date?: string };
  protectedIdentity: boolean;
}

export interface ImportPreviewRow {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  /** The cells as read, by column (empty cells left out). */
  cells: Partial<Record<ImportColumnKey, string>>;
  errors: ImportError[];
  /** file: the same personnummer on an earlier row; programme: already registered in it. */
  duplicate: 'file' | 'programme' | null;
}

export interface ImportPreview {
  programmeId: string;
  format: ImportFormat;
  /** The file's headers that matched no column (their cells are not read). */
  ignoredHeaders: string[];
  rows: ImportPreviewRow[];
  counts: { rows: number; valid: number; withErrors: number; duplicates: number };
}

export interface ImportResult {
  programmeId: string;
  mode: ImportMode;
  created: number;
  skipped: number;
  /** The ids of the created participants, in row order. */
  ids: string[];
}
