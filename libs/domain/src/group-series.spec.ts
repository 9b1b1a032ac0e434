import { enrolledOn, seriesCompletion, seriesDateErrors, seriesEnded } from './group-series';

const eight = ['03-02', '03-09', '03-16', '03-23', '03-30', '04-06', '04-13', '04-20'].map(
  (d) => `2026-${d}`,
);
const meetings = (days: string[], attended: string[]) =>
  days.map((day) => ({ day, attended: attended.includes(day) }));

describe('enrolledOn', () => {
  it.each([
    ['2026-03-01', null, '2026-03-01', true],
    ['2026-03-01', null, '2026-02-28', false],
    ['2026-03-01', '2026-03-20', '2026-03-20', true], // the day of leaving still counts
    ['2026-03-01', '2026-03-20', '2026-03-21', false],
  ])('joined %s, left %s: enrolled on %s is %s', (joinedOn, leftOn, day, expected) => {
    expect(enrolledOn({ joinedOn, leftOn }, day)).toBe(expected);
  });
});

describe('seriesEnded', () => {
  const series = { endDate: '2026-04-30', plannedMeetings: 8 };
  it.each([
    [3, '2026-04-30', false],
    [3, '2026-05-01', true], // end date passed
    [8, '2026-03-15', true], // all planned meetings held
    [9, '2026-03-15', true],
  ])('%i held, today %s → %s', (meetingsHeld, today, expected) => {
    expect(seriesEnded({ ...series, meetingsHeld }, today)).toBe(expected);
  });
});

describe('seriesCompletion (75 % of 8 meetings of 3 hours)', () => {
  const base = {
    endDate: '2026-04-30',
    plannedMeetings: 8,
    completionPercent: 75,
    enrolment: { joinedOn: '2026-03-01', leftOn: null },
  };

  it('is undecided while the series runs, with the figures so far', () => {
    const held = eight.slice(0, 4);
    expect(
      seriesCompletion({
        ...base,
        meetingsHeld: 4,
        meetings: meetings(held, held.slice(0, 3)),
        today: '2026-03-24',
      }),
    ).toEqual({ meetingsHeld: 4, attended: 3, ratePercent: 75, completed: null });
  });

  it.each([
    // attended of 8 → completed at 75 %: 6 × 100 = 600 ≥ 75 × 8 = 600
    [6, 75, true],
    [5, 62.5, false],
    [8, 100, true],
    [0, 0, false],
  ])('all 8 held, %i attended → %s %%, completed %s', (n, rate, completed) => {
    expect(
      seriesCompletion({
        ...base,
        meetingsHeld: 8,
        meetings: meetings(eight, eight.slice(0, n)),
        today: '2026-04-21',
      }),
    ).toEqual({ meetingsHeld: 8, attended: n, ratePercent: rate, completed });
  });

  it('counts only the meetings held while enrolled: joined at the 3rd, left after the 6th', () => {
    // Enrolled for 4 meetings (3rd–6th) and attended 3 of them: 75 % → completed.
    expect(
      seriesCompletion({
        ...base,
        enrolment: { joinedOn: '2026-03-16', leftOn: '2026-04-06' },
        meetingsHeld: 8,
        meetings: meetings(eight, ['2026-03-16', '2026-03-23', '2026-04-06', '2026-04-13']),
        today: '2026-05-01',
      }),
    ).toEqual({ meetingsHeld: 4, attended: 3, ratePercent: 75, completed: true });
  });

  it('ends by the end date with fewer meetings held; 2 of 3 is 66.7 %', () => {
    const held = eight.slice(0, 3);
    expect(
      seriesCompletion({
        ...base,
        completionPercent: 66,
        meetingsHeld: 3,
        meetings: meetings(held, held.slice(0, 2)),
        today: '2026-05-01',
      }),
    ).toEqual({ meetingsHeld: 3, attended: 2, ratePercent: 66.7, completed: true });
  });

  it('does not complete someone enrolled when no meeting was held', () => {
    expect(
      seriesCompletion({
        ...base,
        enrolment: { joinedOn: '2026-04-25', leftOn: null },
        meetingsHeld: 8,
        meetings: meetings(eight, []),
        today: '2026-05-01',
      }),
    ).toEqual({ meetingsHeld: 0, attended: 0, ratePercent: null, completed: false });
  });
});

describe('seriesDateErrors', () => {
  it('names the end before the start, and the leave before the join', () => {
    expect(
      seriesDateErrors(
        { startDate: '2026-03-01', endDate: '2026-02-28' },
        { joinedOn: '2026-03-10', leftOn: '2026-03-09' },
      ),
    ).toEqual({
      endDate: ['endDate must be on or after startDate.'],
      leftOn: ['leftOn must be on or after joinedOn.'],
    });
    expect(
      seriesDateErrors(
        { startDate: '2026-03-01', endDate: '2026-03-01' },
        { joinedOn: '2026-03-10', leftOn: '2026-03-10' },
      ),
    ).toEqual({});
  });
});
