import { FormBuilder } from '@angular/forms';
import type { Snapshot } from '@stegvis/contracts';
import { fillSnapshot, isEmptySnapshot, snapshotForm, snapshotOf } from './snapshot-form';

describe('snapshot form', () => {
  const fb = new FormBuilder().nonNullable;
  const start: Snapshot = {
    incomeSources: ['social_assistance', 'activity_support'],
    timeInSupport: '2_5',
    occupation: 'job_seeking',
    occupationPercent: 0,
  };

  it('gives back what it was filled with, income sources in the code order', () => {
    const form = snapshotForm(fb, start);
    expect(snapshotOf(form)).toEqual({
      incomeSources: ['activity_support', 'social_assistance'],
      timeInSupport: '2_5',
      occupation: 'job_seeking',
      occupationPercent: 0,
    });
  });

  it('reads empty choices as null and an untouched form as empty', () => {
    const form = snapshotForm(fb, null);
    const value = snapshotOf(form);
    expect(value).toEqual({
      incomeSources: [],
      timeInSupport: null,
      occupation: null,
      occupationPercent: null,
    });
    expect(isEmptySnapshot(value)).toBe(true);
    form.controls.incomeSources.controls.salary.setValue(true);
    expect(isEmptySnapshot(snapshotOf(form))).toBe(false);
  });

  it('refuses a percent outside 0–100 or not a whole number', () => {
    const form = snapshotForm(fb, null);
    for (const [typed, valid] of [
      ['0', true],
      ['100', true],
      ['101', false],
      ['-1', false],
      ['7.5', false],
      ['', true],
    ] as const) {
      form.controls.occupationPercent.setValue(typed);
      expect({ typed, valid: form.controls.occupationPercent.valid }).toEqual({ typed, valid });
    }
  });

  it('is refilled from another snapshot (the exit from the start)', () => {
    const form = snapshotForm(fb, { ...start, incomeSources: ['salary'], occupationPercent: 50 });
    fillSnapshot(form, start);
    expect(snapshotOf(form)).toEqual({
      ...start,
      incomeSources: ['activity_support', 'social_assistance'],
    });
  });
});
