import type { PlanStep } from '@stegvis/contracts';
import { diffPlans, nextStepOf } from './action-plan';

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

describe('diffPlans', () => {
  const a = step('a', 'planned', '2026-05-01');
  const b = step('b', 'in_progress', null);
  const c = step('c', 'planned', null);
  const plan = (goal: string, ...steps: PlanStep[]) => ({ goal, steps });

  it.each([
    [
      'identical plans',
      plan('Jobb', a, b),
      plan('Jobb', a, b),
      { goal: null, added: [], removed: [], changed: [], reordered: false },
    ],
    [
      'from the empty plan everything is added',
      plan(''),
      plan('Jobb', a, b),
      {
        goal: { from: '', to: 'Jobb' },
        added: ['a', 'b'],
        removed: [],
        changed: [],
        reordered: false,
      },
    ],
    [
      'a step added and one removed',
      plan('Jobb', a, b),
      plan('Jobb', b, c),
      { goal: null, added: ['c'], removed: ['a'], changed: [], reordered: false },
    ],
    [
      'kept steps in another order',
      plan('Jobb', a, b, c),
      plan('Jobb', c, a, b),
      { goal: null, added: [], removed: [], changed: [], reordered: true },
    ],
    [
      'removing a step in between is not a reorder',
      plan('Jobb', a, b, c),
      plan('Jobb', a, c),
      { goal: null, added: [], removed: ['b'], changed: [], reordered: false },
    ],
  ])('%s', (_, from, to, expected) => {
    const diff = diffPlans(from, to);
    expect({
      goal: diff.goal,
      added: diff.added.map((s) => s.id),
      removed: diff.removed.map((s) => s.id),
      changed: diff.changed.map((s) => s.id),
      reordered: diff.reordered,
    }).toEqual(expected);
    expect(diff.goalChanged).toBe(expected.goal !== null);
  });

  it('lists each changed field of a step with both values, in a fixed order', () => {
    const edited: PlanStep = {
      ...a,
      status: 'done',
      dueDate: null,
      responsible: 'coach',
      concernsPlacement: true,
    };
    const diff = diffPlans(plan('Jobb', a, b), plan('Jobb', edited, b));
    expect(diff.changed).toEqual([
      {
        id: 'a',
        step: edited,
        changes: [
          { field: 'status', from: 'planned', to: 'done' },
          { field: 'dueDate', from: '2026-05-01', to: null },
          { field: 'responsible', from: null, to: 'coach' },
          { field: 'concernsPlacement', from: false, to: true },
        ],
      },
    ]);
  });

  it('sees a changed text', () => {
    const diff = diffPlans(plan('', a), plan('', { ...a, text: 'Ny text' }));
    expect(diff.changed[0]?.changes).toEqual([{ field: 'text', from: 'a', to: 'Ny text' }]);
  });
});
