import { LOCALES } from './codes';
import { CODE_LABELS, REPORT_TITLES, REPORT_WORDS, reportLabel } from './labels';
import { REPORT_TABLE_KEYS } from './reports';

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
