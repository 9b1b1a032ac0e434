import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Programme targets become a catalogue (issue 13): `programmes.targets` turns from an object with
 * four fixed targets into a list of `{ kind, gender, unit, value, min, max, label, note }`
 * (libs/contracts targets.ts).
 *
 * Why a jsonb list on the programme rather than a `programme_targets` table: the list is always
 * read and written whole, with its programme (the admin form saves the catalogue, the report reads
 * the programme row), nothing else refers to a single target, a programme has a handful, and its
 * order is the admin's. The rules on each target (known kind, gender only where the kind has one,
 * min ≤ max, shares 0–100) are the API's (programme.dto.ts); the database keeps it a list.
 *
 * `up` turns each old target into its catalogue entry: planned participants per gender into
 * `participants` with that gender, plus their sum as a total (the report showed that row), placements,
 * sessions per participant, the gender split as a percent range. `down` turns the list back as far
 * as the old form can hold it (per-gender participants and placements as numbers, a range by its
 * lower end; exits and labels are lost).
 */

type Json = Record<string, unknown>;

const GENDERS = ['female', 'male', 'other', 'undisclosed'] as const;

const entry = (fields: Json): Json => ({
  kind: fields['kind'],
  gender: null,
  unit: 'count',
  value: null,
  min: null,
  max: null,
  label: null,
  note: null,
  ...fields,
});

const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** The old object form → the catalogue. */
export function targetsToCatalogue(old: Json): Json[] {
  const list: Json[] = [];
  const planned = (old['plannedParticipants'] ?? {}) as Json;
  let total: number | null = null;
  for (const gender of GENDERS) {
    const value = num(planned[gender]);
    if (value === null) continue;
    list.push(entry({ kind: 'participants', gender, value }));
    total = (total ?? 0) + value;
  }
  if (total !== null) list.push(entry({ kind: 'participants', value: total }));
  const placements = num(old['placements']);
  if (placements !== null) list.push(entry({ kind: 'placements', value: placements }));
  const sessions = num(old['sessionsPerParticipant']);
  if (sessions !== null) {
    list.push(entry({ kind: 'sessions_per_participant', unit: 'mean', value: sessions }));
  }
  const split = old['genderSplit'] as Json | null | undefined;
  if (split && (num(split['minPercent']) !== null || num(split['maxPercent']) !== null)) {
    list.push(
      entry({
        kind: 'gender_split',
        unit: 'percent',
        min: num(split['minPercent']),
        max: num(split['maxPercent']),
      }),
    );
  }
  return list;
}

/** The catalogue → the old object form, as far as it can hold it. */
export function catalogueToTargets(list: Json[]): Json {
  const old: Json = {
    plannedParticipants: {},
    placements: null,
    sessionsPerParticipant: null,
    genderSplit: null,
  };
  const goal = (t: Json) => num(t['value']) ?? num(t['min']) ?? num(t['max']);
  for (const t of list) {
    const value = goal(t);
    if (t['kind'] === 'participants' && typeof t['gender'] === 'string' && value !== null) {
      (old['plannedParticipants'] as Json)[t['gender']] = value;
    } else if (t['kind'] === 'placements' && old['placements'] === null) {
      old['placements'] = value === null ? null : Math.round(value);
    } else if (t['kind'] === 'sessions_per_participant' && old['sessionsPerParticipant'] === null) {
      old['sessionsPerParticipant'] = value === null ? null : Math.round(value);
    } else if (t['kind'] === 'gender_split' && old['genderSplit'] === null) {
      old['genderSplit'] = {
        minPercent: Math.round(num(t['min']) ?? num(t['value']) ?? 0),
        maxPercent: Math.round(num(t['max']) ?? 100),
      };
    }
  }
  return old;
}

export class ConvertProgrammeTargetsToCatalogue1765300000000 implements MigrationInterface {
  name = 'ConvertProgrammeTargetsToCatalogue1765300000000';

  public async up(q: QueryRunner): Promise<void> {
    const rows = (await q.query(
      `SELECT "id", "targets" FROM "programmes" WHERE jsonb_typeof("targets") = 'object'`,
    )) as { id: string; targets: Json }[];
    for (const row of rows) {
      await q.query(`UPDATE "programmes" SET "targets" = $2::jsonb WHERE "id" = $1`, [
        row.id,
        JSON.stringify(targetsToCatalogue(row.targets)),
      ]);
    }
    await q.query(`ALTER TABLE "programmes" ALTER COLUMN "targets" SET DEFAULT '[]'`);
    await q.query(
      `ALTER TABLE "programmes" ADD CONSTRAINT "programmes_targets_check"
         CHECK (jsonb_typeof("targets") = 'array')`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "programmes" DROP CONSTRAINT "programmes_targets_check"`);
    await q.query(`ALTER TABLE "programmes" ALTER COLUMN "targets" SET DEFAULT '{}'`);
    const rows = (await q.query(
      `SELECT "id", "targets" FROM "programmes" WHERE jsonb_typeof("targets") = 'array'`,
    )) as { id: string; targets: Json[] }[];
    for (const row of rows) {
      await q.query(`UPDATE "programmes" SET "targets" = $2::jsonb WHERE "id" = $1`, [
        row.id,
        JSON.stringify(catalogueToTargets(row.targets)),
      ]);
    }
  }
}
