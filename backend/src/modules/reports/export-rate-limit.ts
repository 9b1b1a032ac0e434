import { Injectable } from '@nestjs/common';
import { RateLimiter, type RateRule, TooManyRequestsException } from '../../common/rate-limiter';

/** File downloads (report files and row-level exports) per user in a window. */
export const EXPORT_LIMIT = { max: 10, windowMinutes: 10 } as const;

/**
 * Takes a download slot before the file is built, in the database (RateLimiter), so the limit is
 * exact across API instances and concurrent requests: the 11th download in a window answers 429
 * with Retry-After until the window (opened by the first download) ends. A download that fails
 * gives its slot back.
 */
@Injectable()
export class ExportRateLimit {
  constructor(private readonly limiter: RateLimiter) {}

  async take(userId: string): Promise<void> {
    const verdict = await this.limiter.reserve([rule(userId)]);
    if (!verdict.granted) {
      const seconds = verdict.retryAfterSeconds;
      throw new TooManyRequestsException(
        `Too many exports: at most ${EXPORT_LIMIT.max} per ${EXPORT_LIMIT.windowMinutes} minutes. Try again in ${Math.ceil(seconds / 60)} minute(s).`,
        seconds,
      );
    }
  }

  /** The download failed before it was sent: it does not count. */
  async giveBack(userId: string): Promise<void> {
    await this.limiter.release([rule(userId)]);
  }
}

function rule(userId: string): RateRule {
  return {
    key: `export:${userId}`,
    limit: EXPORT_LIMIT.max,
    windowSeconds: EXPORT_LIMIT.windowMinutes * 60,
  };
}
