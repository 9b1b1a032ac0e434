import { GENDERS, type Gender, REPORT_TITLES, type ReportTable } from '@stegvis/contracts';
import { TOTAL_LABEL } from '@stegvis/domain';
import { registerCountTable } from './suppression/count-table';
import type { Decisions, SuppressionPlan } from './suppression/report-suppression';

/*
 * The before/after tables as transitions (docs/reports.md "Transitions"): start code × exit code
 * among the non-reduced participations that exited in the period with both snapshots, one block
 * of rows per gender and a last block for all genders: rows `[gender, start code, cells…]`.
 *
 * Suppression: every cell is registered with the report's engine, in the same run as every other
 * table. A block's row totals are the start counts of `occupation_start_exit` (or the people with
 * that start source of `income_sources_start_exit`), its column totals the exit counts, and an
 * all-genders cell is the sum of the genders' cells in its place — one cell per quantity, so a
 * value hidden in one table can be neither read nor worked out from another.
 */

export type CountsByGender = Record<Gender, number>;

/**
 * `part ≤ whole`, told to the suppression engine as `whole = part + slack` with a slack that is
 * never published and needs no protection of its own: an attacker knows such bounds too (a count
 * of some people never exceeds the count of all of them), and a hidden cell pinned by one is not
 * protected.
 */
export function atMost(plan: SuppressionPlan, part: string, whole: string): void {
  const partValue = plan.valueOf(part);
  const wholeValue = plan.valueOf(whole);
  if (partValue === undefined || wholeValue === undefined) return;
  const slack = plan.count(`${whole}≥${part}`, wholeValue - partValue, {
    published: false,
    small: false,
  });
  plan.relation(whole, [part, slack]);
}

const BLOCKS = [...GENDERS, TOTAL_LABEL] as const;

/**
 * Occupation at start × occupation at exit: one occupation per person and snapshot, so a block's
 * cells add up — row totals (people by start occupation), column totals (by exit occupation) and
 * the block's total (people with both snapshots) are published and suppressed with the cells.
 */
export function occupationTransitionsTable(
  plan: SuppressionPlan,
  input: {
    /** Occupation codes, rows and columns alike (`unknown` for a snapshot without one). */
    labels: readonly string[];
    /** People of each gender with `start` at start and `exit` at exit. */
    count: (start: string, exit: string) => CountsByGender;
  },
): (decisions: Decisions) => ReportTable {
  const { labels, count } = input;
  const key = 'occupation_transitions';
  const valueOf = (start: string, exit: string, block: (typeof BLOCKS)[number]) => {
    const counts = count(start, exit);
    return block === TOTAL_LABEL ? GENDERS.reduce((s, g) => s + counts[g], 0) : counts[block];
  };
  const base = 'occupation_start_exit';
  const publish = BLOCKS.map((block) =>
    registerCountTable(plan, {
      key: `${key}:${block}`,
      rowLabels: labels,
      columns: labels,
      counts: labels.map((start) => labels.map((exit) => valueOf(start, exit, block))),
      rowTotals: true,
      columnTotals: true,
      // People by start occupation, by exit occupation, and all of them: the start/exit table's.
      rowTotalIds: labels.map((start) => `${base}:start:${start}:${block}`),
      totalRowIds: [
        ...labels.map((exit) => `${base}:exit:${exit}:${block}`),
        `${base}:start:${TOTAL_LABEL}:${block}`,
      ],
    }),
  );
  // An all-genders cell is the sum of the genders' cells in its place.
  for (const start of labels) {
    for (const exit of labels) {
      plan.relation(
        `${key}:${TOTAL_LABEL}:${start}:${exit}`,
        GENDERS.map((g) => `${key}:${g}:${start}:${exit}`),
      );
    }
  }
  return (decisions) => ({
    key,
    title: REPORT_TITLES.en.occupation_transitions,
    columns: ['gender', 'occupation_start', ...labels, TOTAL_LABEL],
    rows: BLOCKS.flatMap((block, b) => publish[b](decisions).map((row) => [block, ...row])),
  });
}

/**
 * Income source at start × income source at exit. People have several sources at once, so a
 * person counts in every (start source, exit source) pair they have; the last column is the
 * number of people with the row's start source (the start count of income_sources_start_exit).
 * Cells do not add up to it (nor to anything), so no totals are published.
 */
export function incomeTransitionsTable(
  plan: SuppressionPlan,
  input: {
    sources: readonly string[];
    /** People of each gender with `start` among their start sources and `exit` among their exit sources. */
    pair: (start: string, exit: string) => CountsByGender;
    /** People of each gender with `start` among their start sources. */
    withStart: (start: string) => CountsByGender;
  },
): (decisions: Decisions) => ReportTable {
  const { sources, pair, withStart } = input;
  const key = 'income_transitions';
  const sum = (counts: CountsByGender) => GENDERS.reduce((s, g) => s + counts[g], 0);
  const of = (counts: CountsByGender, block: (typeof BLOCKS)[number]) =>
    block === TOTAL_LABEL ? sum(counts) : counts[block];
  const base = 'income_sources_start_exit';
  const ids = BLOCKS.map((block) =>
    sources.map((start) => [
      ...sources.map((exit) =>
        plan.count(`${key}:${block}:${start}:${exit}`, of(pair(start, exit), block)),
      ),
      // The people with this start source: the start/exit table's own cell.
      plan.count(`${base}:start:${start}:${block}`, of(withStart(start), block)),
    ]),
  );
  for (const start of sources) {
    for (const exit of sources) {
      plan.relation(
        `${key}:${TOTAL_LABEL}:${start}:${exit}`,
        GENDERS.map((g) => `${key}:${g}:${start}:${exit}`),
      );
    }
    // The start table states it too; said again so that this table stands on its own.
    plan.relation(
      `${base}:start:${start}:${TOTAL_LABEL}`,
      GENDERS.map((g) => `${base}:start:${start}:${g}`),
    );
  }
  // What anyone knows: a pair never counts more people than have its start source.
  for (const block of ids) {
    for (const row of block) {
      const withSource = row[row.length - 1];
      row.slice(0, -1).forEach((pairId) => atMost(plan, pairId, withSource));
    }
  }
  return (decisions) => ({
    key,
    title: REPORT_TITLES.en.income_transitions,
    columns: ['gender', 'income_source_start', ...sources, 'participants_with_source'],
    rows: BLOCKS.flatMap((block, b) =>
      sources.map((start, r) => [block, start, ...ids[b][r].map((id) => decisions.published(id))]),
    ),
  });
}
