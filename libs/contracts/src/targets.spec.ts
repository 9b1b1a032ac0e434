import { type ProgrammeTarget, targetCode, targetGoal } from './targets';

const target = (fields: Partial<ProgrammeTarget>): ProgrammeTarget => ({
  kind: 'participants',
  gender: null,
  unit: 'count',
  value: null,
  min: null,
  max: null,
  label: null,
  note: null,
  ...fields,
});

describe('a target in the report', () => {
  it.each([
    [{ kind: 'participants', gender: 'female' }, 'participants_female'],
    [{ kind: 'participants' }, 'participants_total'],
    [{ kind: 'placements' }, 'participants_placed'],
    [{ kind: 'sessions_per_participant', unit: 'mean' }, 'sessions_per_participant'],
    [{ kind: 'gender_split', unit: 'percent' }, 'gender_split_female_percent'],
    [{ kind: 'exits_to_work_or_studies' }, 'exits_to_work_or_studies_total'],
    [
      { kind: 'exits_to_work_or_studies', unit: 'percent', gender: 'male' },
      'exits_to_work_or_studies_percent_male',
    ],
  ] as [Partial<ProgrammeTarget>, string][])('%p is the row %s', (fields, code) => {
    expect(targetCode(target(fields))).toBe(code);
  });

  it.each([
    [{ value: 20 }, 20],
    [{ min: 8, max: 12 }, '8–12'],
    [{ min: 8 }, '≥ 8'],
    [{ max: 12 }, '≤ 12'],
    [{ unit: 'percent', min: 40, max: 60 }, '40–60 %'],
    [{ unit: 'percent', value: 50 }, '50 %'],
    [{ unit: 'mean', value: 2.5 }, 2.5],
  ] as [Partial<ProgrammeTarget>, number | string][])('the goal of %p is %p', (fields, goal) => {
    expect(targetGoal(target(fields))).toBe(goal);
  });
});
