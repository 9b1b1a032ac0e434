import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One table for every rate limit (login throttling and downloads), counting attempts reserved
 * before their work is done, in place of login_throttle (failures counted afterwards). The
 * counters are short-lived: none are carried over.
 */
export class CreateRateLimits1765100001000 implements MigrationInterface {
  name = 'CreateRateLimits1765100001000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "rate_limits" (
        "key" text NOT NULL,
        "used" integer NOT NULL DEFAULT 0,
        "window_start" TIMESTAMP WITH TIME ZONE NOT NULL,
        "locked_until" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
      )`);
    await q.query(`DROP TABLE "login_throttle"`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "login_throttle" (
        "key" text NOT NULL,
        "failures" integer NOT NULL DEFAULT 0,
        "window_start" TIMESTAMP WITH TIME ZONE NOT NULL,
        "locked_until" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "login_throttle_pkey" PRIMARY KEY ("key")
      )`);
    await q.query(`DROP TABLE "rate_limits"`);
  }
}
