/**
 * A counter per key (an account, an address, a user's downloads) in a window that opens with the
 * first attempt. An attempt takes a slot *before* the work it guards is done, so however many
 * arrive at once, at most `limit` get through; the one that takes the last slot locks the key.
 * A slot can be given back (a login that succeeded): the lock lifts again below the limit.
 */
export interface RateRule {
  /** e.g. `login:ip:10.0.0.1`; never personal data in clear. */
  key: string;
  /** Attempts per window. */
  limit: number;
  windowSeconds: number;
  /** How long the lock lasts from the attempt that took the last slot; unset = until the window ends. */
  lockSeconds?: number;
}

/** A key's stored counter. */
export interface RateState {
  used: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

export type RateDecision =
  { granted: true; next: RateState } | { granted: false; retryAfterSeconds: number };

/** Whether an attempt at `now` gets a slot, and the counter after it. */
export function takeRateSlot(state: RateState | null, rule: RateRule, now: Date): RateDecision {
  if (state?.lockedUntil && state.lockedUntil > now) {
    return refused(state.lockedUntil, now);
  }
  const windowMs = rule.windowSeconds * 1000;
  // A lock that has run out, or a window that has passed, starts the count afresh.
  const fresh =
    !state || state.lockedUntil !== null || state.windowStart.getTime() + windowMs <= now.getTime();
  const windowStart = fresh ? now : state.windowStart;
  const used = fresh ? 0 : state.used;
  const windowEnd = new Date(windowStart.getTime() + windowMs);
  // Only after the limit was lowered: the counter is past it without a lock.
  if (used >= rule.limit) return refused(windowEnd, now);
  const next = used + 1;
  const lockedUntil =
    next < rule.limit
      ? null
      : rule.lockSeconds === undefined
        ? windowEnd
        : new Date(now.getTime() + rule.lockSeconds * 1000);
  return { granted: true, next: { used: next, windowStart, lockedUntil } };
}

function refused(until: Date, now: Date): RateDecision {
  return {
    granted: false,
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
  };
}
