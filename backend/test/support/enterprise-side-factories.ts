import type { DataSource } from 'typeorm';

/*
 * Enterprise-side records straight into the database, for tests that need one to read, change or
 * delete (the routes themselves are tested in enterprise-side.int-spec.ts).
 */

async function insert(ds: DataSource, sql: string, params: unknown[]): Promise<string> {
  const [row] = (await ds.query(sql, params)) as { id: string }[];
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export function enterpriseEventIn(ds: DataSource, programmeId: string): Promise<string> {
  return insert(
    ds,
    `INSERT INTO enterprise_events (programme_id, date, title, kind, attendees_total,
       attendees_public_sector, attendees_social_entrepreneurs, attendees_other_sector)
     VALUES ($1, '2026-03-10', 'Mötesplats socialt företagande', 'meeting_place', 40, 28, 12, 0)
     RETURNING id`,
    [programmeId],
  );
}

export function agreementIn(
  ds: DataSource,
  programmeId: string,
  enterpriseId: string,
): Promise<string> {
  return insert(
    ds,
    `INSERT INTO agreements (programme_id, enterprise_id, kind, counterparty, start_date,
       work_training_places, status)
     VALUES ($1, $2, 'iop', 'Eskilstuna kommun', '2026-02-01', 4, 'active') RETURNING id`,
    [programmeId, enterpriseId],
  );
}

export function startedEnterpriseIn(ds: DataSource, programmeId: string): Promise<string> {
  return insert(
    ds,
    `INSERT INTO started_enterprises (programme_id, name, started_on, is_asf)
     VALUES ($1, 'Kaffekooperativet Fika', '2026-04-15', true) RETURNING id`,
    [programmeId],
  );
}

export function entrepreneurContactIn(ds: DataSource, programmeId: string): Promise<string> {
  return insert(
    ds,
    `INSERT INTO entrepreneur_contacts (programme_id, name, gender) VALUES ($1, 'A. B.', 'female')
     RETURNING id`,
    [programmeId],
  );
}

export async function adviceSessionIn(ds: DataSource, programmeId: string): Promise<string> {
  const contactId = await entrepreneurContactIn(ds, programmeId);
  const id = await insert(
    ds,
    `INSERT INTO advice_sessions (programme_id, date, kind, format, duration_minutes)
     VALUES ($1, '2026-03-12', 'business_advice', 'individual', 60) RETURNING id`,
    [programmeId],
  );
  await ds.query(`INSERT INTO advice_session_contacts (session_id, contact_id) VALUES ($1, $2)`, [
    id,
    contactId,
  ]);
  return id;
}
