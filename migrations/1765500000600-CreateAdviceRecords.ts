import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Advice to entrepreneurs (issue 14 part 3): the people advised (a name or initials, gender and an
 * enterprise or the idea stage — no case data) and the advice sessions with who took part.
 * Removing a contact removes them from their sessions; the sessions stay counted by kind.
 */
export class CreateAdviceRecords1765500000600 implements MigrationInterface {
  name = 'CreateAdviceRecords1765500000600';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "entrepreneur_contacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "name" text NOT NULL, "gender" text NOT NULL, "enterprise_id" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "entrepreneur_contacts_gender_check" CHECK ("gender" IN ('female', 'male', 'other', 'undisclosed')), CONSTRAINT "PK_entrepreneur_contacts" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "entrepreneur_contacts_programme_idx" ON "entrepreneur_contacts" ("programme_id")`,
    );
    await q.query(
      `ALTER TABLE "entrepreneur_contacts" ADD CONSTRAINT "entrepreneur_contacts_programme_fkey" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "entrepreneur_contacts" ADD CONSTRAINT "entrepreneur_contacts_enterprise_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE TABLE "advice_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "date" date NOT NULL, "kind" text NOT NULL, "format" text NOT NULL, "duration_minutes" integer NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "advice_sessions_kind_check" CHECK ("kind" IN ('business_advice', 'life_coaching', 'other')), CONSTRAINT "advice_sessions_format_check" CHECK ("format" IN ('individual', 'group')), CONSTRAINT "advice_sessions_duration_check" CHECK ("duration_minutes" BETWEEN 1 AND 1440), CONSTRAINT "PK_advice_sessions" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "advice_sessions_programme_date_idx" ON "advice_sessions" ("programme_id", "date") `,
    );
    await q.query(
      `ALTER TABLE "advice_sessions" ADD CONSTRAINT "advice_sessions_programme_fkey" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE TABLE "advice_session_contacts" ("session_id" uuid NOT NULL, "contact_id" uuid NOT NULL, CONSTRAINT "PK_advice_session_contacts" PRIMARY KEY ("session_id", "contact_id"))`,
    );
    await q.query(
      `CREATE INDEX "advice_session_contacts_contact_idx" ON "advice_session_contacts" ("contact_id") `,
    );
    await q.query(
      `ALTER TABLE "advice_session_contacts" ADD CONSTRAINT "advice_session_contacts_session_fkey" FOREIGN KEY ("session_id") REFERENCES "advice_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "advice_session_contacts" ADD CONSTRAINT "advice_session_contacts_contact_fkey" FOREIGN KEY ("contact_id") REFERENCES "entrepreneur_contacts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "advice_session_contacts"`);
    await q.query(`DROP TABLE "advice_sessions"`);
    await q.query(`DROP TABLE "entrepreneur_contacts"`);
  }
}
