import type {
  ActionPlan,
  ActionPlanRevision,
  PlanStep,
  SupervisedActionPlan,
} from '@stegvis/contracts';
import { nextStepOf } from '@stegvis/domain';
import type { ActionPlanEntity, ActionPlanRevisionEntity } from './action-plan.entity';

/** A step with exactly the contract's fields, whatever else the stored JSON might hold. */
function toStep(step: PlanStep): PlanStep {
  return {
    id: step.id,
    text: step.text,
    status: step.status,
    dueDate: step.dueDate,
    responsible: step.responsible,
    concernsPlacement: step.concernsPlacement,
  };
}

/** The coach's view: the whole plan. `plan` null = never saved (version 0, empty). */
export function toActionPlan(participantId: string, plan: ActionPlanEntity | null): ActionPlan {
  const steps = (plan?.steps ?? []).map(toStep);
  return {
    participantId,
    version: plan?.version ?? 0,
    goal: plan?.goal ?? '',
    steps,
    nextStep: nextStepOf(steps),
    updatedAt: plan?.updatedAt.toISOString() ?? null,
    updatedBy: plan?.updatedBy ?? null,
  };
}

/**
 * The supervisor's view: only the steps marked as concerning the placement. The goal and the
 * author are left out by construction; the next step is the next of those steps.
 */
export function toSupervisedActionPlan(
  participantId: string,
  plan: ActionPlanEntity | null,
): SupervisedActionPlan {
  const steps = (plan?.steps ?? []).filter((step) => step.concernsPlacement === true).map(toStep);
  return {
    participantId,
    version: plan?.version ?? 0,
    steps,
    nextStep: nextStepOf(steps),
    updatedAt: plan?.updatedAt.toISOString() ?? null,
  };
}

export function toRevision(revision: ActionPlanRevisionEntity): ActionPlanRevision {
  return {
    version: revision.version,
    goal: revision.goal,
    steps: revision.steps.map(toStep),
    createdAt: revision.createdAt.toISOString(),
    createdBy: revision.createdBy,
    createdByName: revision.author?.name ?? null,
  };
}
