import type { ReportTable } from '@stegvis/contracts';
import {
  cellText,
  groupedSeries,
  isSuppressed,
  publishedNumber,
  singleSeries,
} from './report-cells';

const label = (code: string) => code.toUpperCase();

const participants: ReportTable = {
  key: 'participants_by_gender',
  title: 'Participants',
  columns: ['gender', 'planned', 'actual'],
  rows: [
    ['female', 20, '<5'],
    ['male', 15, 14],
    ['other', 1, '<5'],
    ['undisclosed', 0, 0],
    ['total', 36, 30],
  ],
};

const exits: ReportTable = {
  key: 'exit_reasons',
  title: 'Exit reasons',
  columns: ['exit_reason', 'female', 'male', 'other', 'undisclosed', 'total'],
  rows: [
    ['work', '<5', '<5', 0, 0, 7],
    ['studies', 0, 0, 0, 0, 0],
    ['moved', 0, '<5', 0, 0, '<5'],
    ['total', 5, '<5', 0, 0, 9],
  ],
};

/** Every value that reaches a chart, flattened. */
function chartValues(data: { value: number }[] | { series: { value: number }[] }[]): unknown[] {
  return data.flatMap((d) => ('series' in d ? d.series.map((s) => s.value) : [d.value]));
}

describe('isSuppressed / publishedNumber', () => {
  it.each([
    ['<5', true, null],
    ['<3', true, null],
    ['x', true, null],
    ['xx', false, null],
    ['X', false, null],
    [null, false, null],
    [0, false, 0],
    [12, false, 12],
    [10.5, false, 10.5],
    ['40-60', false, null],
    [true, false, null],
  ] as const)('%p → suppressed %p, number %p', (cell, suppressed, number) => {
    expect(isSuppressed(cell)).toBe(suppressed);
    expect(publishedNumber(cell)).toBe(number);
  });
});

describe('singleSeries', () => {
  it('never turns a "<5" into a bar: the bar is left out and named as hidden', () => {
    const chart = singleSeries(exits, 'total', label);
    expect(chart.data).toEqual([
      { name: 'WORK', value: 7 },
      { name: 'STUDIES', value: 0 },
    ]);
    expect(chart.hidden).toEqual([{ name: 'MOVED', marker: '<5' }]);
    expect(chartValues(chart.data).every((v) => typeof v === 'number')).toBe(true);
  });

  it('keeps the marker in the text alternative', () => {
    const chart = singleSeries(exits, 'total', label);
    expect(chart.alt.rows).toEqual([
      { label: 'WORK', cells: [7] },
      { label: 'STUDIES', cells: [0] },
      { label: 'MOVED', cells: [{ hidden: '<5' }] },
    ]);
  });

  it('drops zero rows on request but keeps them in the table', () => {
    const chart = singleSeries(exits, 'total', label, { skipZero: true });
    expect(chart.data.map((d) => d.name)).toEqual(['WORK']);
    expect(chart.alt.rows).toHaveLength(3);
  });

  it('treats a withheld mean (null) as hidden without a marker, never as 0', () => {
    const means: ReportTable = {
      key: 'mean_sessions_by_gender',
      title: 'Mean',
      columns: ['gender', 'mean'],
      rows: [
        ['female', null],
        ['male', 10.8],
        ['total', 11],
      ],
    };
    const chart = singleSeries(means, 'mean', label);
    expect(chart.data).toEqual([{ name: 'MALE', value: 10.8 }]);
    expect(chart.hidden).toEqual([{ name: 'FEMALE', marker: null }]);
  });

  it('is empty for a missing table or column', () => {
    expect(singleSeries(undefined, 'total', label).data).toEqual([]);
    expect(singleSeries(exits, 'nope', label).data).toEqual([]);
  });
});

describe('groupedSeries', () => {
  const columns = [
    { column: 'planned', name: 'Planned' },
    { column: 'actual', name: 'Actual' },
  ];

  it('leaves out only the hidden bar of a group and lists it with its group', () => {
    const chart = groupedSeries(participants, columns, label);
    expect(chart.data[0]).toEqual({ name: 'FEMALE', series: [{ name: 'Planned', value: 20 }] });
    expect(chart.data[1]).toEqual({
      name: 'MALE',
      series: [
        { name: 'Planned', value: 15 },
        { name: 'Actual', value: 14 },
      ],
    });
    expect(chart.hidden).toEqual([
      { name: 'Actual', group: 'FEMALE', marker: '<5' },
      { name: 'Actual', group: 'OTHER', marker: '<5' },
    ]);
  });

  it('no value of any chart is a string, whatever the table holds', () => {
    const chart = groupedSeries(
      exits,
      ['female', 'male', 'other', 'undisclosed', 'total'].map((c) => ({ column: c, name: c })),
      label,
      { includeTotal: true },
    );
    for (const value of chartValues(chart.data)) expect(typeof value).toBe('number');
    expect(chart.hidden.map((h) => h.marker)).toEqual(['<5', '<5', '<5', '<5', '<5']);
  });

  it('leaves out the total row unless asked and can pick rows', () => {
    expect(groupedSeries(participants, columns, label).data.map((g) => g.name)).not.toContain(
      'TOTAL',
    );
    const picked = groupedSeries(participants, columns, label, { rows: ['male'] });
    expect(picked.data.map((g) => g.name)).toEqual(['MALE']);
  });

  it('drops all-zero groups with skipZero, keeping groups that have a hidden bar', () => {
    const chart = groupedSeries(
      exits,
      [
        { column: 'female', name: 'F' },
        { column: 'male', name: 'M' },
      ],
      label,
      { skipZero: true },
    );
    expect(chart.data.map((g) => g.name)).toEqual(['MOVED']);
    expect(chart.alt.rows.map((r) => r.label)).toEqual(['WORK', 'STUDIES', 'MOVED']);
  });
});

describe('cellText', () => {
  it('shows markers as they are and withheld figures as a dash', () => {
    expect(cellText('<5', 'sv')).toBe('<5');
    expect(cellText(null, 'sv')).toBe('–');
    expect(cellText(10.5, 'sv')).toBe('10,5');
    expect(cellText(10.5, 'en')).toBe('10.5');
    expect(cellText(true, 'sv', ['ja', 'nej'])).toBe('ja');
  });
});
