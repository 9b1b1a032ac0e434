/*
 * k-anonymity for row-level exports: the quasi-identifiers are generalised along a ladder per
 * attribute until every combination occurs at least k times; rows still in smaller groups are
 * dropped.
 *
 *   municipality  municipality → county → *
 *   ageBand       5-year band → 10-year → 20-year → *      (e.g. 25-29 → 20-29 → 20-39 → *)
 *   startQuarter  YYYY-Qn → YYYY → *
 *   gender        gender → *   (only once every other attribute is * and groups are still small)
 *
 * Greedy: each step raises the one attribute that leaves the fewest groups smaller than k (ties:
 * fewer rows in them, then the order above). It stops when the rows still in small groups are at
 * most `maxSuppressedShare` of all rows (default 5 %) — dropping a few outliers beats coarsening
 * everybody — or when nothing is left to generalise; those rows are then dropped.
 *
 * One algorithm, two entry points: `kAnonymiseGroups` decides on combinations with their row
 * counts (e.g. from SQL GROUP BY) and `kAnonymityFilter` applies the decision to one row at a
 * time; `kAnonymise` does both for rows in memory (each row a combination of weight 1).
 */

export interface QuasiIdentifiers {
  gender: string;
  ageBand: string;
  municipality: string;
  startQuarter: string;
}

export type QuasiIdentifier = keyof QuasiIdentifiers;

export const GENERALISATION_LADDERS = {
  municipality: ['municipality', 'county', '*'],
  ageBand: ['5-year', '10-year', '20-year', '*'],
  startQuarter: ['quarter', 'year', '*'],
  gender: ['gender', '*'],
} as const;

export type Generalisation = {
  [A in QuasiIdentifier]: (typeof GENERALISATION_LADDERS)[A][number];
};

export type GeneralisedRow<T extends QuasiIdentifiers> = Omit<T, QuasiIdentifier> &
  QuasiIdentifiers;

export interface KAnonymityOptions {
  /** Minimum group size; default 5. */
  k?: number;
  /** Municipality → county; default `countyOfMunicipality`. */
  countyOf?: (municipality: string) => string;
  /** Share of rows that may be dropped instead of generalising further; default 0.05. */
  maxSuppressedShare?: number;
}

export interface KAnonymityResult<T extends QuasiIdentifiers> {
  rows: GeneralisedRow<T>[];
  generalisation: Generalisation;
  suppressedRows: number;
}

type Levels = Record<QuasiIdentifier, number>;

const ATTRIBUTES = Object.keys(GENERALISATION_LADDERS) as QuasiIdentifier[];
const OTHER_COUNTY = 'other';

/** A combination of quasi-identifiers and the number of rows that have it. */
export interface QuasiIdentifierGroup {
  qi: QuasiIdentifiers;
  count: number;
}

/** What `kAnonymiseGroups` decided: apply it to each row with `kAnonymityFilter`. */
export interface KAnonymityDecision {
  generalisation: Generalisation;
  /** Generalised combinations still smaller than k: their rows are dropped. */
  suppressedCombinations: QuasiIdentifiers[];
  /** Rows in those combinations. */
  suppressedRows: number;
}

/**
 * All rows at once (held in memory). For rows that should not be, decide on their counted
 * combinations with `kAnonymiseGroups` and apply the decision row by row with `kAnonymityFilter`.
 */
export function kAnonymise<T extends QuasiIdentifiers>(
  rows: readonly T[],
  options: KAnonymityOptions = {},
): KAnonymityResult<T> {
  const decision = kAnonymiseGroups(
    rows.map((qi) => ({ qi, count: 1 })),
    options,
  );
  const keep = kAnonymityFilter(decision, options);
  const kept: GeneralisedRow<T>[] = [];
  for (const row of rows) {
    const generalised = keep(row);
    if (generalised !== null) kept.push(generalised);
  }
  return {
    rows: kept,
    generalisation: decision.generalisation,
    suppressedRows: rows.length - kept.length,
  };
}

/**
 * The same algorithm on weighted combinations (e.g. counted by SQL GROUP BY), so that the rows
 * need not be held in memory: a combination with `count` n weighs as n rows.
 */
export function kAnonymiseGroups(
  groups: readonly QuasiIdentifierGroup[],
  options: KAnonymityOptions = {},
): KAnonymityDecision {
  const k = options.k ?? 5;
  const share = options.maxSuppressedShare ?? 0.05;
  if (!Number.isInteger(k) || k < 2 || !(share >= 0 && share <= 1)) {
    throw new RangeError(`Invalid k-anonymity options: ${JSON.stringify(options)}`);
  }
  for (const { count } of groups) {
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError(`Invalid group count: ${count}`);
    }
  }
  const countyOf = options.countyOf ?? countyOfMunicipality;
  const generaliseAll = (levels: Levels) =>
    groups.map(({ qi, count }) => ({ qi: generaliseQi(qi, levels, countyOf), count }));
  const total = groups.reduce((sum, { count }) => sum + count, 0);
  const allowedInSmallGroups = Math.floor(share * total);

  let levels: Levels = { municipality: 0, ageBand: 0, startQuarter: 0, gender: 0 };
  let stats = smallGroupStats(generaliseAll(levels), k);
  while (stats.rows > allowedInSmallGroups) {
    const best = nextSteps(levels)
      .map((candidate) => ({
        levels: candidate,
        stats: smallGroupStats(generaliseAll(candidate), k),
      }))
      .reduce<{ levels: Levels; stats: SmallGroupStats } | null>(
        (chosen, step) =>
          chosen === null ||
          step.stats.groups < chosen.stats.groups ||
          (step.stats.groups === chosen.stats.groups && step.stats.rows < chosen.stats.rows)
            ? step
            : chosen,
        null,
      );
    if (best === null) {
      break;
    }
    ({ levels, stats } = best);
  }

  const suppressed = new Map<string, QuasiIdentifiers>();
  for (const [key, { qi, size }] of groupSizes(generaliseAll(levels))) {
    if (size < k) suppressed.set(key, qi);
  }
  return {
    generalisation: {
      municipality: GENERALISATION_LADDERS.municipality[levels.municipality],
      ageBand: GENERALISATION_LADDERS.ageBand[levels.ageBand],
      startQuarter: GENERALISATION_LADDERS.startQuarter[levels.startQuarter],
      gender: GENERALISATION_LADDERS.gender[levels.gender],
    },
    suppressedCombinations: [...suppressed.values()],
    suppressedRows: stats.rows,
  };
}

/**
 * Applies a decision to one row at a time: the row with its quasi-identifiers generalised, or
 * null when its combination is suppressed. Pass the same `countyOf` as to the decision.
 */
export function kAnonymityFilter(
  decision: KAnonymityDecision,
  options: Pick<KAnonymityOptions, 'countyOf'> = {},
): <T extends QuasiIdentifiers>(row: T) => GeneralisedRow<T> | null {
  const countyOf = options.countyOf ?? countyOfMunicipality;
  const levels = levelsOf(decision.generalisation);
  const suppressed = new Set(decision.suppressedCombinations.map(groupKey));
  return <T extends QuasiIdentifiers>(row: T) => {
    const qi = generaliseQi(row, levels, countyOf);
    return suppressed.has(groupKey(qi)) ? null : { ...row, ...qi };
  };
}

function levelsOf(generalisation: Generalisation): Levels {
  const level = <A extends QuasiIdentifier>(attribute: A): number => {
    const ladder: readonly string[] = GENERALISATION_LADDERS[attribute];
    const index = ladder.indexOf(generalisation[attribute]);
    if (index < 0) {
      throw new RangeError(`Unknown ${attribute} level: '${generalisation[attribute]}'`);
    }
    return index;
  };
  return {
    municipality: level('municipality'),
    ageBand: level('ageBand'),
    startQuarter: level('startQuarter'),
    gender: level('gender'),
  };
}

/** One attribute one rung up; gender only when nothing else can move. */
function nextSteps(levels: Levels): Levels[] {
  const canRise = (attribute: QuasiIdentifier) =>
    levels[attribute] < GENERALISATION_LADDERS[attribute].length - 1;
  const others = ATTRIBUTES.filter((attribute) => attribute !== 'gender' && canRise(attribute));
  const attributes = others.length > 0 ? others : ATTRIBUTES.filter(canRise);
  return attributes.map((attribute) => ({ ...levels, [attribute]: levels[attribute] + 1 }));
}

/** The four quasi-identifiers of `row` at the given levels (other fields are not copied). */
function generaliseQi(
  row: QuasiIdentifiers,
  levels: Levels,
  countyOf: (municipality: string) => string,
): QuasiIdentifiers {
  const value = (attribute: QuasiIdentifier): string => {
    const rung = GENERALISATION_LADDERS[attribute][levels[attribute]];
    switch (rung) {
      case 'municipality':
      case '5-year':
      case 'quarter':
      case 'gender':
        return row[attribute];
      case 'county':
        return countyOf(row[attribute]);
      case '10-year':
        return widenAgeBand(row[attribute], 10);
      case '20-year':
        return widenAgeBand(row[attribute], 20);
      case 'year':
        return yearOfQuarter(row[attribute]);
      case '*':
        return '*';
    }
  };
  return {
    municipality: value('municipality'),
    ageBand: value('ageBand'),
    startQuarter: value('startQuarter'),
    gender: value('gender'),
  };
}

interface SmallGroupStats {
  /** Groups smaller than k. */
  groups: number;
  /** Rows in those groups. */
  rows: number;
}

function smallGroupStats(groups: readonly QuasiIdentifierGroup[], k: number): SmallGroupStats {
  const small = [...groupSizes(groups).values()].filter(({ size }) => size < k);
  return { groups: small.length, rows: small.reduce((sum, { size }) => sum + size, 0) };
}

/** Rows per combination, by `groupKey`. */
function groupSizes(
  groups: readonly QuasiIdentifierGroup[],
): Map<string, { qi: QuasiIdentifiers; size: number }> {
  const sizes = new Map<string, { qi: QuasiIdentifiers; size: number }>();
  for (const { qi, count } of groups) {
    const key = groupKey(qi);
    const entry = sizes.get(key);
    if (entry) entry.size += count;
    else sizes.set(key, { qi, size: count });
  }
  return sizes;
}

function groupKey(row: QuasiIdentifiers): string {
  return JSON.stringify(ATTRIBUTES.map((attribute) => row[attribute]));
}

/**
 * The `width`-year band holding a 5-year band: `25-29` → `20-29` (10) → `20-39` (20); an open top
 * band must start on a multiple of 20 (`60+`) so that the wider bands never overlap it.
 */
export function widenAgeBand(band: string, width: 10 | 20): string {
  const closed = /^(\d+)-(\d+)$/.exec(band);
  const open = /^(\d+)\+$/.exec(band);
  const lower = Number((closed ?? open)?.[1]);
  const wideLower = Math.floor(lower / width) * width;
  if (closed && Number(closed[2]) <= wideLower + width - 1) {
    return `${wideLower}-${wideLower + width - 1}`;
  }
  if (open && lower % 20 === 0) {
    return `${lower}+`;
  }
  throw new RangeError(`Age band '${band}' does not nest in ${width}-year bands`);
}

function yearOfQuarter(quarter: string): string {
  const match = /^(\d{4})-Q[1-4]$/.exec(quarter);
  if (!match) {
    throw new RangeError(`Not a quarter (YYYY-Qn): '${quarter}'`);
  }
  return match[1];
}

/** Länskod → county, for the 21 Swedish counties. */
export const SWEDISH_COUNTIES: Readonly<Record<string, string>> = {
  '01': 'Stockholms län',
  '03': 'Uppsala län',
  '04': 'Södermanlands län',
  '05': 'Östergötlands län',
  '06': 'Jönköpings län',
  '07': 'Kronobergs län',
  '08': 'Kalmar län',
  '09': 'Gotlands län',
  '10': 'Blekinge län',
  '12': 'Skåne län',
  '13': 'Hallands län',
  '14': 'Västra Götalands län',
  '17': 'Värmlands län',
  '18': 'Örebro län',
  '19': 'Västmanlands län',
  '20': 'Dalarnas län',
  '21': 'Gävleborgs län',
  '22': 'Västernorrlands län',
  '23': 'Jämtlands län',
  '24': 'Västerbottens län',
  '25': 'Norrbottens län',
};

// A small built-in list (larger towns); pass `countyOf` for anything more.
const COUNTY_CODE_BY_MUNICIPALITY: Readonly<Record<string, string>> = {
  stockholm: '01',
  solna: '01',
  södertälje: '01',
  huddinge: '01',
  botkyrka: '01',
  nacka: '01',
  uppsala: '03',
  enköping: '03',
  eskilstuna: '04',
  nyköping: '04',
  katrineholm: '04',
  linköping: '05',
  norrköping: '05',
  motala: '05',
  jönköping: '06',
  värnamo: '06',
  växjö: '07',
  ljungby: '07',
  kalmar: '08',
  västervik: '08',
  gotland: '09',
  karlskrona: '10',
  karlshamn: '10',
  malmö: '12',
  lund: '12',
  helsingborg: '12',
  kristianstad: '12',
  halmstad: '13',
  varberg: '13',
  göteborg: '14',
  borås: '14',
  trollhättan: '14',
  skövde: '14',
  uddevalla: '14',
  karlstad: '17',
  örebro: '18',
  västerås: '19',
  falun: '20',
  borlänge: '20',
  gävle: '21',
  sandviken: '21',
  sundsvall: '22',
  örnsköldsvik: '22',
  härnösand: '22',
  östersund: '23',
  umeå: '24',
  skellefteå: '24',
  luleå: '25',
  piteå: '25',
  kiruna: '25',
};

/**
 * County of a municipality given as a 4-digit kommunkod (whose first two digits are the länskod)
 * or as a name from the built-in list ("Umeå", "Umeå kommun"); anything else → `'other'`.
 */
export function countyOfMunicipality(municipality: string): string {
  const value = municipality.trim();
  const code = /^\d{4}$/.test(value)
    ? value.slice(0, 2)
    : COUNTY_CODE_BY_MUNICIPALITY[value.toLowerCase().replace(/\s+kommun$/, '')];
  return (code !== undefined && SWEDISH_COUNTIES[code]) || OTHER_COUNTY;
}
