import { type RateRule, type RateState, takeRateSlot } from './rate-limit';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, 0) + seconds * 1000);
const login: RateRule = { key: 'k', limit: 3, windowSeconds: 900, lockSeconds: 900 };
const downloads: RateRule = { key: 'k', limit: 3, windowSeconds: 600 };
const state = (used: number, windowStart: number, lockedUntil: number | null): RateState => ({
  used,
  windowStart: at(windowStart),
  lockedUntil: lockedUntil === null ? null : at(lockedUntil),
});

describe('takeRateSlot', () => {
  it.each<[string, RateRule, RateState | null, number, ReturnType<typeof takeRateSlot>]>([
    [
      'the first attempt opens a window',
      login,
      null,
      5,
      { granted: true, next: state(1, 5, null) },
    ],
    [
      'counts within the window',
      login,
      state(1, 0, null),
      60,
      { granted: true, next: state(2, 0, null) },
    ],
    [
      'the last slot locks for lockSeconds from now',
      login,
      state(2, 0, null),
      60,
      { granted: true, next: state(3, 0, 960) },
    ],
    [
      'the last slot locks until the window ends without lockSeconds',
      downloads,
      state(2, 0, null),
      60,
      { granted: true, next: state(3, 0, 600) },
    ],
    [
      'a locked key refuses, until the lock ends',
      login,
      state(3, 0, 960),
      100,
      { granted: false, retryAfterSeconds: 860 },
    ],
    [
      'rounds the wait up to whole seconds, at least one',
      login,
      state(3, 0, 960),
      959.5,
      { granted: false, retryAfterSeconds: 1 },
    ],
    [
      'a lock that has ended starts afresh',
      login,
      state(3, 0, 960),
      960,
      { granted: true, next: state(1, 960, null) },
    ],
    [
      'a window that has passed starts afresh',
      login,
      state(2, 0, null),
      900,
      { granted: true, next: state(1, 900, null) },
    ],
    [
      'a lowered limit refuses until the window ends',
      login,
      state(5, 0, null),
      100,
      { granted: false, retryAfterSeconds: 800 },
    ],
    [
      'a limit of one locks at once',
      { ...login, limit: 1 },
      null,
      0,
      { granted: true, next: state(1, 0, 900) },
    ],
  ])('%s', (_name, rule, before, now, expected) => {
    expect(takeRateSlot(before, rule, at(now))).toEqual(expected);
  });
});
