import fc from 'fast-check';
import {
  type QuasiIdentifiers,
  countyOfMunicipality,
  kAnonymise,
  kAnonymiseGroups,
  kAnonymityFilter,
  widenAgeBand,
} from './k-anonymity';

interface ExportRow extends QuasiIdentifiers {
  pseudonym: string;
}

/** `count` rows that differ from `base` in the given fields. */
function rows(count: number, fields: Partial<QuasiIdentifiers>): ExportRow[] {
  return Array.from({ length: count }, (_, i) => ({
    pseudonym: `p${i}`,
    gender: 'female',
    ageBand: '30-34',
    municipality: 'Umeå',
    startQuarter: '2025-Q1',
    ...fields,
  }));
}

function groupSizes(output: readonly QuasiIdentifiers[]): number[] {
  const sizes = new Map<string, number>();
  for (const { gender, ageBand, municipality, startQuarter } of output) {
    const key = [gender, ageBand, municipality, startQuarter].join('|');
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  return [...sizes.values()];
}

const BASE = {
  municipality: 'municipality',
  ageBand: '5-year',
  startQuarter: 'quarter',
  gender: 'gender',
} as const;

describe('kAnonymise', () => {
  it.each([
    ['already 5-anonymous: nothing changes', rows(5, {}), {}, BASE, 0],
    [
      // Umeå 3, Skellefteå 2, Luleå 3, Piteå 2 → Västerbotten 5, Norrbotten 5
      'municipality → county',
      [
        ...rows(3, {}),
        ...rows(2, { municipality: 'Skellefteå' }),
        ...rows(3, { municipality: 'Luleå' }),
        ...rows(2, { municipality: 'Piteå' }),
      ],
      {},
      { ...BASE, municipality: 'county' },
      0,
    ],
    [
      // 20-24 ×3, 25-29 ×2, 40-44 ×5 → 20-29 ×5, 40-49 ×5
      'age band → 10 years',
      [
        ...rows(3, { ageBand: '20-24' }),
        ...rows(2, { ageBand: '25-29' }),
        ...rows(5, { ageBand: '40-44' }),
      ],
      {},
      { ...BASE, ageBand: '10-year' },
      0,
    ],
    [
      // Q1 ×2, Q2 ×3 → 2025 ×5; ageBand and municipality steps would not merge anything
      'start quarter → year',
      [...rows(2, {}), ...rows(3, { startQuarter: '2025-Q2' })],
      {},
      { ...BASE, startQuarter: 'year' },
      0,
    ],
    [
      // small groups at first: Umeå/30-34 ×3, Umeå/35-39 ×2, Skellefteå/30-34 ×2,
      // Skellefteå/35-39 ×3 (4). Age → 10 years: Umeå 5, Skellefteå 5 (0 small); county:
      // Västerbotten/30-34 5, Västerbotten/35-39 5 (0 small): a tie, municipality comes first
      'greedy: the attribute that leaves the fewest small groups, ladder order on ties',
      [
        ...rows(3, {}),
        ...rows(2, { ageBand: '35-39' }),
        ...rows(2, { municipality: 'Skellefteå' }),
        ...rows(3, { municipality: 'Skellefteå', ageBand: '35-39' }),
      ],
      {},
      { ...BASE, municipality: 'county' },
      0,
    ],
    [
      // age → 10 years merges 30-34 ×3 with 35-39 ×2 (5); county would merge nothing
      'greedy: picks age when county does not help',
      [
        ...rows(3, {}),
        ...rows(2, { ageBand: '35-39' }),
        ...rows(5, { municipality: 'Luleå', ageBand: '50-54' }),
      ],
      {},
      { ...BASE, ageBand: '10-year' },
      0,
    ],
    [
      // 6 women, 2 men, all else equal: only gender can separate them → gender is generalised
      'gender only when unavoidable',
      [...rows(6, {}), ...rows(2, { gender: 'male' })],
      { maxSuppressedShare: 0 },
      { municipality: '*', ageBand: '*', startQuarter: '*', gender: '*' },
      0,
    ],
    [
      // budget 25 % of 8 = 2 rows: the two men are dropped and nothing is generalised
      'dropping a few rows beats generalising everybody',
      [...rows(6, {}), ...rows(2, { gender: 'male' })],
      { maxSuppressedShare: 0.25 },
      BASE,
      2,
    ],
    [
      'fewer rows than k: all generalised and then all dropped',
      rows(4, {}),
      {},
      { municipality: '*', ageBand: '*', startQuarter: '*', gender: '*' },
      4,
    ],
    ['no rows', [], {}, BASE, 0],
  ])('%s', (_name, input, options, generalisation, suppressedRows) => {
    const result = kAnonymise(input, options);
    expect(result.generalisation).toEqual(generalisation);
    expect(result.suppressedRows).toBe(suppressedRows);
    expect(result.rows).toHaveLength(input.length - suppressedRows);
    expect(Math.min(...groupSizes(result.rows))).toBeGreaterThanOrEqual(5);
  });

  it('rewrites the quasi-identifiers and keeps the other fields', () => {
    const result = kAnonymise([...rows(3, {}), ...rows(2, { municipality: 'Skellefteå' })]);
    expect(result.rows[4]).toEqual({
      pseudonym: 'p1',
      gender: 'female',
      ageBand: '30-34',
      municipality: 'Västerbottens län',
      startQuarter: '2025-Q1',
    });
  });

  it('uses a given municipality → county mapping', () => {
    const result = kAnonymise(
      [...rows(3, { municipality: 'A' }), ...rows(3, { municipality: 'B' })],
      { countyOf: () => 'Län X', maxSuppressedShare: 0 },
    );
    expect(result.rows.map((row) => row.municipality)).toEqual(Array(6).fill('Län X'));
  });

  it('rejects k < 2 and a share outside 0…1', () => {
    expect(() => kAnonymise([], { k: 1 })).toThrow(RangeError);
    expect(() => kAnonymise([], { maxSuppressedShare: 2 })).toThrow(RangeError);
  });

  it('every output group has at least k rows (property)', () => {
    const row = fc.record({
      pseudonym: fc.constant('p'),
      gender: fc.constantFrom('female', 'male', 'other', 'undisclosed'),
      ageBand: fc.constantFrom('15-19', '20-24', '25-29', '30-34', '45-49', '55-59', '60+'),
      municipality: fc.constantFrom('Umeå', 'Skellefteå', 'Luleå', '2480', '0180', 'Ankeborg'),
      startQuarter: fc.constantFrom('2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2'),
    });
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 80 }),
        fc.integer({ min: 2, max: 6 }),
        fc.constantFrom(0, 0.05, 0.2),
        (input, k, maxSuppressedShare) => {
          const result = kAnonymise(input, { k, maxSuppressedShare });
          expect(result.rows.length + result.suppressedRows).toBe(input.length);
          for (const size of groupSizes(result.rows)) {
            expect(size).toBeGreaterThanOrEqual(k);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('kAnonymiseGroups (weighted combinations)', () => {
  const qi = fc.record({
    gender: fc.constantFrom('female', 'male', 'other'),
    ageBand: fc.constantFrom('15-19', '20-24', '25-29', '30-34', '45-49', '60+'),
    municipality: fc.constantFrom('Umeå', 'Skellefteå', 'Luleå', '2480', '0180', 'Ankeborg'),
    startQuarter: fc.constantFrom('2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2'),
  });

  it('decides as kAnonymise does on the same rows, counted (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ qi, count: fc.integer({ min: 1, max: 7 }) }), { maxLength: 40 }),
        fc.integer({ min: 2, max: 6 }),
        fc.constantFrom(0, 0.05, 0.2),
        (groups, k, maxSuppressedShare) => {
          const options = { k, maxSuppressedShare };
          const input = groups.flatMap(({ qi: combination, count }) =>
            Array.from({ length: count }, (_, i) => ({ ...combination, pseudonym: `p${i}` })),
          );
          const byRow = kAnonymise(input, options);
          const decision = kAnonymiseGroups(groups, options);
          expect(decision.generalisation).toEqual(byRow.generalisation);
          expect(decision.suppressedRows).toBe(byRow.suppressedRows);
          const keep = kAnonymityFilter(decision);
          const kept = input.map(keep).filter((row) => row !== null);
          expect(kept).toEqual(byRow.rows);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('names the generalised combinations it suppresses', () => {
    const decision = kAnonymiseGroups(
      [
        { qi: rows(1, {})[0], count: 40 },
        { qi: rows(1, { gender: 'male' })[0], count: 2 },
      ],
      { k: 5 },
    );
    expect(decision.generalisation).toEqual(BASE);
    expect(decision.suppressedRows).toBe(2);
    expect(decision.suppressedCombinations).toEqual([
      { municipality: 'Umeå', ageBand: '30-34', startQuarter: '2025-Q1', gender: 'male' },
    ]);
    const keep = kAnonymityFilter(decision);
    expect(keep(rows(1, { gender: 'male' })[0])).toBeNull();
    expect(keep(rows(1, {})[0])).toEqual(rows(1, {})[0]);
  });

  it('rejects a count that is not a positive integer', () => {
    expect(() => kAnonymiseGroups([{ qi: rows(1, {})[0], count: 0 }])).toThrow(RangeError);
    expect(() => kAnonymiseGroups([{ qi: rows(1, {})[0], count: 1.5 }])).toThrow(RangeError);
  });
});

describe('widenAgeBand', () => {
  it.each([
    ['25-29', 10, '20-29'],
    ['25-29', 20, '20-39'],
    ['15-19', 10, '10-19'],
    ['15-19', 20, '0-19'],
    ['60+', 10, '60+'],
    ['60+', 20, '60+'],
  ] as const)('%s at %i years → %s', (band, width, expected) => {
    expect(widenAgeBand(band, width)).toBe(expected);
  });

  it.each([['16-24'], ['65+'], ['young']])('rejects %s, which does not nest', (band) => {
    expect(() => widenAgeBand(band, 10)).toThrow(RangeError);
  });
});

describe('countyOfMunicipality', () => {
  it.each([
    ['Umeå', 'Västerbottens län'],
    ['umeå kommun', 'Västerbottens län'],
    ['Göteborg', 'Västra Götalands län'],
    ['2480', 'Västerbottens län'], // kommunkod: länskod 24
    ['0180', 'Stockholms län'],
    ['1180', 'other'], // no county 11
    ['Ankeborg', 'other'],
  ])('%s → %s', (municipality, county) => {
    expect(countyOfMunicipality(municipality)).toBe(county);
  });
});
