import { FormControl, FormGroup } from '@angular/forms';
import type { TargetUnit } from '@stegvis/contracts';
import {
  figureValidator,
  type NumberField,
  type TargetGroup,
  type TargetMode,
  targetRulesValidator,
} from './target-form';

function row(
  unit: TargetUnit,
  mode: TargetMode,
  figures: { value?: NumberField; min?: NumberField; max?: NumberField },
): TargetGroup {
  return new FormGroup(
    {
      kind: new FormControl('participants' as const, { nonNullable: true }),
      gender: new FormControl('' as const, { nonNullable: true }),
      unit: new FormControl(unit, { nonNullable: true }),
      mode: new FormControl(mode, { nonNullable: true }),
      value: new FormControl<NumberField>(figures.value ?? '', {
        nonNullable: true,
        validators: figureValidator,
      }),
      min: new FormControl<NumberField>(figures.min ?? '', {
        nonNullable: true,
        validators: figureValidator,
      }),
      max: new FormControl<NumberField>(figures.max ?? '', {
        nonNullable: true,
        validators: figureValidator,
      }),
      label: new FormControl('', { nonNullable: true }),
      note: new FormControl('', { nonNullable: true }),
    },
    { validators: targetRulesValidator },
  ) as unknown as TargetGroup;
}

describe('a target row of the programme form (mirrors ProgrammeTargetDto)', () => {
  it.each([
    ['count', 8, null],
    ['count', 8.5, { int: true }],
    ['count', -1, { range: { min: 0, max: 100000 } }],
    ['percent', 40, null],
    ['percent', 120, { range: { min: 0, max: 100 } }],
    ['percent', 40.25, { decimals: true }],
    ['mean', 2.5, null],
    ['mean', '', null],
  ] as const)('a %s figure %p', (unit, value, expected) => {
    const group = row(unit, 'value', { value });
    group.controls.value.updateValueAndValidity();
    expect(group.controls.value.errors).toEqual(expected);
  });

  it.each([
    ['value', {}, { valueMissing: true }],
    ['value', { value: 3 }, null],
    ['range', {}, { rangeEmpty: true }],
    ['range', { min: 8 }, null],
    ['range', { max: 12 }, null],
    ['range', { min: 8, max: 12 }, null],
    ['range', { min: 12, max: 8 }, { rangeOrder: true }],
  ] as const)('a %s goal %p', (mode, figures, expected) => {
    expect(row('count', mode, figures).errors).toEqual(expected);
  });
});
