import type { Progression } from '@stegvis/contracts';
import { isFlagged, ratersFor } from './check-in.component';
import { actionsFor } from './placements.component';

describe('placement actions', () => {
  it.each([
    ['planned', ['start', 'abort']],
    ['active', ['pause', 'end']],
    ['paused', ['resume', 'end']],
    ['ended', []],
    ['aborted', []],
  ] as const)('%s → %j', (status, actions) => {
    expect(actionsFor(status)).toEqual(actions);
  });
});

describe('raters', () => {
  it('lets a coach record the coach and the participant, a supervisor only themselves', () => {
    expect(ratersFor('coach')).toEqual(['coach', 'participant']);
    expect(ratersFor('supervisor')).toEqual(['supervisor']);
  });

  it('flags exactly the two check-ins of a difference', () => {
    const flags: Progression['disagreements'] = [
      {
        indicator: 'motivation',
        date: '2026-12-04',
        dates: { participant: '2026-11-28', supervisor: '2026-12-04' },
        scores: { participant: 5, supervisor: 2 },
        spread: 3,
      },
    ];
    expect(isFlagged(flags, 'motivation', 'participant', '2026-11-28')).toBe(true);
    expect(isFlagged(flags, 'motivation', 'supervisor', '2026-12-04')).toBe(true);
    expect(isFlagged(flags, 'motivation', 'coach', '2026-11-28')).toBe(false);
    expect(isFlagged(flags, 'motivation', 'participant', '2026-12-04')).toBe(false);
    expect(isFlagged(flags, 'work_skills', 'participant', '2026-11-28')).toBe(false);
  });
});
