import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A password an admin set for someone else is a one-time password: `must_change_password` keeps
 * the account on the change-password path until its owner chooses their own. A session's
 * `reauthenticated_at` is when its user last entered their password (or TOTP code) again, for the
 * admin's changes that need a recent re-authentication.
 */
export class AddOneTimePasswordsAndReauth1765100002000 implements MigrationInterface {
  name = 'AddOneTimePasswordsAndReauth1765100002000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "sessions" ADD "reauthenticated_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "reauthenticated_at"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "must_change_password"`);
  }
}
