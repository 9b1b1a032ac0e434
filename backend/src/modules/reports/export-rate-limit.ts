import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** File downloads (report files and row-level exports) per user in a sliding window. */
export const EXPORT_LIMIT = { max: 10, windowMinutes: 10 } as const;

/**
 * Counts the caller's 'export' rows in the audit log (indexed by user and time), so the limit
 * holds across API instances without a table of its own. Two requests in the same instant may
 * both pass the check; the limit is a brake on bulk downloading, not an exact quota.
 */
@Injectable()
export class ExportRateLimit {
  constructor(private readonly dataSource: DataSource) {}

  async check(userId: string): Promise<void> {
    const [{ n, retry }]: { n: number; retry: number | null }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n,
              ceil(extract(epoch FROM min(at) + make_interval(mins => $2::int) - now()))::int AS retry
         FROM audit_log
        WHERE user_id = $1 AND action = 'export'
          AND at > now() - make_interval(mins => $2::int)`,
      [userId, EXPORT_LIMIT.windowMinutes],
    );
    if (n >= EXPORT_LIMIT.max) {
      const seconds = Math.max(1, retry ?? 60);
      throw new HttpException(
        {
          message: `Too many exports: at most ${EXPORT_LIMIT.max} per ${EXPORT_LIMIT.windowMinutes} minutes. Try again in ${Math.ceil(seconds / 60)} minute(s).`,
          headers: { 'Retry-After': String(seconds) },
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}
