import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The enterprise profile (issue 14 part 2): a sector or industry, and the work-training places an
 * enterprise offers, each number with the dates it holds for (ranges do not overlap). Places in
 * use are computed from placements, never stored.
 */
export class AddEnterpriseProfile1765500000700 implements MigrationInterface {
  name = 'AddEnterpriseProfile1765500000700';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "enterprises" ADD "sector" text`);
    await q.query(
      `CREATE TABLE "enterprise_place_offers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enterprise_id" uuid NOT NULL, "places" integer NOT NULL, "valid_from" date NOT NULL, "valid_to" date, CONSTRAINT "enterprise_place_offers_places_check" CHECK ("places" >= 0), CONSTRAINT "enterprise_place_offers_dates_check" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from"), CONSTRAINT "PK_enterprise_place_offers" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "enterprise_place_offers_enterprise_idx" ON "enterprise_place_offers" ("enterprise_id") `,
    );
    await q.query(
      `ALTER TABLE "enterprise_place_offers" ADD CONSTRAINT "enterprise_place_offers_enterprise_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "enterprise_place_offers"`);
    await q.query(`ALTER TABLE "enterprises" DROP COLUMN "sector"`);
  }
}
