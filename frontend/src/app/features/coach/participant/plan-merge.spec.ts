import type { ActionPlan, PlanStep } from '@stegvis/contracts';
import {
  buildConflict,
  draftFromPlan,
  keepMine,
  mergePlan,
  suggestedChoices,
  takeTheirs,
  type DraftPlan,
} from './plan-merge';

const step = (id: string, text: string, extra: Partial<PlanStep> = {}): PlanStep => ({
  id,
  text,
  status: 'planned',
  dueDate: null,
  responsible: null,
  concernsPlacement: false,
  ...extra,
});

const plan = (version: number, goal: string, steps: PlanStep[]): ActionPlan => ({
  participantId: 'p1',
  version,
  goal,
  steps,
  nextStep: null,
  updatedAt: null,
  updatedBy: null,
});

describe('plan conflict resolution', () => {
  const base = draftFromPlan(plan(3, 'Arbete', [step('a', 'CV'), step('b', 'Praktik')]));

  it('suggests their side where only they changed a step, mine where only I did', () => {
    const mine: DraftPlan = {
      goal: 'Arbete',
      steps: [{ ...base.steps[0], text: 'CV och brev' }, base.steps[1]],
    };
    const theirs = plan(4, 'Arbete', [step('a', 'CV'), step('b', 'Praktik', { status: 'done' })]);
    const c = buildConflict(base, mine, theirs);
    const rowA = c.rows.find((r) => r.key === 'a');
    const rowB = c.rows.find((r) => r.key === 'b');
    expect(rowA).toMatchObject({ differs: true, clash: false, suggested: 'mine' });
    expect(rowB).toMatchObject({ differs: true, clash: false, suggested: 'theirs' });
    expect(c.goal.differs).toBe(false);
    // The suggested merge keeps both changes.
    const merged = mergePlan(c, suggestedChoices(c));
    expect(merged.steps.map((s) => [s.text, s.status])).toEqual([
      ['CV och brev', 'planned'],
      ['Praktik', 'done'],
    ]);
  });

  it('marks a step both coaches changed as a clash and keeps mine until the coach decides', () => {
    const mine: DraftPlan = {
      goal: 'Arbete',
      steps: [{ ...base.steps[0], text: 'Mitt CV' }, base.steps[1]],
    };
    const theirs = plan(4, 'Arbete', [step('a', 'Deras CV'), step('b', 'Praktik')]);
    const c = buildConflict(base, mine, theirs);
    const row = c.rows.find((r) => r.key === 'a');
    expect(row).toMatchObject({ clash: true, suggested: 'mine' });
    const choices = suggestedChoices(c);
    choices.rows['a'] = 'theirs';
    expect(mergePlan(c, choices).steps[0].text).toBe('Deras CV');
  });

  it('never loses a new step of mine, and takes a step they added', () => {
    const mine: DraftPlan = {
      goal: 'Arbete',
      steps: [
        ...base.steps,
        {
          key: 'new-1',
          text: 'Studiebesök',
          status: 'planned',
          dueDate: null,
          responsible: null,
          concernsPlacement: true,
        },
      ],
    };
    const theirs = plan(4, 'Arbete', [
      step('a', 'CV'),
      step('b', 'Praktik'),
      step('c', 'Intervjuträning'),
    ]);
    const c = buildConflict(base, mine, theirs);
    expect(c.rows.find((r) => r.key === 'new-1')).toMatchObject({
      presence: 'mineOnly',
      suggested: 'mine',
    });
    expect(c.rows.find((r) => r.key === 'c')).toMatchObject({
      presence: 'theirsOnly',
      suggested: 'theirs',
    });
    const merged = mergePlan(c, suggestedChoices(c));
    expect(merged.steps.map((s) => s.text)).toEqual([
      'CV',
      'Praktik',
      'Studiebesök',
      'Intervjuträning',
    ]);
    // The new step has no id: the server creates one.
    expect(merged.steps[2].id).toBeUndefined();
  });

  it('respects a removal on either side unless the other side changed the step', () => {
    // I removed b; they removed a (which I had not touched).
    const mine: DraftPlan = { goal: 'Arbete', steps: [base.steps[0]] };
    const theirs = plan(4, 'Arbete', [step('b', 'Praktik')]);
    const c = buildConflict(base, mine, theirs);
    expect(c.rows.find((r) => r.key === 'a')).toMatchObject({
      presence: 'mineOnly',
      suggested: 'theirs',
    });
    expect(c.rows.find((r) => r.key === 'b')).toMatchObject({
      presence: 'theirsOnly',
      suggested: 'mine',
    });
    expect(mergePlan(c, suggestedChoices(c)).steps).toEqual([]);
  });

  it('offers the goal of the side that changed it, and "take theirs" / "keep mine" wholesale', () => {
    const mine: DraftPlan = { goal: 'Arbete inom vården', steps: base.steps };
    const theirs = plan(4, 'Arbete', [step('a', 'CV', { status: 'done' }), step('b', 'Praktik')]);
    const c = buildConflict(base, mine, theirs);
    expect(c.goal).toMatchObject({ differs: true, clash: false, suggested: 'mine' });
    expect(c.theirsVersion).toBe(4);
    expect(takeTheirs(c)).toMatchObject({ goal: 'Arbete' });
    expect(takeTheirs(c).steps[0].status).toBe('done');
    expect(keepMine(c)).toMatchObject({ goal: 'Arbete inom vården' });
    expect(keepMine(c).steps[0].status).toBe('planned');
  });
});
