/*
 * Small-cell suppression for report tables.
 *
 * Primary: a count 1…k−1 is hidden (0 is shown) and published as "<k". A published total 1…k−1
 * is hidden too. Secondary: more cells are hidden, published as "x", until no hidden value can be
 * pinned down from what is shown — the fewest and smallest (least total value) that protect.
 *
 * The attacker we protect against knows every shown cell and total, that all counts are
 * non-negative integers, that every row/column/grand total is the sum of its cells, and that each
 * primary-hidden inner cell lies in 1…k−1 (any other hidden value only that it is ≥ 0). A hidden
 * value is safe when another solution of those constraints gives it a different value.
 *
 * How it is decided: write every table line (a row with its total, a column with its total, the
 * totals row or column with the grand total) as a vertex and every cell or total as an edge between
 * its row-side line and its column-side line (a "ground" vertex stands in for a line that is not
 * published). After flipping the sign of totals (σ = −1; the grand total keeps +1 unless it is the
 * only published total), every line says "the sum of its edges is 0", so adding +1, −1, +1, … around
 * an alternating cycle of hidden edges keeps every published equation. The solutions that move a
 * hidden value are exactly such cycles whose ±1 steps stay within the bounds above (any other
 * solution decomposes into conformal cycles), i.e. a directed cycle in a graph whose arcs are the
 * feasible steps. So each hidden value is checked — and, when exposed, protected by hiding the
 * cheapest published cells (least total value, then fewest; a zero can close a cycle where it
 * moves up) that close such a cycle — with a shortest-path search.
 *
 * This is the one-table building block; the funder report decides all its tables at once
 * (backend reports/suppression), since the same figure appears in several tables.
 */

export interface SuppressionMargins {
  rowTotals: boolean;
  columnTotals: boolean;
  grandTotal: boolean;
}

export interface SuppressionInput {
  /** Non-negative integer counts, rows × columns. */
  counts: readonly (readonly number[])[];
  /** k, at least 3; default 5. */
  threshold?: number;
  /** Which totals are published; default all (the safe choice). */
  margins?: Partial<SuppressionMargins>;
  /** Only one pricing (for comparisons in tests); default: the cheaper result of both. */
  pricing?: SuppressionPricing;
}

export type TablePosition =
  | { kind: 'cell'; row: number; column: number }
  | { kind: 'rowTotal'; row: number }
  | { kind: 'columnTotal'; column: number }
  | { kind: 'grandTotal' };

export type SuppressionReason = 'primary' | 'secondary';

export interface SuppressedPosition {
  position: TablePosition;
  reason: SuppressionReason;
}

/** A count as published: the number, or a marker: `"<k"` (small) or `"x"` (hidden for another). */
export type PublishedCount = number | string;

/** The marker of a value hidden only to protect another (it may be large). */
export const SECONDARY_MARKER = 'x';

export interface SuppressedTable {
  threshold: number;
  /** The marker of a small hidden value, e.g. `"<5"`; secondary ones are SECONDARY_MARKER. */
  marker: string;
  cells: PublishedCount[][];
  /** null = row totals are not published. */
  rowTotals: PublishedCount[] | null;
  columnTotals: PublishedCount[] | null;
  grandTotal: PublishedCount | null;
  suppressed: SuppressedPosition[];
}

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

const GROUND = 0;

interface Entry {
  position: TablePosition;
  value: number;
  /** Line vertices (GROUND when that line is not published). */
  rowEnd: number;
  columnEnd: number;
  /** The sign flip that makes every line a plain sum. */
  sign: 1 | -1;
  status: 'shown' | SuppressionReason;
}

export function suppressSmallCells(input: SuppressionInput): SuppressedTable {
  const threshold = input.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  const margins: SuppressionMargins = {
    rowTotals: true,
    columnTotals: true,
    grandTotal: true,
    ...input.margins,
  };
  assertTable(input.counts, threshold);
  // Least loss: cycles priced by value (zeros allowed where they can move), fewest cells on a
  // tie; the earlier rule (no zeros, value only) is kept as a second candidate, so the choice
  // never hides more than it did.
  const candidates = (input.pricing ? [input.pricing] : PRICINGS).map((pricing) =>
    secondarySuppression(input.counts, margins, threshold, pricing),
  );
  const loss = (entries: readonly Entry[]) => {
    const hidden = entries.filter((e) => e.status === 'secondary');
    return [hidden.reduce((s, e) => s + e.value, 0), hidden.length];
  };
  const [best] = candidates.sort((a, b) => {
    const [va, na] = loss(a);
    const [vb, nb] = loss(b);
    return va - vb || na - nb;
  });
  return publish(input.counts, margins, best, threshold);
}

/** Total value and number of the cells and totals hidden only to protect others. */
export function secondaryLoss(table: SuppressedTable, counts: readonly (readonly number[])[]) {
  const value = (position: TablePosition): number => {
    const rowSum = (r: number) => counts[r].reduce((a, b) => a + b, 0);
    const columnSum = (c: number) => counts.reduce((a, row) => a + row[c], 0);
    switch (position.kind) {
      case 'cell':
        return counts[position.row][position.column];
      case 'rowTotal':
        return rowSum(position.row);
      case 'columnTotal':
        return columnSum(position.column);
      case 'grandTotal':
        return counts.reduce((a, _, r) => a + rowSum(r), 0);
    }
  };
  const secondary = table.suppressed.filter((s) => s.reason === 'secondary');
  return {
    value: secondary.reduce((sum, s) => sum + value(s.position), 0),
    cells: secondary.length,
  };
}

/**
 * How complements are priced: `least-loss` (value, then one per cell; zeros allowed) or
 * `value-only` (the earlier rule: value, never a zero). Both are tried unless one is named.
 */
export type SuppressionPricing = 'least-loss' | 'value-only';
type Pricing = SuppressionPricing;
const PRICINGS: readonly Pricing[] = ['least-loss', 'value-only'];

function secondarySuppression(
  counts: readonly (readonly number[])[],
  margins: SuppressionMargins,
  threshold: number,
  pricing: Pricing,
): Entry[] {
  const entries = buildEntries(counts, margins);
  for (const entry of entries) {
    if (entry.value > 0 && entry.value < threshold) {
      entry.status = 'primary';
    }
  }
  // Primary inner cells first, then small totals; cells hidden on the way are safe by construction.
  for (const entry of entries.filter((e) => e.status === 'primary')) {
    const cycle = cheapestProtectingCycle(entries, entry, threshold, pricing);
    if (cycle === null) {
      // Unreachable: with every non-zero value hidden, each one lies on such a cycle.
      throw new Error(`Cannot protect ${JSON.stringify(entry.position)}`);
    }
    for (const other of cycle) {
      if (other.status === 'shown') {
        other.status = 'secondary';
      }
    }
  }
  return entries;
}

export function isSuppressed(value: PublishedCount): value is string {
  return typeof value === 'string';
}

/**
 * A mean or share derived from counts is withheld (null) when any count it rests on is hidden —
 * otherwise it could give the hidden count back.
 */
export function suppressDerived(
  value: number | null,
  basis: readonly PublishedCount[],
): number | null {
  return value === null || !Number.isFinite(value) || basis.some(isSuppressed) ? null : value;
}

/** Whether a hidden entry's value may move by `delta` within what the attacker knows. */
function canMove(entry: Entry, delta: number, threshold: number): boolean {
  const moved = entry.value + delta;
  if (entry.status === 'primary' && entry.position.kind === 'cell') {
    return moved >= 1 && moved <= threshold - 1;
  }
  return moved >= 0;
}

/**
 * The shown entries to hide so that `target` lies on a feasible alternating cycle, cheapest first
 * (empty when it already does); null when no cycle exists even with every shown non-zero entry.
 */
function cheapestProtectingCycle(
  entries: readonly Entry[],
  target: Entry,
  threshold: number,
  pricing: Pricing,
): Entry[] | null {
  // Least loss: value first, then one unit per cell (so fewer cells win a tie).
  const perCell = pricing === 'least-loss' ? 1 : 0;
  const scale = pricing === 'least-loss' ? entries.length + 1 : 1;
  let best: { cost: number; path: Entry[] } | null = null;
  for (const direction of [1, -1] as const) {
    // Going from the row-side vertex to the column-side one is a step of +direction (σ-flipped).
    if (!canMove(target, target.sign * direction, threshold)) {
      continue;
    }
    const arcs = entries.flatMap((entry) => {
      // A shown zero can only move up (canMove); the earlier pricing never used zeros.
      const usable =
        entry !== target &&
        (entry.status !== 'shown' || entry.value > 0 || pricing === 'least-loss');
      if (!usable) {
        return [];
      }
      const cost = entry.status === 'shown' ? entry.value * scale + perCell : 0;
      const forward = { entry, from: entry.rowEnd, to: entry.columnEnd, cost };
      const backward = { entry, from: entry.columnEnd, to: entry.rowEnd, cost };
      return [
        ...(canMove(entry, entry.sign * direction, threshold) ? [forward] : []),
        ...(canMove(entry, -entry.sign * direction, threshold) ? [backward] : []),
      ];
    });
    const found = shortestPath(arcs, target.columnEnd, target.rowEnd);
    if (found && (best === null || found.cost < best.cost)) {
      best = found;
    }
  }
  return best?.path ?? null;
}

interface Arc {
  entry: Entry;
  from: number;
  to: number;
  cost: number;
}

/** Dijkstra over the (small) set of line vertices. */
function shortestPath(
  arcs: readonly Arc[],
  source: number,
  goal: number,
): { cost: number; path: Entry[] } | null {
  const distance = new Map<number, number>([[source, 0]]);
  const via = new Map<number, Arc>();
  const settled = new Set<number>();
  for (;;) {
    let current: number | null = null;
    for (const [vertex, cost] of distance) {
      if (!settled.has(vertex) && (current === null || cost < (distance.get(current) ?? 0))) {
        current = vertex;
      }
    }
    if (current === null) {
      return null;
    }
    const cost = distance.get(current) ?? 0;
    if (current === goal) {
      const path: Entry[] = [];
      for (let arc = via.get(goal); arc; arc = via.get(arc.from)) {
        path.push(arc.entry);
      }
      return { cost, path };
    }
    settled.add(current);
    for (const arc of arcs) {
      const known = distance.get(arc.to);
      if (
        arc.from === current &&
        !settled.has(arc.to) &&
        (known === undefined || cost + arc.cost < known)
      ) {
        distance.set(arc.to, cost + arc.cost);
        via.set(arc.to, arc);
      }
    }
  }
}

/** One entry per inner cell and published total, joined to the lines it belongs to. */
function buildEntries(
  counts: readonly (readonly number[])[],
  margins: SuppressionMargins,
): Entry[] {
  const columns = counts[0]?.length ?? 0;
  let nextVertex = GROUND + 1;
  const line = (exists: boolean) => (exists ? nextVertex++ : GROUND);
  const grandOnly = margins.grandTotal && !margins.rowTotals && !margins.columnTotals;
  const grandLine = line(grandOnly);
  const rowLines = counts.map(() => line(margins.rowTotals));
  const columnLines = Array.from({ length: columns }, () => line(margins.columnTotals));
  // Σ column totals = grand total; Σ row totals = grand total.
  const totalsRowLine = line(margins.columnTotals && margins.grandTotal);
  const totalsColumnLine = line(margins.rowTotals && margins.grandTotal);
  const rowSums = counts.map((row) => row.reduce((sum, value) => sum + value, 0));
  const columnSums = Array.from({ length: columns }, (_, c) =>
    counts.reduce((sum, row) => sum + row[c], 0),
  );
  const entry = (
    position: TablePosition,
    value: number,
    rowEnd: number,
    columnEnd: number,
    sign: 1 | -1,
  ): Entry => ({ position, value, rowEnd, columnEnd, sign, status: 'shown' });

  const entries = counts.flatMap((row, r) =>
    row.map((value, c) =>
      grandOnly
        ? entry({ kind: 'cell', row: r, column: c }, value, grandLine, GROUND, 1)
        : entry({ kind: 'cell', row: r, column: c }, value, rowLines[r], columnLines[c], 1),
    ),
  );
  if (margins.rowTotals) {
    rowSums.forEach((value, r) =>
      entries.push(entry({ kind: 'rowTotal', row: r }, value, rowLines[r], totalsColumnLine, -1)),
    );
  }
  if (margins.columnTotals) {
    columnSums.forEach((value, c) =>
      entries.push(
        entry({ kind: 'columnTotal', column: c }, value, totalsRowLine, columnLines[c], -1),
      ),
    );
  }
  if (margins.grandTotal) {
    const total = rowSums.reduce((sum, value) => sum + value, 0);
    entries.push(
      grandOnly
        ? entry({ kind: 'grandTotal' }, total, grandLine, GROUND, -1)
        : entry({ kind: 'grandTotal' }, total, totalsRowLine, totalsColumnLine, 1),
    );
  }
  return entries;
}

function publish(
  counts: readonly (readonly number[])[],
  margins: SuppressionMargins,
  entries: readonly Entry[],
  threshold: number,
): SuppressedTable {
  const marker = `<${threshold}`;
  const shown = (entry: Entry): PublishedCount =>
    entry.status === 'shown' ? entry.value : entry.status === 'primary' ? marker : SECONDARY_MARKER;
  const byKind = <K extends TablePosition['kind']>(kind: K) =>
    entries.filter((entry) => entry.position.kind === kind);
  const cells = counts.map((row) => row.map((): PublishedCount => 0));
  for (const entry of entries) {
    if (entry.position.kind === 'cell') {
      cells[entry.position.row][entry.position.column] = shown(entry);
    }
  }
  const grand = byKind('grandTotal')[0];
  return {
    threshold,
    marker,
    cells,
    rowTotals: margins.rowTotals ? byKind('rowTotal').map(shown) : null,
    columnTotals: margins.columnTotals ? byKind('columnTotal').map(shown) : null,
    grandTotal: grand ? shown(grand) : null,
    suppressed: entries.flatMap((entry) =>
      entry.status === 'shown' ? [] : [{ position: entry.position, reason: entry.status }],
    ),
  };
}

function assertTable(counts: readonly (readonly number[])[], threshold: number): void {
  if (!Number.isInteger(threshold) || threshold < 3) {
    throw new RangeError(`The suppression threshold must be an integer ≥ 3, not ${threshold}`);
  }
  const columns = counts[0]?.length ?? 0;
  for (const row of counts) {
    if (row.length !== columns) {
      throw new RangeError('Every row of the table must have the same number of columns');
    }
    if (row.some((value) => !Number.isInteger(value) || value < 0)) {
      throw new RangeError('Counts must be non-negative integers');
    }
  }
}
