import {
  DEFAULT_FOLLOW_UP_CADENCE,
  type FollowUpPlan,
  type FollowUpStatus,
  followUpSchedule,
  followUpStatus,
} from './follow-up-cadence';

// Default cadence: weekly while the due date is within the first 28 active days, then every 30.
// Friday 2025-01-03 start → due Fri 10, 17, 24, 31 Jan (day 7, 14, 21, 28), then
// 31 Jan + 30 = Sun 2 Mar, then 1 Apr, 1 May.
const FRIDAY = '2025-01-03';
// Monday 2025-01-06 start → due 13, 20, 27 Jan, 3 Feb, then 3 Feb + 30 = 5 Mar.
const MONDAY = '2025-01-06';

const notOverdue = { overdue: false, daysOverdue: 0, overdueCount: 0, paused: false };

describe('followUpStatus', () => {
  it.each<[string, FollowUpPlan, string, FollowUpStatus]>([
    [
      'on the start day nothing is due yet',
      { start: FRIDAY, done: [] },
      FRIDAY,
      { ...notOverdue, nextDue: '2025-01-10', dueCount: 0, doneCount: 0 },
    ],
    [
      'before the start the first due date is already known',
      { start: FRIDAY, done: [] },
      '2024-12-20',
      { ...notOverdue, nextDue: '2025-01-10', dueCount: 0, doneCount: 0 },
    ],
    [
      'due today is not overdue',
      { start: FRIDAY, done: [] },
      '2025-01-10',
      { ...notOverdue, nextDue: '2025-01-10', dueCount: 1, doneCount: 0 },
    ],
    [
      // weekly on Fridays; after day 28 the next weekly date (day 35) is past 4 weeks → +30 days
      'start on a Friday, all four weekly follow-ups done, then monthly (lands on a Sunday)',
      { start: FRIDAY, done: ['2025-01-10', '2025-01-17', '2025-01-24', '2025-01-31'] },
      '2025-02-03',
      { ...notOverdue, nextDue: '2025-03-02', dueCount: 4, doneCount: 4 },
    ],
    [
      // due 13 Jan; done Sat 11 Jan (day 5) → next 11 + 7 = 18 Jan
      'done early resets the clock',
      { start: MONDAY, done: ['2025-01-11'] },
      '2025-01-15',
      { ...notOverdue, nextDue: '2025-01-18', dueCount: 1, doneCount: 1 },
    ],
    [
      // due 13 Jan; done Thu 16 Jan (day 10, before the next due date 20 Jan) → next 16 + 7 = 23 Jan
      'done late resets the clock',
      { start: MONDAY, done: ['2025-01-16'] },
      '2025-01-20',
      { ...notOverdue, nextDue: '2025-01-23', dueCount: 1, doneCount: 1 },
    ],
    [
      'overdue by two days',
      { start: MONDAY, done: [] },
      '2025-01-15',
      {
        nextDue: '2025-01-13',
        overdue: true,
        daysOverdue: 2,
        overdueCount: 1,
        dueCount: 1,
        doneCount: 0,
        paused: false,
      },
    ],
    [
      // due 10, 17, 24, 31 Jan, 2 Mar, 1 Apr (1 May is after today);
      // 10 Jan → 15 Apr = 21 (rest of Jan) + 28 + 31 + 15 = 95 days
      'none done for months: several overdue, counted from the first missed one',
      { start: FRIDAY, done: [] },
      '2025-04-15',
      {
        nextDue: '2025-01-10',
        overdue: true,
        daysOverdue: 95,
        overdueCount: 6,
        dueCount: 6,
        doneCount: 0,
        paused: false,
      },
    ],
    [
      // early 11 Jan (due 13) → due 18, done late 23 Jan (before 25) → due 30 Jan, missed;
      // Feb 5 − Jan 30 = 6 days
      'mixed early, late and missed',
      { start: MONDAY, done: ['2025-01-23', '2025-01-11'] },
      '2025-02-05',
      {
        nextDue: '2025-01-30',
        overdue: true,
        daysOverdue: 6,
        overdueCount: 1,
        dueCount: 3,
        doneCount: 2,
        paused: false,
      },
    ],
    [
      // after 3 Feb (day 28) the next date 5 Mar is after the end 20 Feb
      'end mid-interval: nothing more is due',
      {
        start: MONDAY,
        end: '2025-02-20',
        done: ['2025-01-13', '2025-01-20', '2025-01-27', '2025-02-03'],
      },
      '2025-02-10',
      { ...notOverdue, nextDue: null, dueCount: 4, doneCount: 4 },
    ],
    [
      // due 13 and 20 Jan fall before the end 24 Jan, 27 Jan does not
      'after the end a missed follow-up is no longer overdue but still counted as due',
      { start: MONDAY, end: '2025-01-24', done: ['2025-01-30'] },
      '2025-02-10',
      { ...notOverdue, nextDue: null, dueCount: 2, doneCount: 0 },
    ],
    [
      // done 13 Jan (day 7); pause 15–21 Jan (7 days): day 8 = 14 Jan, days 9–14 = 22–27 Jan
      'paused: the next due date moves by the length of the pause',
      { start: MONDAY, done: ['2025-01-13'], pauses: [{ from: '2025-01-15', to: '2025-01-21' }] },
      '2025-01-18',
      { ...notOverdue, nextDue: '2025-01-27', dueCount: 1, doneCount: 1, paused: true },
    ],
    [
      // as above, today 29 Jan: 28 and 29 Jan are active → 2 days overdue
      'paused: overdue counts active days after the pause',
      { start: MONDAY, done: ['2025-01-13'], pauses: [{ from: '2025-01-15', to: '2025-01-21' }] },
      '2025-01-29',
      {
        nextDue: '2025-01-27',
        overdue: true,
        daysOverdue: 2,
        overdueCount: 1,
        dueCount: 2,
        doneCount: 1,
        paused: false,
      },
    ],
    [
      // missed 13 Jan; today inside the pause → nothing is overdue while paused
      'paused: a follow-up missed before the pause is not overdue during it',
      { start: MONDAY, done: [], pauses: [{ from: '2025-01-15', to: '2025-01-21' }] },
      '2025-01-20',
      { ...notOverdue, nextDue: '2025-01-13', dueCount: 1, doneCount: 0, paused: true },
    ],
    [
      // custom: every 3 days while within 2 weeks, then every 14: start Mon 3 Mar →
      // days 3, 6, 9, 12 (6, 9, 12, 15 Mar), day 15 > 14 → 12 + 14 = day 26 (29 Mar)
      'custom cadence',
      {
        start: '2025-03-03',
        cadence: { initialWeeks: 2, initialIntervalDays: 3, laterIntervalDays: 14 },
        done: ['2025-03-06', '2025-03-09', '2025-03-12', '2025-03-15'],
      },
      '2025-03-20',
      { ...notOverdue, nextDue: '2025-03-29', dueCount: 4, doneCount: 4 },
    ],
    [
      'follow-ups before the start, after today or twice on a day are ignored for the schedule',
      { start: MONDAY, done: ['2024-12-30', '2025-01-13', '2025-01-13', '2025-01-25'] },
      '2025-01-15',
      { ...notOverdue, nextDue: '2025-01-20', dueCount: 1, doneCount: 1 },
    ],
  ])('%s', (_name, plan, today, expected) => {
    expect(followUpStatus(plan, today)).toEqual(expected);
  });

  it.each<[string, FollowUpPlan]>([
    ['end before start', { start: MONDAY, end: '2025-01-01', done: [] }],
    [
      'pause ends before it starts',
      { start: MONDAY, done: [], pauses: [{ from: '2025-02-02', to: '2025-02-01' }] },
    ],
    [
      'zero interval',
      { start: MONDAY, done: [], cadence: { ...DEFAULT_FOLLOW_UP_CADENCE, laterIntervalDays: 0 } },
    ],
    ['not a date', { start: '2025-13-01', done: [] }],
  ])('rejects %s', (_name, plan) => {
    expect(() => followUpStatus(plan, '2025-03-01')).toThrow(RangeError);
  });
});

describe('followUpSchedule', () => {
  it('lists due dates with how each was met (mixed early, late, missed, upcoming)', () => {
    // 13 Jan met early on 11 Jan → 18 Jan met late on 23 Jan → 30 Jan missed →
    // 30 Jan is day 24, 24 + 7 > 28 → +30 = 1 Mar → 31 Mar
    const plan = { start: MONDAY, done: ['2025-01-11', '2025-01-23'] };
    expect(followUpSchedule(plan, { from: '2025-01-01', to: '2025-03-31' }, '2025-02-05')).toEqual([
      { due: '2025-01-13', doneOn: '2025-01-11', status: 'done' },
      { due: '2025-01-18', doneOn: '2025-01-23', status: 'late' },
      { due: '2025-01-30', doneOn: null, status: 'missed' },
      { due: '2025-03-01', doneOn: null, status: 'upcoming' },
      { due: '2025-03-31', doneOn: null, status: 'upcoming' },
    ]);
  });

  it('keeps only due dates inside the period and before the end', () => {
    const plan = { start: FRIDAY, end: '2025-03-15', done: [] };
    expect(
      followUpSchedule(plan, { from: '2025-01-20', to: '2025-06-30' }, '2025-06-30').map(
        (entry) => entry.due,
      ),
    ).toEqual(['2025-01-24', '2025-01-31', '2025-03-02']);
  });

  it('a follow-up exactly on the next due date meets that one, not the missed one', () => {
    // 13 Jan missed; the next due date is 20 Jan and a follow-up is done that day
    const plan = { start: MONDAY, done: ['2025-01-20'] };
    expect(followUpSchedule(plan, { from: '2025-01-01', to: '2025-01-31' }, '2025-01-31')).toEqual([
      { due: '2025-01-13', doneOn: null, status: 'missed' },
      { due: '2025-01-20', doneOn: '2025-01-20', status: 'done' },
      { due: '2025-01-27', doneOn: null, status: 'missed' },
    ]);
  });

  it('the due date count matches followUpStatus', () => {
    const plan = { start: FRIDAY, done: ['2025-01-12', '2025-02-20'] };
    const today = '2025-05-10';
    const schedule = followUpSchedule(plan, { from: FRIDAY, to: today }, today);
    expect(schedule).toHaveLength(followUpStatus(plan, today).dueCount);
  });

  it('skips due dates over a pause', () => {
    // day 7 = 13 Jan; pause 14–27 Jan (14 days) → day 14 = 3 Feb, 21 = 10 Feb, 28 = 17 Feb
    const plan = { start: MONDAY, done: [], pauses: [{ from: '2025-01-14', to: '2025-01-27' }] };
    expect(
      followUpSchedule(plan, { from: MONDAY, to: '2025-02-28' }, '2025-01-06').map((e) => e.due),
    ).toEqual(['2025-01-13', '2025-02-03', '2025-02-10', '2025-02-17']);
  });
});
