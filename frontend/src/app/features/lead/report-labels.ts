import { type Locale, reportLabel, type ReportLabelOptions } from '@stegvis/contracts';

/**
 * Wire codes (row labels and column codes of the report) as words people read, from the same
 * source as the API's files (libs/contracts labels.ts): `female_start` → "Kvinna, start"; a row
 * label in its table's terms (an indicator's name in step progression); anything unknown (e.g.
 * the age band "25-29") as it is.
 */
export function reportCodeLabel(
  code: string,
  lang: string,
  options: ReportLabelOptions = {},
): string {
  const locale: Locale = lang === 'en' ? 'en' : 'sv';
  return reportLabel(code, locale, options);
}
