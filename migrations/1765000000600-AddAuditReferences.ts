import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log as an admin reads it (loggkontroll):
 * - every participation gets a short reference, `P-` and 8 random hexadecimal digits, that a coach
 *   can read out to an admin answering a data subject's "who has looked at my record?". It is
 *   random (not derived from the id, the name or the personnummer), stored, unique, and given by a
 *   trigger on insert, so every way of creating a participant (API, import, demo data) gets one;
 * - every audit row names the participations it concerns (`participant_ids`), sub-records
 *   (plan, sessions, placements, follow-ups, check-ins) included, so the log of one participant is
 *   one indexed query. Rows written before this migration keep an empty list: the log's reader
 *   finds them by their record id (the audit log is append-only, so they are not rewritten).
 */
export class AddAuditReferences1765000000600 implements MigrationInterface {
  name = 'AddAuditReferences1765000000600';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION "participants_new_reference"() RETURNS text LANGUAGE plpgsql AS $$
      DECLARE candidate text;
      BEGIN
        LOOP
          candidate := 'P-' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 8));
          EXIT WHEN NOT EXISTS (SELECT 1 FROM "participants" WHERE "reference" = candidate);
        END LOOP;
        RETURN candidate;
      END $$`);
    await q.query(`ALTER TABLE "participants" ADD "reference" text`);
    await q.query(`
      DO $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT "id" FROM "participants" LOOP
          UPDATE "participants" SET "reference" = "participants_new_reference"() WHERE "id" = r."id";
        END LOOP;
      END $$`);
    await q.query(`ALTER TABLE "participants" ALTER COLUMN "reference" SET NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX "participants_reference_key" ON "participants" ("reference")`,
    );
    await q.query(`
      CREATE FUNCTION "participants_set_reference"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."reference" IS NULL THEN
          NEW."reference" := "participants_new_reference"();
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER "participants_reference" BEFORE INSERT ON "participants"
      FOR EACH ROW EXECUTE FUNCTION "participants_set_reference"()`);

    await q.query(`ALTER TABLE "audit_log" ADD "participant_ids" uuid array NOT NULL DEFAULT '{}'`);
    await q.query(
      `CREATE INDEX "audit_log_participants_idx" ON "audit_log" USING gin ("participant_ids")`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "audit_log_participants_idx"`);
    await q.query(`ALTER TABLE "audit_log" DROP COLUMN "participant_ids"`);
    await q.query(`DROP TRIGGER "participants_reference" ON "participants"`);
    await q.query(`DROP FUNCTION "participants_set_reference"()`);
    await q.query(`DROP INDEX "participants_reference_key"`);
    await q.query(`ALTER TABLE "participants" DROP COLUMN "reference"`);
    await q.query(`DROP FUNCTION "participants_new_reference"()`);
  }
}
