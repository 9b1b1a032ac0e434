import { TestBed } from '@angular/core/testing';
import { NonNullableFormBuilder } from '@angular/forms';
import type { Instrument } from '@stegvis/contracts';
import {
  fillInstrumentForm,
  indicatorGroup,
  instrumentBody,
  instrumentForm,
  latestInstruments,
  parseStages,
} from './instrument-form';

const shipped: Instrument = {
  id: 'i-1',
  programmeId: null,
  key: 'stegvis_basic',
  version: 1,
  nameSv: 'Grundinstrument',
  nameEn: 'Basic instrument',
  indicators: [
    {
      key: 'health',
      labelSv: 'Hälsa',
      labelEn: 'Health',
      min: 1,
      max: 10,
      stagesSv: ['Fast', 'Osäker', 'Försöker', 'Lär sig', 'Självständig'],
      stagesEn: ['Stuck', 'Unsure', 'Trying', 'Learning', 'Self-reliant'],
    },
  ],
};

function setup() {
  const fb = TestBed.inject(NonNullableFormBuilder);
  return { fb, form: instrumentForm(fb) };
}

describe('instrument form', () => {
  it('reads stage labels one per line or comma-separated', () => {
    expect(parseStages('Låg, Mellan ,Hög,')).toEqual(['Låg', 'Mellan', 'Hög']);
    expect(parseStages('Låg, men på väg\n\nHög\n')).toEqual(['Låg, men på väg', 'Hög']);
  });

  it('refuses stage counts that do not divide the scale, and unequal sv/en counts', () => {
    const { fb } = setup();
    const g = indicatorGroup(fb, shipped.indicators[0]);
    expect(g.valid).toBe(true); // 10 points, 5 stages: two points each

    g.patchValue({ stagesSv: 'a, b, c' });
    expect(g.getError('stagesDivide')).toEqual({ stages: 3, points: 10 });
    expect(g.hasError('stagesEnCount')).toBe(true);

    g.patchValue({ min: 1, max: 3, stagesSv: 'a\nb\nc', stagesEn: 'a\nb\nc' });
    expect(g.valid).toBe(true);

    g.patchValue({ min: 3, max: 3 });
    expect(g.hasError('minMax')).toBe(true);

    g.patchValue({ min: 1, max: 3, stagesSv: 'bara en' });
    expect(g.controls.stagesSv.hasError('stagesMin')).toBe(true);

    g.patchValue({ key: 'Bad key' });
    expect(g.controls.key.hasError('key')).toBe(true);
  });

  it('starts a new version from a shipped instrument with its key free and reserved', () => {
    const { fb, form } = setup();
    fillInstrumentForm(form, fb, shipped, ['stegvis_basic']);
    expect(form.controls.key.value).toBe('');
    expect(form.controls.indicators.length).toBe(1);
    form.controls.key.setValue('stegvis_basic');
    expect(form.controls.key.hasError('shippedKey')).toBe(true);
    form.controls.key.setValue('var_egen');
    expect(form.valid).toBe(true);

    form.controls.indicators.push(indicatorGroup(fb, shipped.indicators[0]));
    expect(form.controls.indicators.getError('duplicateKey')).toEqual({ key: 'health' });
  });

  it('keeps the key of the programme’s own instrument, so saving gives its next version', () => {
    const { fb, form } = setup();
    fillInstrumentForm(form, fb, { ...shipped, programmeId: 'p-1', key: 'egen', version: 2 }, [
      'stegvis_basic',
    ]);
    expect(form.controls.key.value).toBe('egen');
    expect(form.valid).toBe(true);
  });

  it('builds the POST body from the form, trimmed and with numbers and stage arrays', () => {
    const { fb, form } = setup();
    fillInstrumentForm(form, fb, null, []);
    form.patchValue({ key: ' egen ', nameSv: ' Eget ', nameEn: 'Own ' });
    form.controls.indicators.at(0).setValue({
      key: 'work',
      labelSv: ' Arbete',
      labelEn: 'Work ',
      min: '0',
      max: 3,
      stagesSv: 'Inget, Lite, Mer, Mycket',
      stagesEn: 'None\nSome\nMore\nMuch',
    });
    expect(form.valid).toBe(true);
    expect(instrumentBody('p-1', form.getRawValue())).toEqual({
      programmeId: 'p-1',
      key: 'egen',
      nameSv: 'Eget',
      nameEn: 'Own',
      indicators: [
        {
          key: 'work',
          labelSv: 'Arbete',
          labelEn: 'Work',
          min: 0,
          max: 3,
          stagesSv: ['Inget', 'Lite', 'Mer', 'Mycket'],
          stagesEn: ['None', 'Some', 'More', 'Much'],
        },
      ],
    });
  });

  it('lists the latest version of each instrument', () => {
    const own1 = { ...shipped, id: 'o-1', programmeId: 'p-1', key: 'egen', version: 1 };
    const own2 = { ...own1, id: 'o-2', version: 2 };
    expect(latestInstruments([shipped, own2, own1]).map((i) => i.id)).toEqual(['i-1', 'o-2']);
  });
});
