import {
  FormArray,
  FormControl,
  FormGroup,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import type { PlaceOffer, PlaceOfferInput } from '@stegvis/contracts';
import { dayValidator, intValidator } from '../../shared/validators';

/*
 * The enterprise's list of work-training places offered, by date range, with the rules the
 * server's enterprise DTO and service apply (docs/enterprise-side.md): a real start day, an end
 * not before the start (or none: until further notice), whole places 0–1000, no two offers
 * overlapping. The server's `placeOffers.N.<field>` is the same path in the form.
 */

export const MAX_PLACES = 1000;
export const MAX_OFFERS = 50;

export type OfferGroup = FormGroup<{
  from: FormControl<string>;
  to: FormControl<string>;
  openEnded: FormControl<boolean>;
  places: FormControl<string | number>;
}>;

export type OfferArray = FormArray<OfferGroup>;

/** A row as typed; `to` null = until further notice. */
export interface OfferDraft {
  from: string;
  to: string | null;
}

export type OfferProblem = 'overlap' | 'toBeforeFrom';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The problems of a list of offers, keyed `N.from` (overlaps an earlier offer) and `N.to` (ends
 * before it starts). Rows without a valid start day are left to their own field rule. Offers are
 * taken in start order, each against the latest end so far, so an offer inside a long earlier one
 * is caught even when a shorter one lies between them.
 */
export function offerProblems(offers: readonly OfferDraft[]): Record<string, OfferProblem> {
  const problems: Record<string, OfferProblem> = {};
  const valid = offers
    .map((o, i) => ({ ...o, i }))
    .filter((o) => DAY.test(o.from) && (o.to === null || DAY.test(o.to)));
  for (const o of valid) {
    if (o.to !== null && o.to < o.from) problems[`${o.i}.to`] = 'toBeforeFrom';
  }
  const ordered = valid
    .filter((o) => problems[`${o.i}.to`] === undefined)
    .sort((a, b) => a.from.localeCompare(b.from) || a.i - b.i);
  // The latest end of the offers before; null = open-ended, which covers every later day.
  let reach: string | null | undefined;
  for (const o of ordered) {
    if (reach !== undefined && (reach === null || reach >= o.from)) {
      problems[`${o.i}.from`] = 'overlap';
    }
    if (reach === undefined || (reach !== null && (o.to === null || o.to > reach))) reach = o.to;
  }
  return problems;
}

function draftsOf(array: OfferArray): OfferDraft[] {
  return array.controls.map((g) => {
    const v = g.getRawValue();
    return { from: v.from, to: v.openEnded ? null : v.to || null };
  });
}

/** The list-wide rule as it concerns one control (`from` or `to`) of one row. */
function listRule(field: 'from' | 'to') {
  return (control: AbstractControl): ValidationErrors | null => {
    const group = control.parent as OfferGroup | null;
    const array = group?.parent as OfferArray | null;
    if (!group || !array) return null;
    const index = array.controls.indexOf(group);
    const problem = offerProblems(draftsOf(array))[`${index}.${field}`];
    return problem ? { [problem]: true } : null;
  };
}

export function offerGroup(offer?: PlaceOffer): OfferGroup {
  return new FormGroup({
    from: new FormControl(offer?.from ?? '', {
      nonNullable: true,
      validators: [
        (c: AbstractControl) => (c.value ? null : { required: true }),
        dayValidator,
        listRule('from'),
      ],
    }),
    to: new FormControl(
      { value: offer?.to ?? '', disabled: offer !== undefined && offer.to === null },
      { nonNullable: true, validators: [dayValidator, listRule('to')] },
    ),
    openEnded: new FormControl(offer !== undefined && offer.to === null, { nonNullable: true }),
    places: new FormControl<string | number>(offer?.places ?? '', {
      nonNullable: true,
      validators: intValidator(0, MAX_PLACES, false),
    }),
  });
}

/**
 * Re-runs the list-wide rules on every row (a change in one row can end or start an overlap in
 * another) without emitting, so it can be called from the array's own valueChanges.
 */
export function revalidateOffers(array: OfferArray): void {
  for (const g of array.controls) {
    g.controls.from.updateValueAndValidity({ emitEvent: false });
    g.controls.to.updateValueAndValidity({ emitEvent: false });
  }
}

/** "Until further notice" on: the end day is cleared and disabled; off: it can be typed again. */
export function setOpenEnded(group: OfferGroup, openEnded: boolean): void {
  if (openEnded) {
    group.controls.to.setValue('');
    group.controls.to.disable();
  } else {
    group.controls.to.enable();
  }
}

export function offersBody(array: OfferArray): PlaceOfferInput[] {
  return array.controls.map((g) => {
    const v = g.getRawValue();
    return { from: v.from, to: v.openEnded ? null : v.to || null, places: Number(v.places) };
  });
}
