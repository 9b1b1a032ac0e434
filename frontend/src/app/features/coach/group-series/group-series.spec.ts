import {
  attendanceErrors,
  clampDay,
  completionKey,
  enrolledOn,
  formatHours,
  formatPercent,
  hoursToMinutes,
  minutesToHours,
  swedishDay,
} from './group-series';

describe('group series helpers', () => {
  it.each([
    ['2026-03-10T09:00:00+01:00', '2026-03-10'],
    // 23:30 UTC on the 9th is already the 10th in Stockholm (winter, +01:00).
    ['2026-03-09T23:30:00Z', '2026-03-10'],
    // Summer time (+02:00): 22:30 UTC is 00:30 the next day.
    ['2026-06-01T22:30:00Z', '2026-06-02'],
  ])('swedishDay(%s) = %s', (at, day) => {
    expect(swedishDay(at)).toBe(day);
  });

  it.each([
    [{ joinedOn: '2026-03-01', leftOn: null }, '2026-03-01', true],
    [{ joinedOn: '2026-03-01', leftOn: null }, '2026-02-28', false],
    [{ joinedOn: '2026-03-01', leftOn: '2026-03-20' }, '2026-03-20', true],
    [{ joinedOn: '2026-03-01', leftOn: '2026-03-20' }, '2026-03-21', false],
  ])('enrolledOn(%o, %s) = %s', (e, day, expected) => {
    expect(enrolledOn(e, day)).toBe(expected);
  });

  it.each([
    ['3', 180],
    ['2,5', 150],
    ['2.5', 150],
    [1.75, 105],
    ['', null],
    ['0', null],
    ['-1', null],
    ['tre', null],
  ])('hoursToMinutes(%p) = %p', (hours, minutes) => {
    expect(hoursToMinutes(hours)).toBe(minutes);
  });

  it('turns minutes into hours for a form and for reading', () => {
    expect(minutesToHours(180)).toBe(3);
    expect(minutesToHours(150)).toBe(2.5);
    expect(minutesToHours(100)).toBe(1.67);
    expect(formatHours(150, 'sv')).toBe('2,5');
    expect(formatHours(150, 'en')).toBe('2.5');
    expect(formatHours(180, 'sv')).toBe('3');
  });

  it('writes a percentage with one decimal', () => {
    expect(formatPercent(66.7, 'sv')).toBe('66,7 %');
    expect(formatPercent(100, 'en')).toBe('100%');
  });

  it('clamps a default day to the series dates', () => {
    expect(clampDay('2026-01-01', '2026-03-01', '2026-05-01')).toBe('2026-03-01');
    expect(clampDay('2026-04-01', '2026-03-01', '2026-05-01')).toBe('2026-04-01');
    expect(clampDay('2026-06-01', '2026-03-01', '2026-05-01')).toBe('2026-05-01');
  });

  it('puts attendance.<i>.participantId beside the person sent at that index', () => {
    const { perPerson, rest } = attendanceErrors(
      {
        'attendance.1.participantId': ['not enrolled'],
        'attendance.0.attendance': ['bad code'],
        at: ['outside the series'],
        'attendance.7.participantId': ['unknown index'],
      },
      ['a', 'b'],
    );
    expect(perPerson).toEqual({ b: ['not enrolled'], a: ['bad code'] });
    expect(rest).toEqual({
      at: ['outside the series'],
      'attendance.7.participantId': ['unknown index'],
    });
  });

  it('names completion yes, no or running', () => {
    expect(completionKey(null)).toBe('groupSeries.completed.running');
    expect(completionKey(true)).toBe('groupSeries.completed.yes');
    expect(completionKey(false)).toBe('groupSeries.completed.no');
  });
});
