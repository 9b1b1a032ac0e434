import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { type RateRule, type RateState, takeRateSlot } from '@stegvis/domain';
import { DataSource } from 'typeorm';

export type { RateRule } from '@stegvis/domain';

/** 429 with Retry-After (seconds), in the usual error body. */
export class TooManyRequestsException extends HttpException {
  constructor(message: string, retryAfterSeconds: number) {
    super(
      { message, headers: { 'Retry-After': String(retryAfterSeconds) } },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

interface Row {
  key: string;
  used: number;
  window_start: Date;
  locked_until: Date | null;
  now: Date;
}

/**
 * The one mechanism behind every rate limit (login throttling, downloads): a counter per key in
 * the database, so every API instance shares it. `reserve()` takes a slot for an attempt before
 * the attempt's work is done, under a row lock, so N concurrent requests on any number of
 * instances get at most the limit through; the rule itself is `takeRateSlot` in libs/domain.
 */
@Injectable()
export class RateLimiter {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One slot from every rule's key, or none at all: when one key is used up, nothing is taken and
   * the answer says how long to wait (the longest wait of the keys that refused).
   */
  async reserve(
    rules: readonly RateRule[],
  ): Promise<{ granted: true } | { granted: false; retryAfterSeconds: number }> {
    // Locks in key order, so two reservations over the same keys cannot deadlock.
    const sorted = [...rules].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const keys = sorted.map((rule) => rule.key);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO rate_limits (key, used, window_start)
         SELECT key, 0, now() FROM unnest($1::text[]) AS key
         ON CONFLICT (key) DO NOTHING`,
        [keys],
      );
      const rows: Row[] = await manager.query(
        `SELECT key, used, window_start, locked_until, clock_timestamp() AS now FROM rate_limits
          WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE`,
        [keys],
      );
      const next: RateState[] = [];
      let wait = 0;
      for (const rule of sorted) {
        const row = rows.find((r) => r.key === rule.key) as Row;
        const state: RateState = {
          used: row.used,
          windowStart: row.window_start,
          lockedUntil: row.locked_until,
        };
        const decision = takeRateSlot(state, rule, row.now);
        if (decision.granted) next.push(decision.next);
        else wait = Math.max(wait, decision.retryAfterSeconds);
      }
      if (wait > 0) return { granted: false as const, retryAfterSeconds: wait };
      await manager.query(
        `UPDATE rate_limits AS r SET used = n.used, window_start = n.window_start,
                locked_until = n.locked_until
           FROM unnest($1::text[], $2::int[], $3::timestamptz[], $4::timestamptz[])
                AS n (key, used, window_start, locked_until)
          WHERE r.key = n.key`,
        [
          keys,
          next.map((s) => s.used),
          next.map((s) => s.windowStart.toISOString()),
          next.map((s) => s.lockedUntil?.toISOString() ?? null),
        ],
      );
      return { granted: true as const };
    });
  }

  /**
   * Gives a reserved slot back (the attempt did not count, e.g. a login that succeeded); a lock
   * lifts when the count falls below the limit again.
   */
  async release(rules: readonly RateRule[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE rate_limits AS r
          SET used = greatest(r.used - 1, 0),
              locked_until = CASE WHEN r.used - 1 < n.lim THEN NULL ELSE r.locked_until END
         FROM unnest($1::text[], $2::int[]) AS n (key, lim)
        WHERE r.key = n.key`,
      [rules.map((rule) => rule.key), rules.map((rule) => rule.limit)],
    );
  }

  /** Forgets a key's count and lock (e.g. an account's failures after a successful login). */
  async clear(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limits WHERE key = $1`, [key]);
  }
}
