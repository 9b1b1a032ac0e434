import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';

// An IP address serves a whole office; it gets more tries than one account before it is locked.
const IP_FACTOR = 4;

/**
 * Counts failed logins per account and per client IP in the database (so every API instance
 * sees the same counts) and locks a key out for a while after too many. Keys for unknown email
 * addresses are counted the same way, so a lockout reveals nothing about which accounts exist.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  keys(email: string, ip: string): { account: string; ip: string } {
    const digest = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
    return { account: `email:${digest}`, ip: `ip:${ip}` };
  }

  async assertNotLocked(keys: { account: string; ip: string }): Promise<void> {
    const rows: { locked: boolean }[] = await this.dataSource.query(
      `SELECT TRUE AS locked FROM login_throttle
        WHERE key = ANY($1) AND locked_until > now() LIMIT 1`,
      [[keys.account, keys.ip]],
    );
    if (rows.length > 0) {
      throw new HttpException(
        'Too many failed attempts. Wait a while and try again.',
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  async recordFailure(keys: { account: string; ip: string }): Promise<void> {
    await this.bump(keys.account, this.config.LOGIN_MAX_FAILURES);
    await this.bump(keys.ip, this.config.LOGIN_MAX_FAILURES * IP_FACTOR);
  }

  async recordSuccess(keys: { account: string }): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_throttle WHERE key = $1`, [keys.account]);
  }

  private async bump(key: string, limit: number): Promise<void> {
    // Failures older than the lockout window are forgotten; reaching the limit locks the key.
    await this.dataSource.query(
      `INSERT INTO login_throttle AS t (key, failures, window_start)
       VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_start < now() - make_interval(mins => $2) THEN 1
                         ELSE t.failures + 1 END,
         window_start = CASE WHEN t.window_start < now() - make_interval(mins => $2) THEN now()
                             ELSE t.window_start END`,
      [key, this.config.LOGIN_LOCKOUT_MINUTES],
    );
    await this.dataSource.query(
      `UPDATE login_throttle SET locked_until = now() + make_interval(mins => $3), failures = 0,
              window_start = now()
        WHERE key = $1 AND failures >= $2`,
      [key, limit, this.config.LOGIN_LOCKOUT_MINUTES],
    );
  }
}
