import type { ActionPlan, PlanStep, PlanStepStatus } from '@stegvis/contracts';

/** A step as the editor holds it: `key` is the id, or a local one for a step not saved yet. */
export interface DraftStep {
  key: string;
  id?: string;
  text: string;
  status: PlanStepStatus;
  dueDate: string | null;
  responsible: string | null;
  concernsPlacement: boolean;
}

export interface DraftPlan {
  goal: string;
  steps: DraftStep[];
}

export type Side = 'mine' | 'theirs';

/**
 * One row of the conflict view.
 * - `both`: the step is in both versions (possibly different);
 * - `mineOnly`: only in my draft (I added it, or the other coach removed it);
 * - `theirsOnly`: only in their version (they added it, or I removed it).
 * For one-sided rows, choosing the side that lacks the step means leaving it out.
 */
export interface ConflictRow {
  key: string;
  presence: 'both' | 'mineOnly' | 'theirsOnly';
  mine: DraftStep | null;
  theirs: DraftStep | null;
  /** Both sides changed it differently from where I started (a real clash to decide). */
  clash: boolean;
  differs: boolean;
  suggested: Side;
}

export interface PlanConflict {
  goal: { mine: string; theirs: string; differs: boolean; clash: boolean; suggested: Side };
  rows: ConflictRow[];
  theirsVersion: number;
}

export function draftFromPlan(plan: Pick<ActionPlan, 'goal' | 'steps'>): DraftPlan {
  return { goal: plan.goal, steps: plan.steps.map(draftStep) };
}

export function draftStep(step: PlanStep): DraftStep {
  return {
    key: step.id,
    id: step.id,
    text: step.text,
    status: step.status,
    dueDate: step.dueDate,
    responsible: step.responsible,
    concernsPlacement: step.concernsPlacement,
  };
}

export function sameStep(
  a: DraftStep | null | undefined,
  b: DraftStep | null | undefined,
): boolean {
  if (!a || !b) return a === b;
  return (
    a.text.trim() === b.text.trim() &&
    a.status === b.status &&
    (a.dueDate || null) === (b.dueDate || null) &&
    (a.responsible?.trim() || null) === (b.responsible?.trim() || null) &&
    a.concernsPlacement === b.concernsPlacement
  );
}

/**
 * Lines up my draft (started from `base`) with the version another coach saved meanwhile.
 * The suggestion for each row takes the side that changed it; where both changed it, mine
 * is suggested (nothing typed is lost) and the row is marked as a clash for the coach to decide.
 */
export function buildConflict(base: DraftPlan, mine: DraftPlan, theirs: ActionPlan): PlanConflict {
  const theirsDraft = draftFromPlan(theirs);
  const baseByKey = new Map(base.steps.map((s) => [s.key, s]));
  const theirsByKey = new Map(theirsDraft.steps.map((s) => [s.key, s]));
  const mineKeys = new Set(mine.steps.map((s) => s.key));
  const rows: ConflictRow[] = [];

  for (const step of mine.steps) {
    const other = theirsByKey.get(step.key) ?? null;
    const before = baseByKey.get(step.key);
    if (other) {
      const differs = !sameStep(step, other);
      const mineChanged = !sameStep(step, before);
      const theirsChanged = !sameStep(other, before);
      rows.push({
        key: step.key,
        presence: 'both',
        mine: step,
        theirs: other,
        differs,
        clash: differs && mineChanged && theirsChanged,
        suggested: differs && theirsChanged && !mineChanged ? 'theirs' : 'mine',
      });
    } else {
      // Mine only: new here (keep), or removed by the other coach (keep unless I never touched it).
      const removedByThem = before !== undefined;
      const untouched = removedByThem && sameStep(step, before);
      rows.push({
        key: step.key,
        presence: 'mineOnly',
        mine: step,
        theirs: null,
        differs: true,
        clash: removedByThem && !untouched,
        suggested: untouched ? 'theirs' : 'mine',
      });
    }
  }
  for (const other of theirsDraft.steps) {
    if (mineKeys.has(other.key)) continue;
    // Theirs only: added by them (take it), or removed by me (leave it out unless they changed it).
    const before = baseByKey.get(other.key);
    const removedByMe = before !== undefined;
    const changedByThem = removedByMe && !sameStep(other, before);
    rows.push({
      key: other.key,
      presence: 'theirsOnly',
      mine: null,
      theirs: other,
      differs: true,
      clash: changedByThem,
      suggested: removedByMe && !changedByThem ? 'mine' : 'theirs',
    });
  }

  const goalDiffers = mine.goal.trim() !== theirs.goal.trim();
  const mineGoalChanged = mine.goal.trim() !== base.goal.trim();
  const theirsGoalChanged = theirs.goal.trim() !== base.goal.trim();
  return {
    goal: {
      mine: mine.goal,
      theirs: theirs.goal,
      differs: goalDiffers,
      clash: goalDiffers && mineGoalChanged && theirsGoalChanged,
      suggested: goalDiffers && theirsGoalChanged && !mineGoalChanged ? 'theirs' : 'mine',
    },
    rows,
    theirsVersion: theirs.version,
  };
}

export interface MergeChoices {
  goal: Side;
  rows: Record<string, Side>;
}

export function suggestedChoices(conflict: PlanConflict): MergeChoices {
  return {
    goal: conflict.goal.suggested,
    rows: Object.fromEntries(conflict.rows.map((r) => [r.key, r.suggested])),
  };
}

/** The plan the chosen sides make: my order, with steps only they have placed after their neighbour. */
export function mergePlan(conflict: PlanConflict, choices: MergeChoices): DraftPlan {
  const steps: DraftStep[] = [];
  for (const row of conflict.rows) {
    const side = choices.rows[row.key] ?? row.suggested;
    const chosen = side === 'mine' ? row.mine : row.theirs;
    if (chosen) steps.push({ ...chosen });
  }
  return {
    goal: (choices.goal === 'theirs' ? conflict.goal.theirs : conflict.goal.mine) ?? '',
    steps,
  };
}

/** Everything the other coach saved, nothing of mine. */
export function takeTheirs(conflict: PlanConflict): DraftPlan {
  return mergePlan(conflict, {
    goal: 'theirs',
    rows: Object.fromEntries(conflict.rows.map((r) => [r.key, 'theirs' as Side])),
  });
}

/** My draft as it stands, to be saved on top of their version. */
export function keepMine(conflict: PlanConflict): DraftPlan {
  return mergePlan(conflict, {
    goal: 'mine',
    rows: Object.fromEntries(conflict.rows.map((r) => [r.key, 'mine' as Side])),
  });
}
