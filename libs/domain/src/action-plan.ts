import type { PlanStep } from '@stegvis/contracts';

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
