import loadHighs from 'highs';

/*
 * A thin wrapper over HiGHS (WebAssembly) for the small linear programs of the suppression audit:
 * continuous variables with bounds, equality rows, one linear objective. A component of a report
 * has at most a few hundred variables. `LinearModel` keeps one native model for several
 * objectives over the same constraints (warm-started, well under a millisecond a solve).
 */

type Highs = Awaited<ReturnType<typeof loadHighs>>;

let loading: Promise<Highs> | null = null;

/** The solver, compiled once per process. */
export function linearSolver(): Promise<Highs> {
  loading ??= loadHighs();
  return loading;
}

export interface LinearProgram {
  /** Number of variables x0 … x(n−1). */
  variables: number;
  lower: readonly number[];
  /** Infinity = no upper bound. */
  upper: readonly number[];
  /** Rows Σ coefficient·x = 0, as sparse [variable, coefficient] lists. */
  equalities: readonly (readonly [number, number][])[];
  /** Sparse objective; minimised. */
  objective: readonly [number, number][];
}

/** One feasible region, minimised for one objective after another; dispose() when done. */
export class LinearModel {
  private readonly model: ReturnType<Highs['createModel']>;

  constructor(
    private readonly highs: Highs,
    private readonly lp: Omit<LinearProgram, 'objective'>,
  ) {
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    const rows = lp.equalities.filter((row) => row.length > 0);
    for (const row of rows) {
      for (const [v, c] of row) {
        indices.push(v);
        values.push(c);
      }
      starts.push(indices.length);
    }
    const infinite = (x: number) => (Number.isFinite(x) ? x : highs.infinity);
    this.model = highs.createModel({
      numCols: lp.variables,
      numRows: rows.length,
      colCost: new Array<number>(lp.variables).fill(0),
      colLower: lp.lower.map(infinite),
      colUpper: lp.upper.map(infinite),
      rowLower: new Array<number>(rows.length).fill(0),
      rowUpper: new Array<number>(rows.length).fill(0),
      matrix: {
        format: 'csr',
        numRows: rows.length,
        numCols: lp.variables,
        starts,
        indices,
        values,
      },
    });
    this.model.options.set('output_flag', false);
  }

  /** The optimal point for this objective, or null when infeasible. */
  /** Whether the last minimise() found the objective unbounded below (no least value). */
  unbounded = false;

  minimise(objective: readonly [number, number][]): number[] | null {
    const cost = new Array<number>(this.lp.variables).fill(0);
    for (const [v, c] of objective) cost[v] += c;
    if (this.lp.variables > 0) {
      this.model.changeColsCost({ kind: 'range', from: 0, to: this.lp.variables - 1 }, cost);
    }
    const result = this.model.run();
    const status = this.highs.constants.modelStatus;
    // The region holds the true values, so "unbounded or infeasible" is unbounded.
    this.unbounded =
      result.modelStatus === status.unbounded ||
      result.modelStatus === status.unboundedOrInfeasible;
    if (result.modelStatus !== status.optimal) return null;
    return [...this.model.getSolution().colValue];
  }

  dispose(): void {
    this.model.dispose();
  }
}
