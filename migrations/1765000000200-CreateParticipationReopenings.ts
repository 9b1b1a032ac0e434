import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Re-opening an ended participation (an exit registered too early or in error): who, when, why,
 * and the exit it undid, so the timeline keeps both the exit and the re-opening.
 */
export class CreateParticipationReopenings1765000000200 implements MigrationInterface {
  name = 'CreateParticipationReopenings1765000000200';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "participation_reopenings" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "participant_id" uuid NOT NULL,
        "reopened_by" uuid,
        "reopened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "reason" text,
        "previous_exited_at" date,
        "previous_exit_reason" text,
        "previous_exit_snapshot" jsonb,
        CONSTRAINT "participation_reopenings_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "participation_reopenings_participant_fkey" FOREIGN KEY ("participant_id")
          REFERENCES "participants" ("id") ON DELETE CASCADE,
        CONSTRAINT "participation_reopenings_user_fkey" FOREIGN KEY ("reopened_by")
          REFERENCES "users" ("id") ON DELETE SET NULL
      )`);
    await q.query(
      `CREATE INDEX "participation_reopenings_participant_idx"
         ON "participation_reopenings" ("participant_id", "reopened_at")`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "participation_reopenings"`);
  }
}
