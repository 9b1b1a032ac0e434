import {
  type AbstractControl,
  FormArray,
  type NonNullableFormBuilder,
  type ValidationErrors,
  type ValidatorFn,
  Validators,
} from '@angular/forms';
import type { CreateInstrumentRequest, Indicator, Instrument } from '@stegvis/contracts';
import { intValidator } from '../../shared/validators';

/** Mirrors the server's key rule (check-in.dto.ts): 1–50 lower-case letters, digits or _. */
export const INSTRUMENT_KEY = /^[a-z][a-z0-9_]{0,49}$/;
export const MAX_INDICATORS = 50;
const MAX_TEXT = 200;

type NumberField = string | number;

/** Stage labels typed one per line, or comma-separated on one line; blanks dropped. */
export function parseStages(text: string): string[] {
  const parts = text.includes('\n') ? text.split('\n') : text.split(',');
  return parts.map((s) => s.trim()).filter((s) => s.length > 0);
}

export function formatStages(stages: string[]): string {
  return stages.join('\n');
}

export function keyValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = (control.value ?? '').trim();
  if (!value) return null;
  return INSTRUMENT_KEY.test(value) ? null : { key: true };
}

/** The instrument key may not be one shipped with Stegvis (the server refuses it). */
export function notShippedValidator(shippedKeys: readonly string[]): ValidatorFn {
  return (control: AbstractControl<string>) =>
    shippedKeys.includes((control.value ?? '').trim()) ? { shippedKey: true } : null;
}

/** 2–101 stage labels of at most 200 characters each. */
export function stagesValidator(control: AbstractControl<string>): ValidationErrors | null {
  const stages = parseStages(control.value ?? '');
  if (stages.length === 0) return { required: true };
  if (stages.length < 2) return { stagesMin: true };
  if (stages.length > 101) return { stagesMax: true };
  if (stages.some((s) => s.length > MAX_TEXT)) return { maxlength: true };
  return null;
}

/**
 * Scale rules of one indicator (mirrors checkIndicators on the server): min < max; the Swedish
 * stage labels divide the scale evenly; as many English labels as Swedish ones.
 */
export function indicatorRulesValidator(group: AbstractControl): ValidationErrors | null {
  const v = group.value as {
    min: NumberField;
    max: NumberField;
    stagesSv: string;
    stagesEn: string;
  };
  const errors: ValidationErrors = {};
  const min = Number(v.min);
  const max = Number(v.max);
  const numbers = v.min !== '' && v.max !== '' && Number.isInteger(min) && Number.isInteger(max);
  if (numbers && min >= max) errors['minMax'] = true;
  const sv = parseStages(v.stagesSv ?? '');
  const en = parseStages(v.stagesEn ?? '');
  if (numbers && min < max && sv.length >= 2) {
    const points = max - min + 1;
    if (points % sv.length !== 0) errors['stagesDivide'] = { stages: sv.length, points };
  }
  if (sv.length >= 2 && en.length >= 2 && en.length !== sv.length) errors['stagesEnCount'] = true;
  return Object.keys(errors).length ? errors : null;
}

/** Indicator keys unique within the instrument. */
export function uniqueKeysValidator(array: AbstractControl): ValidationErrors | null {
  const keys = (array.value as { key: string }[]).map((i) => i.key).filter(Boolean);
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  return dup ? { duplicateKey: { key: dup } } : null;
}

export function indicatorGroup(fb: NonNullableFormBuilder, i?: Indicator) {
  return fb.group(
    {
      key: [i?.key ?? '', [Validators.required, keyValidator]],
      labelSv: [i?.labelSv ?? '', [Validators.required, Validators.maxLength(MAX_TEXT)]],
      labelEn: [i?.labelEn ?? '', [Validators.required, Validators.maxLength(MAX_TEXT)]],
      min: [(i?.min ?? 1) as NumberField, intValidator(0, 100, false)],
      max: [(i?.max ?? 5) as NumberField, intValidator(1, 100, false)],
      stagesSv: [formatStages(i?.stagesSv ?? []), stagesValidator],
      stagesEn: [formatStages(i?.stagesEn ?? []), stagesValidator],
    },
    { validators: indicatorRulesValidator },
  );
}

export type IndicatorGroup = ReturnType<typeof indicatorGroup>;

export function instrumentForm(fb: NonNullableFormBuilder) {
  return fb.group({
    key: ['', [Validators.required, keyValidator]],
    nameSv: ['', [Validators.required, Validators.maxLength(MAX_TEXT)]],
    nameEn: ['', [Validators.required, Validators.maxLength(MAX_TEXT)]],
    indicators: new FormArray<IndicatorGroup>([], {
      validators: [
        Validators.minLength(1),
        Validators.maxLength(MAX_INDICATORS),
        uniqueKeysValidator,
      ],
    }),
  });
}

export type InstrumentForm = ReturnType<typeof instrumentForm>;

/**
 * Fills the form from the instrument a new version starts from. A shipped instrument's key is
 * reserved, so the programme's own copy starts with an empty key; the programme's own keeps its key
 * (posting it again creates the next version).
 */
export function fillInstrumentForm(
  form: InstrumentForm,
  fb: NonNullableFormBuilder,
  base: Instrument | null,
  shippedKeys: readonly string[],
): void {
  form.controls.key.setValidators([
    Validators.required,
    keyValidator,
    notShippedValidator(shippedKeys),
  ]);
  const indicators = base?.indicators.length ? base.indicators : [undefined];
  form.setControl(
    'indicators',
    new FormArray<IndicatorGroup>(
      indicators.map((i) => indicatorGroup(fb, i)),
      form.controls.indicators.validator ?? undefined,
    ),
  );
  form.reset({
    key: base && base.programmeId !== null ? base.key : '',
    nameSv: base?.nameSv ?? '',
    nameEn: base?.nameEn ?? '',
  });
}

/** The POST /api/instruments body built from the form's values. */
export function instrumentBody(
  programmeId: string,
  value: ReturnType<InstrumentForm['getRawValue']>,
): CreateInstrumentRequest {
  return {
    programmeId,
    key: value.key.trim(),
    nameSv: value.nameSv.trim(),
    nameEn: value.nameEn.trim(),
    indicators: value.indicators.map((i) => ({
      key: i.key.trim(),
      labelSv: i.labelSv.trim(),
      labelEn: i.labelEn.trim(),
      min: Number(i.min),
      max: Number(i.max),
      stagesSv: parseStages(i.stagesSv),
      stagesEn: parseStages(i.stagesEn),
    })),
  };
}

/** The latest version of each (programme, key): the list comes newest version first per key. */
export function latestInstruments(items: Instrument[]): Instrument[] {
  const latest = new Map<string, Instrument>();
  for (const i of items) {
    const id = `${i.programmeId ?? ''}:${i.key}`;
    const seen = latest.get(id);
    if (!seen || i.version > seen.version) latest.set(id, i);
  }
  return [...latest.values()];
}
