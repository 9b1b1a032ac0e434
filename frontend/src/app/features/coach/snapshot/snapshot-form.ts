import { FormControl, FormGroup, type NonNullableFormBuilder, Validators } from '@angular/forms';
import {
  INCOME_SOURCES,
  type IncomeSource,
  type Occupation,
  type Snapshot,
  type TimeInSupport,
} from '@stegvis/contracts';

export type IncomeSourceControls = Record<IncomeSource, FormControl<boolean>>;

/** The start or exit snapshot as a form: one checkbox per income source, two choices, a percent. */
export type SnapshotForm = FormGroup<{
  incomeSources: FormGroup<IncomeSourceControls>;
  timeInSupport: FormControl<TimeInSupport | ''>;
  occupation: FormControl<Occupation | ''>;
  occupationPercent: FormControl<string>;
}>;

/** A snapshot form filled from `initial` (e.g. the exit form from the start snapshot). */
export function snapshotForm(fb: NonNullableFormBuilder, initial: Snapshot | null): SnapshotForm {
  const sources = Object.fromEntries(
    INCOME_SOURCES.map((code) => [
      code,
      fb.control(initial?.incomeSources.includes(code) ?? false),
    ]),
  ) as IncomeSourceControls;
  return fb.group({
    incomeSources: fb.group(sources),
    timeInSupport: fb.control<TimeInSupport | ''>(initial?.timeInSupport ?? ''),
    occupation: fb.control<Occupation | ''>(initial?.occupation ?? ''),
    occupationPercent: fb.control(
      initial?.occupationPercent === null || initial?.occupationPercent === undefined
        ? ''
        : String(initial.occupationPercent),
      [Validators.pattern(/^\d{1,3}$/), Validators.min(0), Validators.max(100)],
    ),
  });
}

/** Puts a snapshot into an existing form (e.g. "copy the start snapshot"). */
export function fillSnapshot(form: SnapshotForm, snapshot: Snapshot | null): void {
  form.setValue({
    incomeSources: Object.fromEntries(
      INCOME_SOURCES.map((code) => [code, snapshot?.incomeSources.includes(code) ?? false]),
    ) as Record<IncomeSource, boolean>,
    timeInSupport: snapshot?.timeInSupport ?? '',
    occupation: snapshot?.occupation ?? '',
    occupationPercent:
      snapshot?.occupationPercent === null || snapshot?.occupationPercent === undefined
        ? ''
        : String(snapshot.occupationPercent),
  });
}

/** The form as the API's snapshot; empty choices are null. */
export function snapshotOf(form: SnapshotForm): Snapshot {
  const v = form.getRawValue();
  return {
    incomeSources: INCOME_SOURCES.filter((code) => v.incomeSources[code]),
    timeInSupport: v.timeInSupport || null,
    occupation: v.occupation || null,
    occupationPercent: v.occupationPercent.trim() === '' ? null : Number(v.occupationPercent),
  };
}

/** Whether anything at all was recorded (an untouched start snapshot is not sent). */
export function isEmptySnapshot(snapshot: Snapshot): boolean {
  return (
    snapshot.incomeSources.length === 0 &&
    snapshot.timeInSupport === null &&
    snapshot.occupation === null &&
    snapshot.occupationPercent === null
  );
}
