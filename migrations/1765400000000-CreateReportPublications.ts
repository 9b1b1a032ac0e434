import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fixed report periods: a half-year or year whose report was decided once, after
 * REPORT_FINAL_AFTER_DAYS, and is served unchanged from then on. `state` holds the suppression
 * engine's cells (counts, including the hidden small ones, never published), relations and
 * decisions, so that later periods are decided against exactly what was published; `report` is
 * the published report. Counts only: no row names a person.
 */
export class CreateReportPublications1765400000000 implements MigrationInterface {
  name = 'CreateReportPublications1765400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "report_publications" (
        "programme_id" uuid NOT NULL,
        "period_key" text NOT NULL,
        "threshold" integer NOT NULL,
        "fixed_on" date NOT NULL,
        "state" jsonb NOT NULL,
        "report" jsonb NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "report_publications_pkey" PRIMARY KEY ("programme_id", "period_key"),
        CONSTRAINT "report_publications_period_key_check"
          CHECK ("period_key" ~ '^[0-9]{4}(-H[12])?$'),
        CONSTRAINT "report_publications_programme_fkey" FOREIGN KEY ("programme_id")
          REFERENCES "programmes" ("id") ON DELETE CASCADE
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "report_publications"`);
  }
}
