import { type PublishedCount, SECONDARY_MARKER } from '@stegvis/domain';
import { LinearModel, type LinearProgram, linearSolver } from './linear-program';

/*
 * Report-wide small-cell suppression (docs/reports.md "Suppression").
 *
 * Every published count of a report is a cell with an id — one id for one quantity, however many
 * tables show it — and every linear identity between them (a table's row, column and grand totals,
 * and identities across tables) is a relation `total = Σ parts`. The engine decides, for all
 * cells at once, which are shown, which are hidden because they are small ("primary", published as
 * "<k") and which are hidden only to protect another ("secondary", published as "x").
 *
 * The attacker knows every shown value and every relation, that counts are non-negative integers,
 * and that a "<k" cell lies in 1…k−1. A hidden cell that needs protection (a primary cell, a cell
 * hidden along with another, a small unpublished count) is protected when the attacker cannot pin
 * its exact value: the linear programs min x and max x over everything the attacker knows leave
 * at least two integers. (The LP relaxation: where the real and the integer range differ it errs
 * on the unsafe side; for sums within one table they agree. The whole-report property test
 * attacks the decisions with integer programs.)
 *
 * How: the relations split the cells into connected components, each solved on its own. In a
 * component, a few LP solutions with random objectives prove most hidden cells safe (a cell seen
 * at two integers is not pinned); the rest get a targeted min and max. For a pinned cell, one more
 * LP finds the cheapest way to move it by one — a perturbation y that keeps every relation and
 * every bound, costing (value + ε) per unit for each shown cell it touches, nothing for hidden
 * ones — and the shown cells it touches are hidden. That is the shortest alternating cycle of a
 * two-way table generalised to any set of relations: smallest cells first, a zero where a zero can
 * move, fewest cells on a tie. Hiding more never makes a safe cell unsafe, so safe cells stay
 * proven and only the rest are audited again.
 */

export type CellDecision = 'shown' | 'primary' | 'secondary';

export interface CountOptions {
  /**
   * A count of people (or placements): hidden as primary when 1…k−1 (default true). Activity
   * counts (attendances) are false: hidden only along with another cell.
   */
  small?: boolean;
  /**
   * false = never published, only known to the engine (e.g. "not moved forward" = assessed −
   * moved): always hidden; protected like a primary cell when small.
   */
  published?: boolean;
  /**
   * What hiding it costs, per unit of its value (default 1). A figure the funder asks for first
   * (the participants in the period, by gender) costs more, so that the engine hides inner cells
   * of the background tables before it, even when they add up to a little more.
   */
  weight?: number;
}

export interface Cell {
  id: string;
  value: number;
  small: boolean;
  published: boolean;
  /** Cost of hiding, per unit of value. */
  weight: number;
  hidden: boolean;
  reason: 'primary' | 'secondary' | null;
  /** Must not be pinned by the attacker. */
  protect: boolean;
  /** Decided by an earlier solve() and published: kept as it is (see lock()). */
  locked: boolean;
}

interface Relation {
  total: number;
  parts: number[];
}

/** A position in the engine's registrations (see exportSince). */
export interface EngineMark {
  cells: number;
  relations: number;
  links: number;
}

/** Decided cells with the relations and links registered with them, as plain JSON. */
export interface EngineState {
  cells: Omit<Cell, 'locked'>[];
  /** `[total, ...parts]` */
  relations: string[][];
  links: [string, string][];
}

export interface SuppressionStats {
  components: number;
  linearPrograms: number;
  milliseconds: number;
}

/**
 * What a report's table builders need of the engine: the engine itself, or a view of it in which
 * every id carries a prefix (scopedPlan), so that several reports can share one engine.
 */
export interface SuppressionPlan {
  readonly threshold: number;
  count(id: string, value: number, options?: CountOptions): string;
  valueOf(id: string): number | undefined;
  relation(total: string, parts: readonly string[]): void;
  hideWith(source: string, target: string): void;
  suggest(ids: readonly string[]): void;
}

/** What the builders read back after solve(). */
export interface Decisions {
  status(id: string): CellDecision;
  published(id: string): PublishedCount;
}

/** The plan seen through a prefix: ids go in as `${prefix}${id}` and come back as given. */
export function scopedPlan(plan: SuppressionPlan, prefix: string): SuppressionPlan {
  const at = (id: string) => `${prefix}${id}`;
  return {
    threshold: plan.threshold,
    count: (id, value, options) => {
      plan.count(at(id), value, options);
      return id;
    },
    valueOf: (id) => plan.valueOf(at(id)),
    relation: (total, parts) => plan.relation(at(total), parts.map(at)),
    hideWith: (source, target) => plan.hideWith(at(source), at(target)),
    suggest: (ids) => plan.suggest(ids.map(at)),
  };
}

/** The decisions seen through the same prefix. */
export function scopedDecisions(decisions: Decisions, prefix: string): Decisions {
  return {
    status: (id) => decisions.status(`${prefix}${id}`),
    published: (id) => decisions.published(`${prefix}${id}`),
  };
}

/** What the engine decided: the status and published form of every cell. */
export class SuppressionDecisions implements Decisions {
  constructor(
    private readonly cells: ReadonlyMap<string, Cell>,
    readonly threshold: number,
    readonly stats: SuppressionStats,
  ) {}

  status(id: string): CellDecision {
    const cell = this.cell(id);
    return cell.hidden ? (cell.reason ?? 'secondary') : 'shown';
  }

  /** The number, `"<k"` for a small cell, `"x"` for a cell hidden to protect another. */
  published(id: string): PublishedCount {
    const status = this.status(id);
    if (status === 'shown') return this.cell(id).value;
    return status === 'primary' ? `<${this.threshold}` : SECONDARY_MARKER;
  }

  private cell(id: string): Cell {
    const cell = this.cells.get(id);
    if (!cell) throw new Error(`No cell '${id}' was registered`);
    return cell;
  }
}

/** What hiding a shown cell costs: its value times its weight. */
function costOf(cell: Cell): number {
  return cell.value * cell.weight;
}

/** Cost of hiding a cell: its value, plus a little per cell so fewer cells win a tie. */
const PER_CELL = 0.01;
const RANDOM_OBJECTIVES = 3;
const TOLERANCE = 1e-6;

export class ReportSuppression implements SuppressionPlan {
  private readonly cells = new Map<string, Cell>();
  private readonly order: Cell[] = [];
  private readonly relations: { total: string; parts: string[] }[] = [];
  private readonly links: [string, string][] = [];
  private readonly suggestions: string[] = [];

  constructor(readonly threshold: number) {
    if (!Number.isInteger(threshold) || threshold < 3) {
      throw new RangeError(`The suppression threshold must be an integer ≥ 3, not ${threshold}`);
    }
  }

  /** Registers a count (again: the same value must be given). Returns the id. */
  count(id: string, value: number, options: CountOptions = {}): string {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`Cell '${id}': counts are non-negative integers, not ${value}`);
    }
    const known = this.cells.get(id);
    if (known) {
      if (known.value !== value) {
        throw new Error(`Cell '${id}' registered with ${known.value} and ${value}`);
      }
      return id;
    }
    const cell: Cell = {
      id,
      value,
      small: options.small ?? true,
      published: options.published ?? true,
      weight: options.weight ?? 1,
      hidden: false,
      reason: null,
      protect: false,
      locked: false,
    };
    this.cells.set(id, cell);
    this.order.push(cell);
    return id;
  }

  /** Every registered id, in the order registered. */
  ids(): string[] {
    return this.order.map((cell) => cell.id);
  }

  /** The value registered under `id`, or undefined. */
  valueOf(id: string): number | undefined {
    return this.cells.get(id)?.value;
  }

  /** `total = Σ parts`; every id must be registered (before solve). */
  relation(total: string, parts: readonly string[]): void {
    this.relations.push({ total, parts: [...parts] });
  }

  /** Whenever `source` is hidden, `target` is hidden too (and protected). */
  hideWith(source: string, target: string): void {
    this.links.push([source, target]);
  }

  /**
   * Complements another rule chose for part of the report (a table's own shortest cycles,
   * libs/domain suppressSmallCells): the engine also starts from them, completes and prunes, and
   * keeps whichever result hides less — so it never hides more than that rule would.
   */
  suggest(ids: readonly string[]): void {
    if (ids.length > 0) this.suggestions.push(...ids);
  }

  /**
   * Keeps every cell decided so far as it is: a later solve() (after more cells and relations
   * were registered — the next report of a series) never shows a hidden one or hides a shown one,
   * but still checks that no hidden value of theirs can be pinned, hiding new cells if need be.
   */
  lock(): void {
    for (const cell of this.order) cell.locked = true;
    this.suggestions.length = 0;
  }

  /** Where the engine is now: exportSince(mark) gives what was registered after it. */
  mark(): EngineMark {
    return {
      cells: this.order.length,
      relations: this.relations.length,
      links: this.links.length,
    };
  }

  /**
   * The cells, relations and links registered since `mark`, with their decisions: what a later
   * engine needs to restore() a report that was decided and published (a fixed period).
   */
  exportSince(mark: EngineMark): EngineState {
    return {
      cells: this.order.slice(mark.cells).map((cell) => ({
        id: cell.id,
        value: cell.value,
        small: cell.small,
        published: cell.published,
        weight: cell.weight,
        hidden: cell.hidden,
        reason: cell.reason,
        protect: cell.protect,
      })),
      relations: this.relations.slice(mark.relations).map((r) => [r.total, ...r.parts]),
      links: this.links.slice(mark.links).map(([source, target]) => [source, target]),
    };
  }

  /**
   * Adds what exportSince() gave, locked: decided before and kept as it is. Relations and links
   * that name a cell this engine does not hold (one of a period before it, not restored) are left
   * out.
   */
  restore(state: EngineState): void {
    for (const stored of state.cells) {
      if (this.cells.has(stored.id)) throw new Error(`Cell '${stored.id}' restored twice`);
      const cell: Cell = { ...stored, locked: true };
      this.cells.set(cell.id, cell);
      this.order.push(cell);
    }
    const known = (ids: readonly string[]) => ids.every((id) => this.cells.has(id));
    for (const [total, ...parts] of state.relations) {
      if (known([total, ...parts])) this.relations.push({ total, parts });
    }
    for (const [source, target] of state.links) {
      if (known([source, target])) this.links.push([source, target]);
    }
  }

  async solve(): Promise<SuppressionDecisions> {
    const started = performance.now();
    const highs = await linearSolver();
    const k = this.threshold;
    const index = new Map(this.order.map((cell, i) => [cell.id, i]));
    const at = (id: string): number => {
      const i = index.get(id);
      if (i === undefined) throw new Error(`Relation names unregistered cell '${id}'`);
      return i;
    };
    const relations: Relation[] = this.relations.map((r) => ({
      total: at(r.total),
      parts: r.parts.map(at),
    }));
    for (const r of relations) {
      const sum = r.parts.reduce((s, p) => s + this.order[p].value, 0);
      if (sum !== this.order[r.total].value) {
        throw new Error(
          `Relation ${this.order[r.total].id} = Σ(${r.parts.map((p) => this.order[p].id).join(', ')}) does not hold`,
        );
      }
    }
    const components = connectedComponents(
      this.order.length,
      relations,
      (i) => this.order[i].locked && !this.order[i].hidden,
    );
    const stats: SuppressionStats = {
      components: components.length,
      linearPrograms: 0,
      milliseconds: 0,
    };
    const solver = new ComponentSolver(highs, this.order, k, stats);
    const follow = (): boolean => {
      let changed = false;
      for (const [source, target] of this.links) {
        const s = this.order[at(source)];
        const t = this.order[at(target)];
        if (s.hidden && !t.locked && !(t.hidden && t.protect)) {
          if (!t.hidden) t.reason = 'secondary';
          t.hidden = true;
          t.protect = true;
          changed = true;
        }
      }
      return changed;
    };
    // Components of locked cells only were decided before and stay as they are.
    const open = components.filter((c) => c.cells.some((i) => !this.order[i].locked));
    /** One pass from the primaries (and a seed of complements); returns what it hides. */
    const run = (seed: readonly number[]): number => {
      for (const cell of this.order) {
        if (cell.locked) continue;
        const small = cell.small && cell.value > 0 && cell.value < k;
        cell.hidden = !cell.published || small;
        cell.reason = cell.published && small ? 'primary' : null;
        cell.protect = small;
      }
      for (const i of seed) {
        const cell = this.order[i];
        if (!cell.hidden && !cell.locked) {
          cell.hidden = true;
          cell.reason = 'secondary';
        }
      }
      const safe = new Set<number>();
      // Hiding a cell can hide its followers, which can need complements of their own.
      follow();
      do {
        for (const component of open) solver.protect(component, safe, seed.length > 0);
      } while (follow());
      return this.order.reduce(
        (loss, cell) =>
          !cell.locked &&
          cell.hidden &&
          cell.published &&
          cell.reason === 'secondary' &&
          !cell.protect
            ? loss + costOf(cell)
            : loss,
        0,
      );
    };
    const state = () => this.order.map((c) => [c.hidden, c.reason, c.protect] as const);
    const first = run([]);
    const seed = [...new Set(this.suggestions.map(at))];
    // What the suggested complements alone would cost: a second pass can only pay off when the
    // first one hid more than that (pruning may then show some of them again).
    const suggested = seed.reduce((sum, i) => {
      const cell = this.order[i];
      const small = cell.small && cell.value > 0 && cell.value < k;
      return cell.published && !small ? sum + costOf(cell) : sum;
    }, 0);
    if (seed.length > 0 && first > suggested) {
      const kept = state();
      const seeded = run(seed);
      if (seeded > first) {
        kept.forEach(([hidden, reason, protect], i) => {
          Object.assign(this.order[i], { hidden, reason, protect });
        });
      }
    }
    stats.milliseconds = performance.now() - started;
    return new SuppressionDecisions(this.cells, k, stats);
  }
}

interface Component {
  cells: number[];
  relations: Relation[];
}

/**
 * The relations split the cells into components solved on their own. A constant (a cell published
 * as a number by an earlier report of the series) links nothing: it joins each component whose
 * relations name it as a fixed value, so that a series of reports stays a set of small problems.
 */
function connectedComponents(
  size: number,
  relations: readonly Relation[],
  constant: (i: number) => boolean,
): Component[] {
  const parent = Array.from({ length: size }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const free = (r: Relation) => [r.total, ...r.parts].filter((i) => !constant(i));
  for (const r of relations) {
    const [first, ...rest] = free(r);
    for (const p of rest) parent[find(p)] = find(first);
  }
  const byRoot = new Map<number, Component & { members: Set<number> }>();
  for (let i = 0; i < size; i++) {
    if (constant(i)) continue;
    const root = find(i);
    const component = byRoot.get(root) ?? { cells: [], relations: [], members: new Set() };
    component.cells.push(i);
    component.members.add(i);
    byRoot.set(root, component);
  }
  for (const r of relations) {
    const [first] = free(r);
    if (first === undefined) continue; // every value published: nothing to decide
    const component = byRoot.get(find(first));
    if (!component) continue;
    component.relations.push(r);
    for (const i of [r.total, ...r.parts]) {
      if (component.members.has(i)) continue;
      component.members.add(i);
      component.cells.push(i);
    }
  }
  return [...byRoot.values()].map(({ cells, relations: rs }) => ({ cells, relations: rs }));
}

type Highs = Awaited<ReturnType<typeof linearSolver>>;

class ComponentSolver {
  constructor(
    private readonly highs: Highs,
    private readonly cells: readonly Cell[],
    private readonly k: number,
    private readonly stats: SuppressionStats,
  ) {}

  /** Hides complements until no cell of the component that needs protection is pinned. */
  protect(component: Component, safe: Set<number>, prune = false): void {
    let hid = prune;
    for (;;) {
      const open = component.cells.filter((i) => this.cells[i].protect && !safe.has(i));
      const pinned = open.length === 0 ? [] : this.audit(component, open, safe);
      if (pinned.length === 0) {
        if (hid) this.prune(component);
        return;
      }
      hid = true;
      // Each pinned cell in turn; complements hidden for one often free the next (cost 0).
      for (const target of pinned) {
        const complements = this.cheapestPerturbation(component, target);
        if (complements === null) {
          this.relax(component, target);
          break;
        }
        for (const i of complements) {
          this.cells[i].hidden = true;
          this.cells[i].reason = 'secondary';
        }
      }
    }
  }

  /**
   * Complements chosen one pinned cell at a time can turn out unneeded once later ones are hidden:
   * each is shown again, largest first, when every protected cell stays safe without it.
   */
  private prune(component: Component): void {
    const complements = component.cells
      .filter((i) => {
        const cell = this.cells[i];
        return (
          !cell.locked &&
          cell.hidden &&
          cell.published &&
          cell.reason === 'secondary' &&
          !cell.protect
        );
      })
      .sort((a, b) => costOf(this.cells[b]) - costOf(this.cells[a]));
    const guarded = component.cells.filter((i) => this.cells[i].protect);
    for (const i of complements) {
      const cell = this.cells[i];
      cell.hidden = false;
      cell.reason = null;
      if (this.audit(component, guarded, new Set(), true).length > 0) {
        cell.hidden = true;
        cell.reason = 'secondary';
      }
    }
  }

  /**
   * No set of hidden cells can move `target`: the "<k" bounds pin it (e.g. a total of 2 whose two
   * parts are 1, k = 3: both parts ≥ 1, the total ≤ 2). Then a small cell — the target, else the
   * largest small cell beside it — is published as "x" instead of "<k", and the attacker loses
   * its bound 1…k−1.
   */
  private relax(component: Component, target: number): void {
    // A published (locked) cell keeps its marker: only this report's cells can change.
    const primary = (i: number) =>
      !this.cells[i].locked && this.cells[i].hidden && this.cells[i].reason === 'primary';
    const beside = new Set(
      component.relations
        .filter((r) => r.total === target || r.parts.includes(target))
        .flatMap((r) => [r.total, ...r.parts]),
    );
    const byValue = (cells: number[]) =>
      cells.sort((a, b) => this.cells[b].value - this.cells[a].value)[0];
    const chosen = primary(target)
      ? target
      : (byValue(component.cells.filter((i) => primary(i) && beside.has(i))) ??
        byValue(component.cells.filter(primary)));
    if (chosen !== undefined) {
      this.cells[chosen].reason = 'secondary';
      return;
    }
    // Only when the LP relaxation moves a value no integer solution does: widen step by step.
    const shown = component.cells.filter((i) => !this.cells[i].hidden && !this.cells[i].locked);
    const smallest = shown.sort((a, b) => this.cells[a].value - this.cells[b].value)[0];
    if (smallest === undefined) throw new Error(`Cannot protect cell '${this.cells[target].id}'`);
    this.cells[smallest].hidden = true;
    this.cells[smallest].reason = 'secondary';
  }

  /** The attacker's bounds on a cell. */
  private bounds(cell: Cell): [number, number] {
    if (!cell.hidden) return [cell.value, cell.value];
    if (cell.reason === 'primary') return [1, this.k - 1];
    return [0, Infinity];
  }

  /** Marks open cells safe where the attacker can't pin them; returns the pinned ones. */
  private audit(
    component: Component,
    open: readonly number[],
    safe: Set<number>,
    firstOnly = false,
  ): number[] {
    const local = new Map(component.cells.map((cell, v) => [cell, v]));
    const base: Omit<LinearProgram, 'objective'> = {
      variables: component.cells.length,
      lower: component.cells.map((i) => this.bounds(this.cells[i])[0]),
      upper: component.cells.map((i) => this.bounds(this.cells[i])[1]),
      equalities: component.relations.map((r) => relationRow(r, local)),
    };
    const seen = new Map(open.map((i) => [i, [this.cells[i].value, this.cells[i].value]]));
    const widen = (point: number[] | null) => {
      if (!point) return;
      for (const [i, range] of seen) {
        const x = point[local.get(i) ?? 0];
        range[0] = Math.min(range[0], x);
        range[1] = Math.max(range[1], x);
      }
    };
    const model = new LinearModel(this.highs, base);
    // Every solution widens every open cell's range: one solve often settles several cells.
    const solve = (objective: [number, number][]) => {
      this.stats.linearPrograms += 1;
      widen(model.minimise(objective));
    };
    try {
      const random = seededRandom(component.cells[0] + 1);
      for (let round = 0; round < RANDOM_OBJECTIVES && open.length > 1; round++) {
        solve(component.cells.map((_, v): [number, number] => [v, random() * 2 - 1]));
      }
      const pinned: number[] = [];
      for (const [i, range] of seen) {
        const v = local.get(i) ?? 0;
        // One side at a time: the other side may already hold a second integer. A side without
        // bound (a cell published as "x" has none above) holds any number of integers.
        if (!twoIntegers(range)) {
          solve([[v, 1]]);
          if (model.unbounded) range[0] = -Infinity;
        }
        if (!twoIntegers(range)) {
          solve([[v, -1]]);
          if (model.unbounded) range[1] = Infinity;
        }
        if (twoIntegers(range)) safe.add(i);
        else pinned.push(i);
        if (firstOnly && pinned.length > 0) break;
      }
      return pinned;
    } finally {
      model.dispose();
    }
  }

  /**
   * The shown cells to hide so that `target` can move by one: the least-cost feasible
   * perturbation (y = up − down per cell) over both directions; null when none exists.
   */
  private cheapestPerturbation(component: Component, target: number): number[] | null {
    const n = component.cells.length;
    const local = new Map(component.cells.map((cell, v) => [cell, v]));
    const t = local.get(target) ?? 0;
    let best: { cost: number; cells: number[] } | null = null;
    for (const direction of [1, -1]) {
      const lower: number[] = [];
      const upper: number[] = [];
      const objective: [number, number][] = [];
      component.cells.forEach((i, v) => {
        const cell = this.cells[i];
        // Room to move: a shown cell would become secondary (≥ 0); a published one cannot move.
        const [low, high] = cell.hidden
          ? this.bounds(cell)
          : cell.locked
            ? [cell.value, cell.value]
            : [0, Infinity];
        lower.push(0, 0);
        upper.push(high - cell.value, cell.value - low);
        if (!cell.hidden) {
          const cost = costOf(cell) + PER_CELL;
          objective.push([2 * v, cost], [2 * v + 1, cost]);
        }
      });
      const up = direction > 0 ? 2 * t : 2 * t + 1;
      if (upper[up] < 1) continue;
      lower[up] = 1;
      upper[up] = 1;
      upper[direction > 0 ? 2 * t + 1 : 2 * t] = 0;
      const equalities = component.relations.map((r) =>
        relationRow(r, local).flatMap(([v, c]): [number, number][] => [
          [2 * v, c],
          [2 * v + 1, -c],
        ]),
      );
      const point = this.solve({ variables: 2 * n, lower, upper, equalities, objective });
      if (!point) continue;
      const cells = component.cells.filter(
        (i, v) => !this.cells[i].hidden && Math.abs(point[2 * v] - point[2 * v + 1]) > TOLERANCE,
      );
      const cost = cells.reduce((s, i) => s + costOf(this.cells[i]) + PER_CELL, 0);
      if (best === null || cost < best.cost) best = { cost, cells };
    }
    return best?.cells ?? null;
  }

  private solve(lp: LinearProgram): number[] | null {
    this.stats.linearPrograms += 1;
    const model = new LinearModel(this.highs, lp);
    try {
      return model.minimise(lp.objective);
    } finally {
      model.dispose();
    }
  }
}

function relationRow(r: Relation, local: ReadonlyMap<number, number>): [number, number][] {
  return [
    [local.get(r.total) ?? 0, 1],
    ...r.parts.map((p): [number, number] => [local.get(p) ?? 0, -1]),
  ];
}

/** Whether [min, max] holds at least two integers (the value is not pinned). */
function twoIntegers([min, max]: readonly number[]): boolean {
  return Math.floor(max + TOLERANCE) - Math.ceil(min - TOLERANCE) >= 1;
}

/** mulberry32: the screening is reproducible (the same report hides the same cells). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
