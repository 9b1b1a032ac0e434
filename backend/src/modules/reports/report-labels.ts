import {
  type Locale,
  REPORT_TITLES,
  type ReportLabelOptions,
  type ReportTableKey,
  reportLabel,
} from '@stegvis/contracts';

/*
 * Headings for report and export files. JSON keeps the wire codes; files are read by people, in
 * Swedish by default. The words come from libs/contracts labels.ts, the same source as the
 * web app's, so a file and the screen name each code alike.
 */

export function tableTitle(key: ReportTableKey, lang: Locale): string {
  return REPORT_TITLES[lang][key];
}

/** A code as a heading: `female_start` → "Kvinna, start"; a row label in its table's terms. */
export function label(code: string, lang: Locale, options: ReportLabelOptions = {}): string {
  return reportLabel(code, lang, options);
}

export function yesNo(value: boolean, lang: Locale): string {
  return lang === 'sv' ? (value ? 'ja' : 'nej') : value ? 'yes' : 'no';
}

export const FILE_TEXT = {
  sv: {
    about: 'Om rapporten',
    aboutExport: 'Om exporten',
    data: 'Data',
    programme: 'Insats',
    period: 'Period',
    threshold: 'Gräns för små tal (k)',
    generated: 'Skapad',
    dataAsOf: 'Uppgifterna gäller per',
    dataAsOfUnknown: 'okänt',
    suppressed: 'Dolda värden',
    legend: 'Teckenförklaring',
    suppressionNote:
      'Antal under k visas som "<k"; fler värden döljs ("x") så att inget kan räknas fram ur summorna. Medelvärden och andelar som bygger på dolda antal lämnas tomma.',
    periodRule:
      'En deltagare räknas under perioden om den började senast periodens sista dag och inte avslutades före dess första dag.',
    rows: 'Rader',
    suppressedRows: 'Borttagna rader (för små grupper)',
    generalised: 'Generaliserade kvasi-identifierare',
    exportNote:
      'En rad per deltagande. Pseudonymen gäller bara den här exporten. Inga namn, personnummer, fritext eller exakta datum.',
  },
  en: {
    about: 'About the report',
    aboutExport: 'About the export',
    data: 'Data',
    programme: 'Programme',
    period: 'Period',
    threshold: 'Small-count threshold (k)',
    generated: 'Generated',
    dataAsOf: 'Data as of',
    dataAsOfUnknown: 'unknown',
    suppressed: 'Hidden values',
    legend: 'Legend',
    suppressionNote:
      'Counts below k are shown as "<k"; more values are hidden ("x") so that none can be worked out from the totals. Means and shares that rest on hidden counts are left empty.',
    periodRule:
      'A participation counts in the period if it started on or before its last day and did not end before its first day.',
    rows: 'Rows',
    suppressedRows: 'Rows left out (groups too small)',
    generalised: 'Generalised quasi-identifiers',
    exportNote:
      'One row per participation. The pseudonym holds for this export only. No names, identity numbers, free text or exact dates.',
  },
} as const;
