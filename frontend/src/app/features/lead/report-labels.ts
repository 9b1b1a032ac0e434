import type { Indicator } from '@stegvis/contracts';

/** Translation lookup: the text for a key, or null when the file has none. */
export type Lookup = (key: string) => string | null;

/**
 * Wire codes (row labels and column codes of the report) as words people read: `female_start` →
 * "Kvinna, start"; an indicator key → its label in the programme's instrument; anything unknown
 * (e.g. the age band "25-29") as it is.
 */
export function reportLabel(
  code: string,
  lookup: Lookup,
  lang: string,
  indicators: readonly Indicator[] = [],
): string {
  const direct = lookup(`reportCode.${code}`);
  if (direct) return direct;
  const indicator = indicators.find((i) => i.key === code);
  if (indicator) return lang === 'sv' ? indicator.labelSv : indicator.labelEn;
  const phase = /^(.+)_(start|exit|change)$/.exec(code);
  if (phase) {
    const head = lookup(`reportCode.${phase[1]}`);
    const tail = lookup(`reportCode.${phase[2]}`);
    if (head && tail) return `${head}, ${tail}`;
  }
  return code;
}
