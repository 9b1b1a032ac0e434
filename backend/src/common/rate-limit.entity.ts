import { Column, Entity } from 'typeorm';

/**
 * Counters of the rate limits (RateLimiter): failed logins per account and per address, file
 * downloads per user. Shared by every API instance through the database.
 */
@Entity({ name: 'rate_limits' })
export class RateLimitEntity {
  /** e.g. 'login:email:<sha256 of the lower-cased address>', 'login:ip:<address>', 'export:<user id>'. */
  @Column({ type: 'text', primary: true })
  key: string;

  /** Attempts taken in the current window, including those still in progress. */
  @Column({ type: 'int', default: 0 })
  used: number;

  @Column({ type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;
}
