import { GENDERS, type Gender } from '@stegvis/contracts';
import type { ReportTable } from '@stegvis/contracts';
import { ReportSuppression } from './suppression/report-suppression';
import {
  type CountsByGender,
  incomeTransitionsTable,
  occupationTransitionsTable,
} from './transitions-table';

const none = (): CountsByGender => ({ female: 0, male: 0, other: 0, undisclosed: 0 });
const counts = (table: Record<string, Partial<Record<Gender, number>>>) => (key: string) => ({
  ...none(),
  ...table[key],
});

describe('occupationTransitionsTable', () => {
  // Women: 4 job seeking → paid work, 4 job seeking → job seeking; men: 4 → paid work, 1 → studies.
  let table: ReportTable;
  beforeAll(async () => {
    const plan = new ReportSuppression(3);
    const publish = occupationTransitionsTable(plan, {
      labels: ['employment', 'studies', 'job_seeking'],
      count: (start, exit) =>
        counts({
          'job_seeking>employment': { female: 4, male: 4 },
          'job_seeking>job_seeking': { female: 4 },
          'job_seeking>studies': { male: 1 },
        })(`${start}>${exit}`),
    });
    table = publish(await plan.solve());
  });
  const row = (gender: string, start: string) =>
    table.rows.find((r) => r[0] === gender && r[1] === start);

  it('lays out one block per gender and one for all, ending with total, total', () => {
    expect(table.columns).toEqual([
      'gender',
      'occupation_start',
      'employment',
      'studies',
      'job_seeking',
      'total',
    ]);
    expect(table.rows).toHaveLength((GENDERS.length + 1) * 4);
    expect(table.rows.at(-1)?.slice(0, 2)).toEqual(['total', 'total']);
  });

  it('publishes a gender block as its own table, with totals', () => {
    expect(row('female', 'job_seeking')).toEqual(['female', 'job_seeking', 4, 0, 4, 8]);
    expect(row('female', 'total')).toEqual(['female', 'total', 4, 0, 4, 8]);
  });

  it('hides the 1 and what would give it back, in the gender block and across the blocks', () => {
    // Men: 4 → paid work, 1 → studies, 5 in all. The 1 is small; the 4 beside it is hidden too
    // (the cheapest cell that lets it move under the shown total 5).
    expect(row('male', 'job_seeking')).toEqual(['male', 'job_seeking', 'x', '<3', 0, 5]);
    // All genders: 8 → paid work is women 4 + men 4: shown, the men's 4 could be worked out as
    // 8 − 4. So it hides; the 1 → studies is itself small.
    const all = row('total', 'job_seeking') ?? [];
    expect(all).toEqual(['total', 'job_seeking', 'x', '<3', 4, 13]);
    expect(row('female', 'job_seeking')).toEqual(['female', 'job_seeking', 4, 0, 4, 8]);
  });
});

describe('incomeTransitionsTable', () => {
  it('counts each pair and the people with the start source, each cell on its own', async () => {
    const plan = new ReportSuppression(3);
    const publish = incomeTransitionsTable(plan, {
      sources: ['social_assistance', 'salary'],
      pair: (start, exit) =>
        counts({
          'social_assistance>salary': { female: 5, male: 2 },
          'social_assistance>social_assistance': { female: 3 },
        })(`${start}>${exit}`),
      withStart: counts({ social_assistance: { female: 6, male: 2 } }),
    });
    const table = publish(await plan.solve());
    expect(table.columns).toEqual([
      'gender',
      'income_source_start',
      'social_assistance',
      'salary',
      'participants_with_source',
    ]);
    const row = (gender: string) =>
      table.rows.find((r) => r[0] === gender && r[1] === 'social_assistance');
    // 5 + 3 > 6: a woman with both sources at exit counts in both columns. The men's 2s are
    // small; what protects them at least loss is a zero beside them that nothing bounds here (in
    // a report, the people of each gender bound it), so the women's 5 and 6 and the totals stay.
    expect(row('female')).toEqual(['female', 'social_assistance', 3, 5, 6]);
    expect(row('male')).toEqual(['male', 'social_assistance', 0, '<3', '<3']);
    expect(row('undisclosed')).toEqual(['undisclosed', 'social_assistance', 0, 'x', 'x']);
    expect(row('total')).toEqual(['total', 'social_assistance', 3, 7, 8]);
  });
});
