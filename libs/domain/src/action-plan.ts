import type { PlanDiff, PlanStep, PlanStepFieldChange, PlanStepField } from '@stegvis/contracts';

const OPEN: ReadonlySet<PlanStep['status']> = new Set(['planned', 'in_progress']);

/**
 * The plan's next step: the first open step (planned or in progress) by due date; steps without a
 * due date come after dated ones, in plan order. null when nothing is open.
 */
export function nextStepOf(steps: readonly PlanStep[]): PlanStep | null {
  let best: { step: PlanStep; index: number } | null = null;
  steps.forEach((step, index) => {
    if (!OPEN.has(step.status)) return;
    if (!best || compare(step, index, best.step, best.index) < 0) best = { step, index };
  });
  return (best as { step: PlanStep } | null)?.step ?? null;
}

function compare(a: PlanStep, ai: number, b: PlanStep, bi: number): number {
  if (a.dueDate && b.dueDate && a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  if (a.dueDate && !b.dueDate) return -1;
  if (!a.dueDate && b.dueDate) return 1;
  return ai - bi;
}

const DIFFED_FIELDS: readonly PlanStepField[] = [
  'text',
  'status',
  'dueDate',
  'responsible',
  'concernsPlacement',
];

/** A plan as far as a diff is concerned: its goal and its steps in plan order. */
export interface PlanContent {
  goal: string;
  steps: readonly PlanStep[];
}

/**
 * What changed from one revision of a plan to another. Steps are matched by id: a step only in
 * `to` was added, one only in `from` removed, one in both with different fields changed (field by
 * field, in a fixed field order). Added and changed steps keep `to`'s order, removed ones `from`'s.
 */
export function diffPlans(from: PlanContent, to: PlanContent): PlanDiff {
  const before = new Map(from.steps.map((step) => [step.id, step]));
  const after = new Set(to.steps.map((step) => step.id));
  const added: PlanStep[] = [];
  const changed: PlanDiff['changed'] = [];
  for (const step of to.steps) {
    const old = before.get(step.id);
    if (!old) {
      added.push(step);
      continue;
    }
    const changes: PlanStepFieldChange[] = DIFFED_FIELDS.filter(
      (field) => old[field] !== step[field],
    ).map((field) => ({ field, from: old[field], to: step[field] }));
    if (changes.length > 0) changed.push({ id: step.id, step, changes });
  }
  const removed = from.steps.filter((step) => !after.has(step.id));
  const keptBefore = from.steps.filter((step) => after.has(step.id)).map((step) => step.id);
  const keptAfter = to.steps.filter((step) => before.has(step.id)).map((step) => step.id);
  const goalChanged = from.goal !== to.goal;
  return {
    goalChanged,
    goal: goalChanged ? { from: from.goal, to: to.goal } : null,
    added,
    removed,
    changed,
    reordered: keptBefore.some((id, index) => keptAfter[index] !== id),
  };
}
