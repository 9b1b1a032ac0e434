import { FormControl, FormGroup } from '@angular/forms';
import { attendeeCounts } from '@stegvis/domain';
import {
  adviceContactsValidator,
  adviceFieldPath,
  adviceSummary,
  agreementRulesValidator,
  countsProblem,
  countsRequest,
  eventFieldPath,
  failureKey,
  type EventCountsValue,
} from './enterprise-side.forms';

const NO_GENDER = { female: null, male: null, other: null, undisclosed: null };
const value = (
  total: number | null,
  sectors: [number | null, number | null, number | null],
  genders: Partial<Record<'female' | 'male' | 'other' | 'undisclosed', number>> | null = null,
): EventCountsValue => ({
  total,
  bySector: { public_sector: sectors[0], social_entrepreneurs: sectors[1], other: sectors[2] },
  withGender: genders !== null,
  byGender: { ...NO_GENDER, ...(genders ?? {}) },
});

describe('event counts, as the domain counts them', () => {
  it.each([
    // [what, value, field named or null, key]
    ['40 by sector, no total', value(null, [28, 12, null]), null, null],
    ['40 by sector and a total of 40', value(40, [28, 12, null]), null, null],
    ['a head count only', value(25, [null, null, null]), null, null],
    ['nothing at all', value(null, [null, null, null]), 'attendeesTotal', 'needCount'],
    ['a total that does not add up', value(41, [28, 12, null]), 'attendeesTotal', 'sumMismatch'],
    ['genders adding up', value(null, [28, 12, null], { female: 30, male: 10 }), null, null],
    [
      'genders short',
      value(40, [null, null, null], { female: 30 }),
      'attendeesByGender',
      'genderMismatch',
    ],
    [
      'gender asked for, none given',
      value(40, [null, null, null], {}),
      'attendeesByGender',
      'genderMismatch',
    ],
  ])('%s', (_what, v, field, key) => {
    const problem = countsProblem(v);
    expect(problem?.field ?? null).toBe(field);
    expect(problem?.key.split('.').pop() ?? null).toBe(key);
    // The same verdict as the server's rule on the same request.
    const body = countsRequest(v);
    const verdict = attendeeCounts({
      total: body.attendeesTotal ?? null,
      bySector: body.attendeesBySector ?? null,
      byGender: body.attendeesByGender ?? null,
    });
    expect(verdict.ok ? null : Object.keys(verdict.errors)[0]).toBe(field);
  });

  it('says which numbers disagree', () => {
    expect(countsProblem(value(41, [28, 12, null]))?.params).toEqual({ total: 41, sum: 40 });
    expect(countsProblem(value(40, [null, null, null], { female: 30 }))?.params).toEqual({
      sum: 30,
      total: 40,
    });
  });

  it('sends an empty sector as 0 once any is given, and no breakdown when none is', () => {
    expect(countsRequest(value(null, [28, 12, null]))).toEqual({
      attendeesTotal: null,
      attendeesBySector: { public_sector: 28, social_entrepreneurs: 12, other: 0 },
      attendeesByGender: null,
    });
    expect(countsRequest(value(25, [null, null, null])).attendeesBySector).toBeNull();
  });

  it('maps the server field paths onto the form', () => {
    expect(eventFieldPath('attendeesTotal')).toBe('total');
    expect(eventFieldPath('attendeesBySector.public_sector')).toBe('bySector.public_sector');
    expect(eventFieldPath('attendeesByGender')).toBe('byGender');
    expect(eventFieldPath('title')).toBe('title');
  });
});

describe('agreement dates and status', () => {
  const form = (startDate: string, endDate: string, status: string) =>
    new FormGroup({
      startDate: new FormControl(startDate),
      endDate: new FormControl(endDate),
      status: new FormControl(status),
    });

  it.each([
    ['2026-01-01', '', 'active', null],
    ['2026-01-01', '2026-12-31', 'ended', null],
    ['2026-01-01', '2025-12-31', 'active', 'endBeforeStart'],
    ['2026-01-01', '', 'ended', 'endedNeedsEnd'],
  ])('%s – %s (%s)', (start, end, status, key) => {
    const errors = agreementRulesValidator(form(start, end, status));
    expect(errors?.['rule']?.key.split('.').pop() ?? null).toBe(key);
    if (key) expect(errors?.['rule']?.field).toBe('endDate');
  });
});

describe('failure messages', () => {
  it.each([
    [0, undefined, 'errors.network'],
    [409, undefined, 'enterpriseSide.conflict'],
    [404, undefined, 'enterpriseSide.gone'],
    [400, { title: ['x'] }, 'form.fixErrors'],
    [500, undefined, null],
  ])('%s', (statusCode, fields, key) => {
    expect(failureKey({ statusCode, error: '', message: '', fields })).toBe(key);
  });
});

describe("an advice session's people", () => {
  const group = (format: 'individual' | 'group', contactIds: string[]) =>
    new FormGroup(
      { format: new FormControl(format), contactIds: new FormControl(contactIds) },
      { validators: adviceContactsValidator },
    );

  it.each([
    // [format, contacts, key or null]
    ['individual', ['a'], null],
    ['individual', [], 'enterpriseSide.advice.chooseOne'],
    ['individual', ['a', 'b'], 'enterpriseSide.advice.individualOne'],
    ['group', ['a'], null],
    ['group', ['a', 'b', 'c'], null],
    ['group', [], 'enterpriseSide.advice.chooseSome'],
  ] as const)('%s with %j → %s', (format, ids, key) => {
    const rule = group(format, [...ids]).getError('rule') as { field: string; key: string } | null;
    expect(rule?.key ?? null).toBe(key);
    if (rule) expect(rule.field).toBe('contactIds');
  });

  it("puts the server's contactIds[i] on the one contacts field", () => {
    expect(adviceFieldPath('contactIds')).toBe('contactIds');
    expect(adviceFieldPath('contactIds[0]')).toBe('contactIds');
    expect(adviceFieldPath('contactIds.3')).toBe('contactIds');
    expect(adviceFieldPath('durationMinutes')).toBe('durationMinutes');
  });

  it('counts each person once in the summary', () => {
    const session = (contactIds: string[]) => ({ contactIds }) as never;
    expect(adviceSummary([])).toEqual({ sessions: 0, people: 0 });
    expect(adviceSummary([session(['a']), session(['a', 'b']), session([])])).toEqual({
      sessions: 3,
      people: 2,
    });
  });
});
