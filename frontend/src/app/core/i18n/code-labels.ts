import type { Translation } from '@jsverse/transloco';
import {
  AUDIT_LABELS,
  CODE_LABELS,
  type CodeGroup,
  INCOME_SOURCE_HINTS,
  type Locale,
  REPORT_TITLES,
  REPORT_WORDS,
} from '@stegvis/contracts';

/** The groups a flat `reportCode.<code>` key may name, first match wins (as reportLabel's fallback). */
const FLAT_ORDER: readonly CodeGroup[] = [
  'gender',
  'sessionKind',
  'placementKind',
  'exitReason',
  'incomeSource',
  'occupation',
  'education',
  'timeInSupport',
];

/**
 * The words for wire codes come from libs/contracts (the API's files use the same): merged into a
 * loaded translation under their group names (`gender.female`, `incomeSource.salary` …, and
 * `incomeSourceHint.salary` for the one-line explanations), the
 * report's headings under `reportCode` and its titles under `reportTitle`. The JSON files hold
 * none of them, so nothing can say one thing on screen and another in a download.
 */
export function withCodeLabels(translation: Translation, lang: string): Translation {
  const locale: Locale = lang === 'en' ? 'en' : 'sv';
  const groups = CODE_LABELS[locale];
  const flat: Record<string, string> = {};
  for (const group of [...FLAT_ORDER].reverse()) Object.assign(flat, groups[group]);
  return {
    ...translation,
    ...groups,
    incomeSourceHint: INCOME_SOURCE_HINTS[locale],
    reportCode: { ...flat, ...REPORT_WORDS[locale] },
    reportTitle: REPORT_TITLES[locale],
    auditCode: { ...AUDIT_LABELS[locale] },
  };
}
