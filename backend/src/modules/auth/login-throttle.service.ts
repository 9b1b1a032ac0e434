import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { RateLimiter, type RateRule, TooManyRequestsException } from '../../common/rate-limiter';

// An IP address serves a whole office; it gets more tries than one account before it is locked.
const IP_FACTOR = 4;

export interface LoginKeys {
  account: string;
  ip: string;
}

/**
 * Limits password (and second-factor) attempts per account and per client IP, in the database so
 * every API instance shares the count. An attempt is reserved before the password is checked, so
 * concurrent guesses get at most LOGIN_MAX_FAILURES tries per account (× 4 per address), then
 * 429 until the lockout ends. A reserved attempt counts as a failure unless it is given back.
 * Keys for unknown email addresses are counted the same way, so a lockout reveals nothing about
 * which accounts exist.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  keys(email: string, ip: string): LoginKeys {
    const digest = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
    return { account: `login:email:${digest}`, ip: `login:ip:${ip}` };
  }

  /** Takes one attempt from the account and the address, or answers 429 with Retry-After. */
  async reserve(keys: LoginKeys): Promise<void> {
    const verdict = await this.limiter.reserve(this.rules(keys));
    if (!verdict.granted) {
      throw new TooManyRequestsException(
        'Too many failed attempts. Wait a while and try again.',
        verdict.retryAfterSeconds,
      );
    }
  }

  /** The attempt did not fail (e.g. the right password, the code still to come): both get it back. */
  async release(keys: LoginKeys): Promise<void> {
    await this.limiter.release(this.rules(keys));
  }

  /** A successful login: the account's failures are forgotten, the address gets its attempt back. */
  async succeeded(keys: LoginKeys): Promise<void> {
    await this.limiter.clear(keys.account);
    await this.limiter.release(this.rules(keys).filter((rule) => rule.key === keys.ip));
  }

  private rules(keys: LoginKeys): RateRule[] {
    const seconds = this.config.LOGIN_LOCKOUT_MINUTES * 60;
    const rule = (key: string, limit: number): RateRule => ({
      key,
      limit,
      windowSeconds: seconds,
      lockSeconds: seconds,
    });
    return [
      rule(keys.account, this.config.LOGIN_MAX_FAILURES),
      rule(keys.ip, this.config.LOGIN_MAX_FAILURES * IP_FACTOR),
    ];
  }
}
