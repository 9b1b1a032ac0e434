import { FormArray } from '@angular/forms';
import {
  type OfferGroup,
  offerGroup,
  offerProblems,
  offersBody,
  revalidateOffers,
  setOpenEnded,
} from './place-offer-form';

describe('offerProblems', () => {
  it.each([
    ['no offers', [], {}],
    ['one open-ended offer', [{ from: '2026-01-01', to: null }], {}],
    [
      'consecutive offers, the second open-ended',
      [
        { from: '2026-01-01', to: '2026-06-30' },
        { from: '2026-07-01', to: null },
      ],
      {},
    ],
    [
      'sharing a day (the end day counts)',
      [
        { from: '2026-01-01', to: '2026-06-30' },
        { from: '2026-06-30', to: null },
      ],
      { '1.from': 'overlap' },
    ],
    [
      'an open-ended offer before a later one, typed in reverse order',
      [
        { from: '2027-01-01', to: '2027-03-31' },
        { from: '2026-01-01', to: null },
      ],
      { '0.from': 'overlap' },
    ],
    [
      'inside a long earlier offer although a short one lies between',
      [
        { from: '2026-01-01', to: '2026-12-31' },
        { from: '2026-02-01', to: '2026-02-28' },
        { from: '2026-04-01', to: '2026-05-31' },
      ],
      { '1.from': 'overlap', '2.from': 'overlap' },
    ],
    [
      'the same start day',
      [
        { from: '2026-03-01', to: '2026-03-31' },
        { from: '2026-03-01', to: null },
      ],
      { '1.from': 'overlap' },
    ],
    [
      'an end before the start',
      [{ from: '2026-05-01', to: '2026-04-30' }],
      { '0.to': 'toBeforeFrom' },
    ],
    ['a one-day offer', [{ from: '2026-05-01', to: '2026-05-01' }], {}],
    [
      'a start not yet typed is left to its own rule',
      [
        { from: '', to: null },
        { from: '2026-01-01', to: null },
      ],
      {},
    ],
  ] as const)('%s', (_name, offers, expected) => {
    expect(offerProblems(offers)).toEqual(expected);
  });
});

describe('the offer rows in a form', () => {
  function list(...groups: OfferGroup[]): FormArray<OfferGroup> {
    const array = new FormArray(groups);
    revalidateOffers(array);
    return array;
  }

  it('marks the overlapping start and clears it once the rows no longer overlap', () => {
    const array = list(
      offerGroup({ from: '2026-01-01', to: null, places: 8 }),
      offerGroup({ from: '2026-07-01', to: null, places: 10 }),
    );
    expect(array.at(1).controls.from.hasError('overlap')).toBe(true);
    expect(array.at(0).controls.from.errors).toBeNull();

    setOpenEnded(array.at(0), false);
    array.at(0).controls.openEnded.setValue(false);
    array.at(0).controls.to.setValue('2026-06-30');
    revalidateOffers(array);
    expect(array.at(1).controls.from.errors).toBeNull();
    expect(array.valid).toBe(true);
    expect(offersBody(array)).toEqual([
      { from: '2026-01-01', to: '2026-06-30', places: 8 },
      { from: '2026-07-01', to: null, places: 10 },
    ]);
  });

  it('wants a start day and whole places from 0 to 1000', () => {
    const row = offerGroup();
    list(row);
    expect(row.controls.from.hasError('required')).toBe(true);
    expect(row.controls.places.hasError('required')).toBe(true);
    row.controls.places.setValue('2.5');
    expect(row.controls.places.hasError('int')).toBe(true);
    row.controls.places.setValue(-1);
    expect(row.controls.places.getError('range')).toEqual({ min: 0, max: 1000 });
    row.controls.places.setValue(0);
    expect(row.controls.places.errors).toBeNull();
  });

  it('an open-ended offer sends no end day even if one was typed before', () => {
    const row = offerGroup({ from: '2026-01-01', to: '2026-03-01', places: 3 });
    const array = list(row);
    row.controls.openEnded.setValue(true);
    setOpenEnded(row, true);
    expect(row.controls.to.disabled).toBe(true);
    expect(offersBody(array)).toEqual([{ from: '2026-01-01', to: null, places: 3 }]);
  });
});
