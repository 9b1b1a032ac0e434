import type { PlanStep } from '@stegvis/contracts';
import { nextStepOf } from './action-plan';

const step = (id: string, status: PlanStep['status'], dueDate: string | null): PlanStep => ({
  id,
  text: id,
  status,
  dueDate,
  responsible: null,
  concernsPlacement: false,
});

describe('nextStepOf', () => {
  it.each([
    ['no steps', [], null],
    ['only done and dropped', [step('a', 'done', '2026-01-01'), step('b', 'dropped', null)], null],
    [
      'earliest due open step',
      [step('a', 'planned', '2026-05-01'), step('b', 'in_progress', '2026-04-01')],
      'b',
    ],
    [
      'done steps are skipped even if earlier',
      [step('a', 'done', '2026-01-01'), step('b', 'planned', '2026-06-01')],
      'b',
    ],
    ['dated before undated', [step('a', 'planned', null), step('b', 'planned', '2027-01-01')], 'b'],
    ['undated in plan order', [step('a', 'planned', null), step('b', 'in_progress', null)], 'a'],
    [
      'same date in plan order',
      [step('a', 'planned', '2026-05-01'), step('b', 'planned', '2026-05-01')],
      'a',
    ],
  ])('%s', (_, steps, expected) => {
    expect(nextStepOf(steps as PlanStep[])?.id ?? null).toBe(expected);
  });
});
