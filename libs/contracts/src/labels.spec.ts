import { LOCALES } from './codes';
import {
  CODE_LABELS,
  EXPORT_COLUMN_LABELS,
  REPORT_SHEET_NAMES,
  REPORT_TITLES,
  REPORT_WORDS,
  reportLabel,
  reportLabelCount,
  reportLegend,
} from './labels';
import { EXPORT_COLUMNS, REPORT_TABLE_KEYS } from './reports';

const indicators = [
  { key: 'job_seeking', labelSv: 'Att söka arbete', labelEn: 'Job-search skills' },
];

describe('reportLabel', () => {
  it.each([
    ['job_seeking', 'exit_reasons', 'Arbetssökande'],
    ['job_seeking', 'occupation_start_exit', 'Aktivt arbetssökande'],
    ['job_seeking', 'step_progression', 'Att söka arbete'],
    ['employment', 'placements_by_kind', 'Anställning'],
    ['employment', 'occupation_start_exit', 'Förvärvsarbete'],
    ['business_advice', 'sessions_by_kind', 'Affärsrådgivning'],
    ['unknown', 'occupation_start_exit', 'Okänd'],
    ['total', 'income_sources_start_exit', 'Totalt'],
    ['other', 'exit_reasons', 'Annat'],
  ] as const)('names %s in %s as "%s"', (code, table, expected) => {
    expect(reportLabel(code, 'sv', { table, indicators })).toBe(expected);
  });

  it.each([
    ['female_start', 'sv', 'Kvinna, start'],
    ['total_change', 'sv', 'Totalt, förändring'],
    ['male_exit', 'en', 'Man, exit'],
    ['share_percent', 'en', 'Share (%)'],
    ['planned', 'sv', 'Planerat'],
    ['25-29', 'sv', '25–29'],
    ['60+', 'sv', '60+'],
  ] as const)('names the heading %s (%s) "%s"', (code, locale, expected) => {
    expect(reportLabel(code, locale)).toBe(expected);
  });

  it('has the same codes and words in Swedish and English, none empty', () => {
    for (const group of Object.keys(CODE_LABELS.sv) as (keyof typeof CODE_LABELS.sv)[]) {
      expect(Object.keys(CODE_LABELS.en[group]).sort()).toEqual(
        Object.keys(CODE_LABELS.sv[group]).sort(),
      );
    }
    expect(Object.keys(REPORT_WORDS.en).sort()).toEqual(Object.keys(REPORT_WORDS.sv).sort());
    for (const locale of LOCALES) {
      for (const labels of [...Object.values(CODE_LABELS[locale]), REPORT_WORDS[locale]]) {
        for (const text of Object.values(labels as Record<string, string>)) {
          expect(text.trim()).not.toBe('');
        }
      }
      expect(Object.keys(REPORT_TITLES[locale]).sort()).toEqual([...REPORT_TABLE_KEYS].sort());
    }
  });
});

describe('labels of the transition tables', () => {
  it.each([
    ['other', { column: 0 }, 'Annat'],
    ['other', { column: 1 }, 'Övrigt'],
    ['employment', { heading: true }, 'Förvärvsarbete'],
    ['total', { heading: true }, 'Totalt'],
    ['total', { column: 1 }, 'Totalt'],
    ['occupation_start', {}, 'Sysselsättning vid start'],
  ] as const)('names %s (%j) in occupation_transitions "%s"', (code, at, expected) => {
    expect(reportLabel(code, 'sv', { table: 'occupation_transitions', ...at })).toBe(expected);
  });

  it('reads income codes as income sources, and counts two leading labels', () => {
    expect(reportLabel('salary', 'en', { table: 'income_transitions', heading: true })).toBe(
      'Salary/self-supporting',
    );
    expect(reportLabel('social_assistance', 'sv', { table: 'income_transitions', column: 1 })).toBe(
      'Försörjningsstöd',
    );
    expect(reportLabelCount('income_transitions')).toBe(2);
    expect(reportLabelCount('exit_reasons')).toBe(1);
  });
});

describe('file words', () => {
  it.each(LOCALES)('names every sheet within Excel’s rules (%s)', (locale) => {
    const names = REPORT_TABLE_KEYS.map((key) => REPORT_SHEET_NAMES[locale][key]);
    for (const name of names) {
      expect(name.length).toBeGreaterThan(0);
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
    expect(Object.keys(EXPORT_COLUMN_LABELS[locale]).sort()).toEqual([...EXPORT_COLUMNS].sort());
  });

  it('states the markers with the threshold', () => {
    expect(reportLegend('sv', 5).slice(0, 2)).toEqual([
      '<5 = färre än 5 (dolt)',
      'x = dold för att skydda en annan uppgift',
    ]);
    expect(reportLegend('en', 3)[1]).toBe('x = hidden to protect another figure');
  });
});
