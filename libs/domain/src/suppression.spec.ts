import fc from 'fast-check';
import {
  type PublishedCount,
  type SuppressedTable,
  type SuppressionMargins,
  isSuppressed,
  secondaryLoss,
  suppressDerived,
  suppressSmallCells,
} from './suppression';

const ALL: SuppressionMargins = { rowTotals: true, columnTotals: true, grandTotal: true };
const NONE: SuppressionMargins = { rowTotals: false, columnTotals: false, grandTotal: false };

// ---------------------------------------------------------------------------------------------
// The attacker: knows every shown value, that totals are sums, that counts are non-negative
// integers and that primary-hidden inner cells are in 1…k−1. For each hidden value it searches,
// by brute force, for a solution of all that in which the value differs from the true one.
// ---------------------------------------------------------------------------------------------

interface AttackView {
  counts: number[][]; // the truth, to know the shown values and to compare against
  margins: SuppressionMargins;
  threshold: number;
  hiddenCells: boolean[][];
  primaryCells: boolean[][];
  hiddenRowTotals: boolean[];
  hiddenColumnTotals: boolean[];
  hiddenGrandTotal: boolean;
}

/** Labels of the hidden values that only one solution allows: `cell 0,1`, `row 2`, `grand`. */
function recoverable(view: AttackView): string[] {
  const { counts, margins, threshold } = view;
  const cells = counts.flatMap((row, r) => row.map((value, c) => ({ r, c, value })));
  const hidden = cells.filter(({ r, c }) => view.hiddenCells[r][c]);
  // Published sum equations over the inner cells; a hidden total publishes none.
  type Member = (cell: { r: number; c: number }) => boolean;
  const equations = [
    ...(margins.rowTotals ? view.hiddenRowTotals : []).flatMap((isHidden, r): Member[] =>
      isHidden ? [] : [(x) => x.r === r],
    ),
    ...(margins.columnTotals ? view.hiddenColumnTotals : []).flatMap((isHidden, c): Member[] =>
      isHidden ? [] : [(x) => x.c === c],
    ),
    ...(margins.grandTotal && !view.hiddenGrandTotal ? [() => true] : []),
  ].map((member) => ({
    vars: hidden.flatMap((cell, i) => (member(cell) ? [i] : [])),
    // what the hidden members must add up to: the total minus the shown members
    target: cells
      .filter((x) => member(x) && view.hiddenCells[x.r][x.c])
      .reduce((s, x) => s + x.value, 0),
  }));
  const lower = hidden.map(({ r, c }) => (view.primaryCells[r][c] ? 1 : 0));
  const upper = hidden.map(({ r, c }, i) =>
    Math.min(
      view.primaryCells[r][c] ? threshold - 1 : Infinity,
      ...equations.filter((eq) => eq.vars.includes(i)).map((eq) => eq.target),
    ),
  );
  const targets = [
    ...hidden.map(({ r, c }, i) => ({ label: `cell ${r},${c}`, vars: [i] })),
    ...(margins.rowTotals ? view.hiddenRowTotals : []).flatMap((isHidden, r) =>
      isHidden ? [{ label: `row ${r}`, vars: indicesOf(hidden, (x) => x.r === r) }] : [],
    ),
    ...(margins.columnTotals ? view.hiddenColumnTotals : []).flatMap((isHidden, c) =>
      isHidden ? [{ label: `column ${c}`, vars: indicesOf(hidden, (x) => x.c === c) }] : [],
    ),
    ...(margins.grandTotal && view.hiddenGrandTotal
      ? [{ label: 'grand', vars: hidden.map((_, i) => i) }]
      : []),
  ];
  return targets
    .filter(({ vars }) => vars.every((i) => upper[i] !== Infinity)) // an unbounded member moves freely
    .filter(
      ({ vars }) =>
        !hasOtherSolution(
          vars,
          hidden.map((x) => x.value),
          lower,
          upper,
          equations,
        ),
    )
    .map(({ label }) => label);
}

function indicesOf<T>(items: readonly T[], predicate: (item: T) => boolean): number[] {
  return items.flatMap((item, i) => (predicate(item) ? [i] : []));
}

/** Depth-first search for a solution in which Σ values[vars] differs from the truth. */
function hasOtherSolution(
  vars: number[],
  truth: number[],
  lower: number[],
  upper: number[],
  equations: { vars: number[]; target: number }[],
): boolean {
  const bounded = truth.map((_, i) => i).filter((i) => upper[i] !== Infinity);
  const order = [...vars, ...bounded.filter((i) => !vars.includes(i))];
  const trueSum = vars.reduce((s, i) => s + truth[i], 0);
  const value = new Array<number>(truth.length).fill(0);
  const assigned = new Array<boolean>(truth.length).fill(false);
  let budget = 2_000_000;
  const consistent = () =>
    equations.every((eq) => {
      let sum = 0;
      let slackLow = 0;
      let slackHigh = 0;
      for (const i of eq.vars) {
        if (assigned[i]) sum += value[i];
        else if (upper[i] === Infinity)
          return true; // a free member absorbs anything
        else {
          slackLow += lower[i];
          slackHigh += upper[i];
        }
      }
      return eq.target - sum >= slackLow && eq.target - sum <= slackHigh;
    });
  const search = (depth: number): boolean => {
    if (--budget < 0) throw new Error('attacker search too large; shrink the generator');
    if (depth === vars.length && vars.reduce((s, i) => s + value[i], 0) === trueSum) {
      return false;
    }
    if (depth === order.length) return true;
    const i = order[depth];
    assigned[i] = true;
    for (let v = lower[i]; v <= upper[i]; v++) {
      value[i] = v;
      if (consistent() && search(depth + 1)) return true;
    }
    assigned[i] = false;
    return false;
  };
  return search(0);
}

function viewOf(
  counts: number[][],
  result: SuppressedTable,
  margins: SuppressionMargins,
): AttackView {
  return {
    counts,
    margins,
    threshold: result.threshold,
    hiddenCells: result.cells.map((row) => row.map(isSuppressed)),
    primaryCells: counts.map((row) => row.map((v) => v > 0 && v < result.threshold)),
    hiddenRowTotals: (result.rowTotals ?? []).map(isSuppressed),
    hiddenColumnTotals: (result.columnTotals ?? []).map(isSuppressed),
    hiddenGrandTotal: result.grandTotal !== null && isSuppressed(result.grandTotal),
  };
}

/** A view with only the given cells hidden, all totals shown. */
function viewHiding(
  counts: number[][],
  threshold: number,
  hide: (v: number) => boolean,
): AttackView {
  return {
    counts,
    margins: ALL,
    threshold,
    hiddenCells: counts.map((row) => row.map(hide)),
    primaryCells: counts.map((row) => row.map((v) => v > 0 && v < threshold)),
    hiddenRowTotals: counts.map(() => false),
    hiddenColumnTotals: counts[0].map(() => false),
    hiddenGrandTotal: false,
  };
}

// Row totals 21, 27, 32; column totals 16, 33, 31; grand total 80.
const CLASSIC = [
  [3, 10, 8],
  [6, 12, 9],
  [7, 11, 14],
];

describe('the attacker', () => {
  it('recovers a value hidden by primary suppression alone', () => {
    // row 0: 21 − 10 − 8 = 3
    expect(recoverable(viewHiding(CLASSIC, 5, (v) => v > 0 && v < 5))).toEqual(['cell 0,0']);
  });

  it('recovers values even when every line has two hidden cells, by their bounds', () => {
    // k = 3: each hidden cell is 1 or 2, row 0 adds up to 4 → both are 2
    const counts = [
      [2, 2],
      [2, 2],
    ];
    expect(recoverable(viewHiding(counts, 3, (v) => v > 0 && v < 3))).toEqual([
      'cell 0,0',
      'cell 0,1',
      'cell 1,0',
      'cell 1,1',
    ]);
  });

  it('does not claim a value that a second solution allows', () => {
    // the rectangle 3/8 over 6/9 can move by ±1 along its cycle
    const hide = new Set([3, 8, 6, 9]);
    expect(recoverable(viewHiding(CLASSIC, 5, (v) => hide.has(v)))).toEqual([]);
  });
});

describe('suppressSmallCells', () => {
  const L5 = '<5';
  const X = 'x';

  it.each<
    [
      string,
      number[][],
      number,
      SuppressionMargins,
      Pick<SuppressedTable, 'cells' | 'rowTotals' | 'columnTotals' | 'grandTotal'>,
    ]
  >([
    [
      'nothing small: all shown',
      [
        [10, 12],
        [7, 9],
      ],
      5,
      ALL,
      {
        cells: [
          [10, 12],
          [7, 9],
        ],
        rowTotals: [22, 16],
        columnTotals: [17, 21],
        grandTotal: 38,
      },
    ],
    [
      'zero is shown',
      [
        [0, 12],
        [7, 9],
      ],
      5,
      ALL,
      {
        cells: [
          [0, 12],
          [7, 9],
        ],
        rowTotals: [12, 16],
        columnTotals: [7, 21],
        grandTotal: 28,
      },
    ],
    [
      // cheapest rectangle through 3: row partner 8 or 10, column partner 6 or 7, corner between:
      // 8 + 6 + 9 = 23, 8 + 7 + 14 = 29, 10 + 6 + 12 = 28, 10 + 7 + 11 = 28 → hide 8, 6, 9
      'a lone small cell gets the cheapest rectangle',
      CLASSIC,
      5,
      ALL,
      {
        cells: [
          [L5, 10, X],
          [X, 12, X],
          [7, 11, 14],
        ],
        rowTotals: [21, 27, 32],
        columnTotals: [16, 33, 31],
        grandTotal: 80,
      },
    ],
    [
      // row 0 total 2 is small and hidden; the row has no other non-zero cell, so the cycle runs
      // 2 → row total → row total 11 → 5 → back to column 0 (cost 11 + 5 = 16; via the column
      // total 7 and the grand total 13 it would cost 20)
      'a row with no other non-zero cell hides totals instead',
      [
        [2, 0],
        [5, 6],
      ],
      5,
      ALL,
      {
        cells: [
          [L5, 0],
          [X, 6],
        ],
        rowTotals: [L5, X],
        columnTotals: [7, 6],
        grandTotal: 13,
      },
    ],
    [
      'no totals published: only the small cells are hidden',
      [
        [2, 9],
        [9, 9],
      ],
      5,
      NONE,
      {
        cells: [
          [L5, 9],
          [9, 9],
        ],
        rowTotals: null,
        columnTotals: null,
        grandTotal: null,
      },
    ],
    [
      // column 0: 3 + 9 + 10 = 22 → hide the cheaper partner 9; column 1: 8 + 12 + 4 → hide 8
      'column totals only (the usual "total" row)',
      [
        [3, 8],
        [9, 12],
        [10, 4],
      ],
      5,
      { rowTotals: false, columnTotals: true, grandTotal: false },
      {
        cells: [
          [L5, X],
          [X, 12],
          [10, L5],
        ],
        rowTotals: null,
        columnTotals: [22, 24],
        grandTotal: null,
      },
    ],
    [
      'grand total only: one more cell, the smallest',
      [
        [3, 8],
        [9, 12],
      ],
      5,
      { rowTotals: false, columnTotals: false, grandTotal: true },
      {
        cells: [
          [L5, X],
          [9, 12],
        ],
        rowTotals: null,
        columnTotals: null,
        grandTotal: 32,
      },
    ],
    [
      // threshold 3: only 1s and 2s are small; 1 and 2 share row 0 and form a cycle with 4 and 3
      'threshold 3 uses the marker "<3"',
      [
        [1, 2],
        [4, 3],
      ],
      3,
      ALL,
      {
        cells: [
          ['<3', '<3'],
          ['x', 'x'],
        ],
        rowTotals: [3, 7],
        columnTotals: [5, 5],
        grandTotal: 10,
      },
    ],
  ])('%s', (_name, counts, threshold, margins, expected) => {
    const result = suppressSmallCells({ counts, threshold, margins });
    expect(result).toMatchObject({ ...expected, threshold, marker: `<${threshold}` });
    expect(recoverable(viewOf(counts, result, margins))).toEqual([]);
  });

  it('lists the hidden positions with their reason', () => {
    const result = suppressSmallCells({ counts: CLASSIC });
    expect(result.suppressed).toEqual([
      { position: { kind: 'cell', row: 0, column: 0 }, reason: 'primary' },
      { position: { kind: 'cell', row: 0, column: 2 }, reason: 'secondary' },
      { position: { kind: 'cell', row: 1, column: 0 }, reason: 'secondary' },
      { position: { kind: 'cell', row: 1, column: 2 }, reason: 'secondary' },
    ]);
  });

  it('protects the k = 3 table that defeats "two hidden per line"', () => {
    const counts = [
      [2, 2],
      [2, 2],
    ];
    const result = suppressSmallCells({ counts, threshold: 3 });
    expect(recoverable(viewOf(counts, result, ALL))).toEqual([]);
    expect(result.suppressed.length).toBeGreaterThan(4);
  });

  it.each([
    [{ counts: [[1, 2]], threshold: 2 }],
    [{ counts: [[1, 2], [3]] }],
    [{ counts: [[1, -2]] }],
    [{ counts: [[1, 2.5]] }],
  ])('rejects %j', (input) => {
    expect(() => suppressSmallCells(input)).toThrow(RangeError);
  });

  it('no hidden value can be recovered, for random small tables (property)', () => {
    const table = fc
      .record({ rows: fc.integer({ min: 2, max: 5 }), columns: fc.integer({ min: 2, max: 5 }) })
      .chain(({ rows, columns }) =>
        fc.array(
          fc.array(fc.integer({ min: 0, max: 30 }), { minLength: columns, maxLength: columns }),
          {
            minLength: rows,
            maxLength: rows,
          },
        ),
      );
    const margins = fc.record({
      rowTotals: fc.boolean(),
      columnTotals: fc.boolean(),
      grandTotal: fc.boolean(),
    });
    fc.assert(
      fc.property(
        table,
        fc.integer({ min: 3, max: 6 }),
        margins,
        (counts, threshold, published) => {
          const result = suppressSmallCells({ counts, threshold, margins: published });
          const shownValues: PublishedCount[] = result.cells.flat();
          // every small non-zero count is "<k", every zero 0 or "x" (a complement), never "<k"
          counts.flat().forEach((value, i) => {
            if (value === 0) expect([0, 'x']).toContain(shownValues[i]);
            if (value > 0 && value < threshold) expect(shownValues[i]).toBe(result.marker);
            if (value >= threshold) expect([value, 'x']).toContain(shownValues[i]);
          });
          expect(recoverable(viewOf(counts, result, published))).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('least loss (property)', () => {
  /**
   * Brute force: every subset of the shown values that are not small (cells and totals) as
   * complements; the least total value among those the attacker cannot break.
   */
  function bruteForceLoss(counts: number[][], threshold: number, margins: SuppressionMargins) {
    const rowSums = counts.map((row) => row.reduce((a, b) => a + b, 0));
    const columnSums = counts[0].map((_, c) => counts.reduce((a, row) => a + row[c], 0));
    const grand = rowSums.reduce((a, b) => a + b, 0);
    const small = (v: number) => v > 0 && v < threshold;
    type Slot = { value: number; hide: (view: AttackView) => void };
    const slots: Slot[] = [
      ...counts.flatMap((row, r) =>
        row.map((value, c) => ({ value, hide: (v: AttackView) => (v.hiddenCells[r][c] = true) })),
      ),
      ...(margins.rowTotals
        ? rowSums.map((value, r) => ({
            value,
            hide: (v: AttackView) => (v.hiddenRowTotals[r] = true),
          }))
        : []),
      ...(margins.columnTotals
        ? columnSums.map((value, c) => ({
            value,
            hide: (v: AttackView) => (v.hiddenColumnTotals[c] = true),
          }))
        : []),
      ...(margins.grandTotal
        ? [{ value: grand, hide: (v: AttackView) => (v.hiddenGrandTotal = true) }]
        : []),
    ];
    const primary = slots.filter((slot) => small(slot.value));
    const optional = slots.filter((slot) => !small(slot.value));
    let best = Infinity;
    for (let mask = 0; mask < 1 << optional.length; mask++) {
      const chosen = optional.filter((_, i) => mask & (1 << i));
      const loss = chosen.reduce((s, slot) => s + slot.value, 0);
      if (loss >= best) continue;
      const view: AttackView = {
        counts,
        margins,
        threshold,
        hiddenCells: counts.map((row) => row.map(() => false)),
        primaryCells: counts.map((row) => row.map(small)),
        hiddenRowTotals: rowSums.map(() => false),
        hiddenColumnTotals: columnSums.map(() => false),
        hiddenGrandTotal: false,
      };
      [...primary, ...chosen].forEach((slot) => slot.hide(view));
      if (recoverable(view).length === 0) best = loss;
    }
    return best;
  }

  const line = fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 2, maxLength: 5 });

  it('on single-row and single-column tables hides the least total value', () => {
    fc.assert(
      fc.property(line, fc.integer({ min: 3, max: 5 }), fc.boolean(), (values, k, asRow) => {
        const counts = asRow ? [values] : values.map((v) => [v]);
        const margins: SuppressionMargins = asRow
          ? { rowTotals: true, columnTotals: false, grandTotal: false }
          : { rowTotals: false, columnTotals: true, grandTotal: false };
        const result = suppressSmallCells({ counts, threshold: k, margins });
        expect(recoverable(viewOf(counts, result, margins))).toEqual([]);
        expect(secondaryLoss(result, counts).value).toBe(bruteForceLoss(counts, k, margins));
      }),
      { numRuns: 300, seed: 2 },
    );
  });

  it('on random two-way tables never hides more than the earlier rule (value only, no zeros)', () => {
    const table = fc
      .record({ rows: fc.integer({ min: 2, max: 5 }), columns: fc.integer({ min: 2, max: 5 }) })
      .chain(({ rows, columns }) =>
        fc.array(
          fc.array(fc.integer({ min: 0, max: 30 }), { minLength: columns, maxLength: columns }),
          { minLength: rows, maxLength: rows },
        ),
      );
    fc.assert(
      fc.property(table, fc.integer({ min: 3, max: 6 }), (counts, k) => {
        const now = suppressSmallCells({ counts, threshold: k });
        const before = suppressSmallCells({ counts, threshold: k, pricing: 'value-only' });
        expect(secondaryLoss(now, counts).value).toBeLessThanOrEqual(
          secondaryLoss(before, counts).value,
        );
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('the demo row: "other" 1 beside a 0 is protected by the 0 only when it can go down', () => {
    // 15 | 16 | 1 | 0 = 32 (k = 5): the 1 can only go up, the 0 only up: the zero cannot
    // protect it, the least other value is the 15. 15 | 16 | 2 | 0: the 2 and the 0 trade one.
    const row = (values: number[]) =>
      suppressSmallCells({
        counts: [values],
        margins: { rowTotals: true, columnTotals: false, grandTotal: false },
      }).cells[0];
    expect(row([15, 16, 1, 0])).toEqual(['x', 16, '<5', 0]);
    expect(row([15, 16, 2, 0])).toEqual([15, 16, '<5', 'x']);
  });
});

describe('suppressDerived', () => {
  it.each<[number | null, PublishedCount[], number | null]>([
    [2.5, [10, 4], 2.5],
    [2.5, [10, '<5'], null],
    [null, [10], null],
    [Number.NaN, [0], null],
    [0.25, [], 0.25],
  ])('%p with basis %j → %p', (value, basis, expected) => {
    expect(suppressDerived(value, basis)).toBe(expected);
  });
});
