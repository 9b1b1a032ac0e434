// Funder reports and anonymised exports (shared/API.md "Reports and exports", docs/reports.md).

/** The stable table keys of `GET /api/programmes/:id/report`, in the order they are returned. */
export const REPORT_TABLE_KEYS = [
  'participants_by_gender',
  'participation_flow',
  'sessions_by_kind',
  'people_reached_by_gender',
  'sessions_by_gender',
  'mean_sessions_by_gender',
  'group_series',
  'series_participants_by_gender',
  'placements_by_kind',
  'follow_ups',
  'exit_reasons',
  'work_or_studies_at_exit',
  'income_sources_start_exit',
  'occupation_start_exit',
  'income_transitions',
  'occupation_transitions',
  'age_bands',
  'education',
  'time_in_support',
  'step_progression',
  'advice_sessions_by_kind',
  'people_advised_by_gender',
  'advice_sessions_by_gender',
  'mean_advice_sessions_by_gender',
  'enterprise_events',
  'agreements',
  'enterprises_started',
  'targets',
] as const;
export type ReportTableKey = (typeof REPORT_TABLE_KEYS)[number];

/**
 * One published cell: a count, a suppressed count as a marker (`"<k"` when small, `"x"` when
 * hidden only to protect another value — it may be large), a mean or share (null when
 * withheld because a count it rests on is hidden, or when there is nothing to divide by), a
 * boolean (target met) or a short code/goal text.
 */
export type ReportCell = number | string | boolean | null;

export interface ReportTable {
  key: ReportTableKey;
  /** English title; files carry Swedish (default) or English titles. */
  title: string;
  /** Column codes; the first names the row labels. */
  columns: string[];
  /**
   * `[label, cell, …]`, labels are wire codes; a table with totals ends with the row `"total"`.
   * The transition tables lead with two labels, `[gender, start code, cell, …]`
   * (REPORT_LABEL_GROUPS in labels.ts).
   */
  rows: ReportCell[][];
}

export interface ProgrammeReport {
  programmeId: string;
  from: string;
  to: string;
  /** k: counts 1…k−1 are published as `"<k"`; counts hidden to protect them as `"x"`. */
  threshold: number;
  tables: ReportTable[];
  /**
   * The day the report was fixed: from then on it is served unchanged, whatever is recorded
   * later (a period is fixed REPORT_FINAL_AFTER_DAYS after its end); null while it can change.
   */
  fixedOn?: string | null;
  /**
   * Which database the facts were read from: `replica` when DATABASE_REPLICA_URL is set (a
   * streaming standby that may lag behind), else `primary`.
   */
  readFrom?: 'primary' | 'replica';
  /**
   * The data is at least as new as this (ISO timestamp): the time of reading on the primary, the
   * replica's replay point on a replica; null = not known.
   */
  dataAsOf?: string | null;
  /** How old the data was when read, in seconds (0 on the primary); null = not known. */
  dataAgeSeconds?: number | null;
}

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CSV_DELIMITERS = ['comma', 'semicolon'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** The columns of the anonymised row-level export, in order. */
export const EXPORT_COLUMNS = [
  'pseudonym',
  'gender',
  'age_band',
  'municipality',
  'start_quarter',
  'exit_quarter',
  'status',
  'exit_reason',
  'outcome',
  'start_income_sources',
  'start_time_in_support',
  'start_occupation',
  'start_occupation_percent',
  'exit_income_sources',
  'exit_occupation',
  'exit_occupation_percent',
  'sessions_attended',
  'placements',
  'progression_mean_change',
  'ladder_change',
  'moved_forward',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
