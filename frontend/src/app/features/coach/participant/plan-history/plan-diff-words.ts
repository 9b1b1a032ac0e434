import {
  codeLabel,
  type Locale,
  type PlanDiff,
  type PlanStepFieldChange,
} from '@stegvis/contracts';
import { formatDay } from '../../../../shared/dates';

/** One change in words: a key under `planHistory.diff` and its already formatted parameters. */
export interface DiffLine {
  key: string;
  params: Record<string, string>;
}

const line = (key: string, params: Record<string, string> = {}): DiffLine => ({
  key: `planHistory.diff.${key}`,
  params,
});

/** A field change of a step in words; `step` is the step's text in the later revision. */
function fieldLine(step: string, change: PlanStepFieldChange, locale: Locale): DiffLine {
  const from = change.from;
  const to = change.to;
  switch (change.field) {
    case 'text':
      return line('renamed', { from: String(from ?? ''), to: String(to ?? '') });
    case 'status':
      return line('status', {
        step,
        from: codeLabel('planStepStatus', String(from), locale) ?? String(from),
        to: codeLabel('planStepStatus', String(to), locale) ?? String(to),
      });
    case 'dueDate':
      if (!from) return line('dueDateSet', { step, to: formatDay(String(to), locale) });
      if (!to) return line('dueDateCleared', { step, from: formatDay(String(from), locale) });
      return line('dueDate', {
        step,
        from: formatDay(String(from), locale),
        to: formatDay(String(to), locale),
      });
    case 'responsible':
      if (!from) return line('responsibleSet', { step, to: String(to) });
      if (!to) return line('responsibleCleared', { step, from: String(from) });
      return line('responsible', { step, from: String(from), to: String(to) });
    case 'concernsPlacement':
      return line(to === true ? 'concernsPlacementOn' : 'concernsPlacementOff', { step });
  }
}

/**
 * What changed between two revisions of a plan, one sentence each, in this order: the goal, the
 * steps added, the steps removed, each changed step field by field, and a new order. Pure: the
 * template translates each line (`planHistory.diff.*`, sv and en).
 */
export function planDiffLines(diff: PlanDiff, locale: Locale): DiffLine[] {
  const lines: DiffLine[] = [];
  if (diff.goalChanged && diff.goal) {
    const { from, to } = diff.goal;
    if (!from) lines.push(line('goalSet', { to }));
    else if (!to) lines.push(line('goalCleared', { from }));
    else lines.push(line('goal', { from, to }));
  }
  for (const step of diff.added) lines.push(line('added', { step: step.text }));
  for (const step of diff.removed) lines.push(line('removed', { step: step.text }));
  for (const changed of diff.changed) {
    for (const change of changed.changes) lines.push(fieldLine(changed.step.text, change, locale));
  }
  if (diff.reordered) lines.push(line('reordered'));
  if (lines.length === 0) lines.push(line('none'));
  return lines;
}
