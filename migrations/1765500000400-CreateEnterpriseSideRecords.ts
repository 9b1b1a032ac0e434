import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The enterprise side of a programme (issue 14, parts 4–6): meeting places and network events
 * (attendee counts only: a total, by sector and optionally by gender, each breakdown adding up to
 * the total), agreements between public bodies and social enterprises, and enterprises started.
 * No row names a person.
 */
export class CreateEnterpriseSideRecords1765500000400 implements MigrationInterface {
  name = 'CreateEnterpriseSideRecords1765500000400';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "enterprise_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "date" date NOT NULL, "title" text NOT NULL, "kind" text NOT NULL, "attendees_total" integer NOT NULL, "attendees_public_sector" integer, "attendees_social_entrepreneurs" integer, "attendees_other_sector" integer, "attendees_female" integer, "attendees_male" integer, "attendees_other_gender" integer, "attendees_undisclosed" integer, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "enterprise_events_gender_sum_check" CHECK (("attendees_female" IS NULL AND "attendees_male" IS NULL AND "attendees_other_gender" IS NULL AND "attendees_undisclosed" IS NULL) OR ("attendees_female" + "attendees_male" + "attendees_other_gender" + "attendees_undisclosed" = "attendees_total")), CONSTRAINT "enterprise_events_sector_sum_check" CHECK (("attendees_public_sector" IS NULL AND "attendees_social_entrepreneurs" IS NULL AND "attendees_other_sector" IS NULL) OR ("attendees_public_sector" + "attendees_social_entrepreneurs" + "attendees_other_sector" = "attendees_total")), CONSTRAINT "enterprise_events_counts_check" CHECK ("attendees_total" >= 0 AND "attendees_public_sector" >= 0 AND "attendees_social_entrepreneurs" >= 0 AND "attendees_other_sector" >= 0 AND "attendees_female" >= 0 AND "attendees_male" >= 0 AND "attendees_other_gender" >= 0 AND "attendees_undisclosed" >= 0), CONSTRAINT "enterprise_events_kind_check" CHECK ("kind" IN ('meeting_place', 'network_meeting', 'enterprise_workshop', 'study_visit')), CONSTRAINT "PK_7a405d3d53621d05bb7b62a50ae" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "enterprise_events_programme_idx" ON "enterprise_events" ("programme_id")`,
    );
    await q.query(
      `ALTER TABLE "enterprise_events" ADD CONSTRAINT "enterprise_events_programme_fkey" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await q.query(
      `CREATE TABLE "agreements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "enterprise_id" uuid NOT NULL, "kind" text NOT NULL, "counterparty" text NOT NULL, "start_date" date NOT NULL, "end_date" date, "work_training_places" integer NOT NULL DEFAULT '0', "status" text NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "agreements_ended_check" CHECK ("status" <> 'ended' OR "end_date" IS NOT NULL), CONSTRAINT "agreements_dates_check" CHECK ("end_date" IS NULL OR "end_date" >= "start_date"), CONSTRAINT "agreements_places_check" CHECK ("work_training_places" >= 0), CONSTRAINT "agreements_status_check" CHECK ("status" IN ('draft', 'active', 'ended')), CONSTRAINT "agreements_kind_check" CHECK ("kind" IN ('iop', 'reserved_contract', 'social_procurement', 'other_cooperation')), CONSTRAINT "PK_01532f6c999d44c776e3d1fa4c8" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "agreements_programme_idx" ON "agreements" ("programme_id")`);
    await q.query(`CREATE INDEX "agreements_enterprise_idx" ON "agreements" ("enterprise_id")`);
    await q.query(
      `ALTER TABLE "agreements" ADD CONSTRAINT "agreements_programme_fkey" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "agreements" ADD CONSTRAINT "agreements_enterprise_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await q.query(
      `CREATE TABLE "started_enterprises" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "enterprise_id" uuid, "name" text, "started_on" date NOT NULL, "is_asf" boolean NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "started_enterprises_enterprise_or_name_check" CHECK (("enterprise_id" IS NULL) <> ("name" IS NULL)), CONSTRAINT "PK_205c5a020f28d3d5b857d22887a" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "started_enterprises_enterprise_idx" ON "started_enterprises" ("enterprise_id")`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "started_enterprises_programme_enterprise_key" ON "started_enterprises" ("programme_id", "enterprise_id")`,
    );
    await q.query(
      `ALTER TABLE "started_enterprises" ADD CONSTRAINT "started_enterprises_programme_fkey" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "started_enterprises" ADD CONSTRAINT "started_enterprises_enterprise_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "started_enterprises"`);
    await q.query(`DROP TABLE "agreements"`);
    await q.query(`DROP TABLE "enterprise_events"`);
  }
}
