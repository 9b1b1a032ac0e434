import type { AbstractControl, FormControl, FormGroup, ValidationErrors } from '@angular/forms';
import type { Gender, TargetKind, TargetUnit } from '@stegvis/contracts';

/*
 * The rules of one row of the programme's target list editor, as the server's ProgrammeTargetDto
 * has them, so most mistakes are caught before a round trip.
 */

export type NumberField = string | number;

export type TargetMode = 'value' | 'range';

/** One row of the editor; the server's `targets.N.<field>` is the same path in the form. */
export type TargetGroup = FormGroup<{
  kind: FormControl<TargetKind>;
  gender: FormControl<Gender | ''>;
  unit: FormControl<TargetUnit>;
  mode: FormControl<TargetMode>;
  value: FormControl<NumberField>;
  min: FormControl<NumberField>;
  max: FormControl<NumberField>;
  label: FormControl<string>;
  note: FormControl<string>;
}>;

const FIGURE_MAX: Record<TargetUnit, number> = { count: 100000, percent: 100, mean: 1000 };

export function optionalNumber(value: NumberField): number | null {
  return value === '' || value === null ? null : Number(value);
}

/** A figure of a target, by its unit: whole counts, shares 0–100, means with one decimal. */
export function figureValidator(control: AbstractControl<NumberField>): ValidationErrors | null {
  const group = control.parent as TargetGroup | null;
  const n = optionalNumber(control.value);
  if (!group || n === null) return null;
  if (!Number.isFinite(n)) return { int: true };
  const unit = group.controls.unit.value;
  if (unit === 'count' && !Number.isInteger(n)) return { int: true };
  if (n < 0 || n > FIGURE_MAX[unit]) return { range: { min: 0, max: FIGURE_MAX[unit] } };
  if (Math.round(n * 10) !== n * 10) return { decimals: true };
  return null;
}

/** The rules between a target's figures (as the server's): a value, or a range with min ≤ max. */
export function targetRulesValidator(group: AbstractControl): ValidationErrors | null {
  const v = (group as TargetGroup).getRawValue();
  if (v.mode === 'value') return optionalNumber(v.value) === null ? { valueMissing: true } : null;
  const min = optionalNumber(v.min);
  const max = optionalNumber(v.max);
  if (min === null && max === null) return { rangeEmpty: true };
  if (min !== null && max !== null && max < min) return { rangeOrder: true };
  return null;
}
