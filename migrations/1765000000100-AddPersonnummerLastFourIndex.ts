import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The caseload search by the last four digits of a personnummer, within a programme. A full
 * number is found through participants_programme_personnummer_key; the last four need their own
 * expression index so the search stays an index lookup.
 */
export class AddPersonnummerLastFourIndex1765000000100 implements MigrationInterface {
  name = 'AddPersonnummerLastFourIndex1765000000100';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "participants_programme_personnummer_last4_idx" ON "participants" ("programme_id", right("personnummer", 4)) WHERE "personnummer" IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "participants_programme_personnummer_last4_idx"`);
  }
}
