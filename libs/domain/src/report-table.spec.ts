import { publishCountTable, publishedRatio, roundOneDecimal, yearQuarter } from './report-table';

describe('publishCountTable (how the funder report applies suppression)', () => {
  it('hides a 3 and the least other value that closes a cycle through it ("x")', () => {
    // Worked by hand (k = 5): the 3 is primary ("<5"). Cycles through it: 6 / 7 / 8 (21), or the
    // 0 in its row (which can only go up, so the 3 goes down to 2), the 7 below the 3 and the 10
    // below the 0: 0 + 7 + 10 = 17 — the least loss, published as "x".
    const { rows } = publishCountTable({
      rowLabels: ['a', 'b', 'c'],
      counts: [
        [3, 6, 0],
        [7, 8, 10],
        [20, 30, 40],
      ],
      threshold: 5,
      rowTotals: true,
      columnTotals: true,
    });
    expect(rows).toEqual([
      ['a', '<5', 6, 'x', 9],
      ['b', 'x', 8, 'x', 25],
      ['c', 20, 30, 40, 90],
      ['total', 30, 44, 50, 124],
    ]);
  });

  it('a single column with a total: a zero protects a 2 (it can be 1 with the zero 1)', () => {
    const { rows } = publishCountTable({
      rowLabels: ['female', 'male', 'other', 'undisclosed'],
      counts: [[12], [9], [2], [0]],
      threshold: 5,
      rowTotals: false,
      columnTotals: true,
    });
    expect(rows).toEqual([
      ['female', 12],
      ['male', 9],
      ['other', '<5'],
      ['undisclosed', 'x'],
      ['total', 23],
    ]);
  });

  it('a small total is hidden too, with a cell that would give it back', () => {
    const { rows } = publishCountTable({
      rowLabels: ['female', 'male'],
      counts: [[0], [3]],
      threshold: 3 + 2,
      rowTotals: false,
      columnTotals: true,
    });
    expect(rows).toEqual([
      ['female', 0],
      ['male', '<5'],
      ['total', '<5'],
    ]);
  });

  it('without published totals only the small cells are hidden', () => {
    const { rows } = publishCountTable({
      rowLabels: ['x', 'y'],
      counts: [[4], [9]],
      threshold: 5,
      rowTotals: false,
      columnTotals: false,
    });
    expect(rows).toEqual([
      ['x', '<5'],
      ['y', 9],
    ]);
  });

  it('refuses a label count that does not match the rows', () => {
    expect(() =>
      publishCountTable({
        rowLabels: ['x'],
        counts: [[1], [2]],
        threshold: 5,
        rowTotals: false,
        columnTotals: false,
      }),
    ).toThrow(RangeError);
  });
});

describe('publishedRatio', () => {
  it.each([
    [7, 2, [7, 2], 1, 3.5],
    [2, 3, [2, 3], 100, 66.7],
    [1, 0, [1, 0], 1, null],
    [9, 6, ['<5', 6], 1, null],
  ])('%d / %d with basis %j → %p', (n, d, basis, scale, expected) => {
    expect(publishedRatio(n, d, basis, scale)).toBe(expected);
  });
});

describe('roundOneDecimal / yearQuarter', () => {
  it.each([
    [2.25, 2.3],
    [-0.05, -0.1],
    [1.04, 1],
    [0, 0],
  ])('%p → %p', (value, expected) => expect(roundOneDecimal(value)).toBe(expected));

  it.each([
    ['2026-01-01', '2026-Q1'],
    ['2026-03-31', '2026-Q1'],
    ['2026-04-01', '2026-Q2'],
    ['2026-12-31', '2026-Q4'],
  ])('%s → %s', (date, quarter) => expect(yearQuarter(date)).toBe(quarter));

  it('refuses a date that does not exist', () => {
    expect(() => yearQuarter('2026-02-30')).toThrow(RangeError);
  });
});
