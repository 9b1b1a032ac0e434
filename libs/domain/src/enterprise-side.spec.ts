import { agreementErrors, attendeeCounts } from './enterprise-side';

describe('attendeeCounts', () => {
  const sectors = (public_sector: number, social_entrepreneurs: number, other = 0) => ({
    public_sector,
    social_entrepreneurs,
    other,
  });

  it.each([
    // "40 deltagare: 28 från offentlig sektor, 12 samhällsentreprenörer"
    [{ total: 40, bySector: sectors(28, 12), byGender: null }, 40, sectors(28, 12)],
    [
      { total: null, bySector: { public_sector: 28, social_entrepreneurs: 12 }, byGender: null },
      40,
      sectors(28, 12),
    ],
    [{ total: 17, bySector: null, byGender: null }, 17, null],
    [{ total: 0, bySector: null, byGender: null }, 0, null],
  ] as const)('accepts %j → total %j', (input, total, bySector) => {
    const result = attendeeCounts(input);
    expect(result).toEqual({ ok: true, counts: { total, bySector, byGender: null } });
  });

  it('completes a gender breakdown that adds up to the total', () => {
    expect(
      attendeeCounts({
        total: null,
        bySector: sectors(28, 12),
        byGender: { female: 30, male: 10 },
      }),
    ).toEqual({
      ok: true,
      counts: {
        total: 40,
        bySector: sectors(28, 12),
        byGender: { female: 30, male: 10, other: 0, undisclosed: 0 },
      },
    });
  });

  it.each([
    [{ total: null, bySector: null, byGender: null }, 'attendeesTotal'],
    [{ total: 41, bySector: sectors(28, 12), byGender: null }, 'attendeesTotal'],
    [
      { total: 40, bySector: sectors(28, 12), byGender: { female: 30, male: 9 } },
      'attendeesByGender',
    ],
    [{ total: 5, bySector: null, byGender: { female: 6 } }, 'attendeesByGender'],
  ] as const)('refuses %j naming %s', (input, field) => {
    const result = attendeeCounts(input);
    expect(result.ok).toBe(false);
    expect(Object.keys(result.ok ? {} : result.errors)).toEqual([field]);
  });
});

describe('agreementErrors', () => {
  it.each([
    [{ startDate: '2026-01-01', endDate: null, status: 'active' }, []],
    [{ startDate: '2026-01-01', endDate: '2026-01-01', status: 'active' }, []],
    [{ startDate: '2026-01-01', endDate: '2026-12-31', status: 'ended' }, []],
    [{ startDate: '2026-01-02', endDate: '2026-01-01', status: 'draft' }, ['endDate']],
    [{ startDate: '2026-01-01', endDate: null, status: 'ended' }, ['endDate']],
  ] as const)('%j → %j', (agreement, fields) => {
    expect(Object.keys(agreementErrors(agreement))).toEqual(fields);
  });
});
