import { Injectable } from '@nestjs/common';
import { EXPORT_COLUMNS, type ReportCell, type Snapshot } from '@stegvis/contracts';
import {
  fiveYearAgeBand,
  type Generalisation,
  kAnonymiseGroups,
  kAnonymityFilter,
  type QuasiIdentifierGroup,
  roundOneDecimal,
  yearQuarter,
} from '@stegvis/domain';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EntityManager } from 'typeorm';
import type { Access } from '../../access/decorators';
import { type DataFreshness, ReportDatabase } from '../../database/report-database';
import { ANALYTICAL_SETTINGS_SQL, PROGRESSION_CTE, ReportsService } from './reports.service';

/** Participation rows read per query in the second pass; memory does not grow with more rows. */
export const EXPORT_BATCH_SIZE = 1000;

/**
 * The participations of programme $1 that may leave as rows: not reduced (no consent → only
 * counts), not erased (their dates are gone), in the period [$2, $3] by the report's rule.
 */
const EXPORTABLE = `
  p.programme_id = $1 AND p.reduced_at IS NULL AND p.erased_at IS NULL
  AND p.enrolled_at IS NOT NULL AND p.enrolled_at <= $3::date
  AND (p.exited_at IS NULL OR p.exited_at >= $2::date)`;

/**
 * Pass 1: the quasi-identifiers' combinations with their counts. Age band and quarter are worked
 * out in Node (libs/domain) from the birth year and the quarter's first day, so the groups here
 * are at most as many as those combinations, never one per row.
 */
const EXPORT_GROUPS_SQL = `
  SELECT p.gender, p.birth_year, p.municipality,
         date_trunc('quarter', p.enrolled_at::timestamp)::date::text AS quarter_start,
         count(*)::int AS count
    FROM participants p
   WHERE ${EXPORTABLE}
   GROUP BY 1, 2, 3, 4`;

/**
 * HMAC-SHA256 of the participation id ($4 = key ⊕ ipad, $5 = key ⊕ opad), first 16 hex digits:
 * the same value as Node's `createHmac('sha256', key).update(id)`, computed in SQL so that rows
 * can be read in pseudonym order batch by batch.
 */
export const PSEUDONYM_SQL = `substr(encode(sha256($5::bytea || sha256($4::bytea ||
  convert_to(p.id::text, 'UTF8'))), 'hex'), 1, 16)`;

/**
 * Pass 2, the order: the exportable participations with a birth year (no age band without one)
 * and their pseudonyms, sorted once by the server behind a cursor and fetched EXPORT_BATCH_SIZE
 * at a time. (A keyset query per batch would compute and sort every pseudonym again for each
 * batch: quadratic in the rows.)
 */
const EXPORT_ORDER_SQL = `
  SELECT x.id, x.pseudonym FROM (
    SELECT p.id, ${PSEUDONYM_SQL} AS pseudonym
      FROM participants p
     WHERE ${EXPORTABLE} AND p.birth_year IS NOT NULL) x
   ORDER BY x.pseudonym COLLATE "C", x.id`;

const EXPORT_CURSOR = 'stegvis_export_rows';

/**
 * Pass 2, one batch: the rows of the fetched ids ($4) with their pseudonyms ($5), in that order;
 * the progression CTE only looks at the batch's participations.
 */
const EXPORT_BATCH_SQL = `
  WITH b AS (SELECT * FROM unnest($4::uuid[], $5::text[]) WITH ORDINALITY AS b(id, pseudonym, n)),
  p AS (
    SELECT p.id, p.gender, p.birth_year, p.municipality, p.enrolled_at, p.exited_at, p.status,
           p.exit_reason, p.start_snapshot, p.exit_snapshot, false AS reduced, b.pseudonym, b.n
      FROM b JOIN participants p ON p.id = b.id
     WHERE ${EXPORTABLE}),
  ${PROGRESSION_CTE}
  SELECT p.id, p.pseudonym, p.gender, p.birth_year, p.municipality,
         p.enrolled_at::text AS enrolled_at, p.exited_at::text AS exited_at, p.status,
         p.exit_reason, p.start_snapshot, p.exit_snapshot,
         (SELECT count(*) FROM session_attendances a
           WHERE a.participant_id = p.id AND a.attendance = 'attended')::int AS sessions,
         (SELECT count(*) FROM placements pl
           WHERE pl.participant_id = p.id AND pl.status <> 'planned')::int AS placements,
         pp.mean_change::float8 AS mean_change, pp.ladder_change
    FROM p LEFT JOIN per_participant pp ON pp.participant_id = p.id
   ORDER BY p.n`;

interface ExportGroupRow {
  gender: string;
  birth_year: number | null;
  municipality: string | null;
  quarter_start: string;
  count: number;
}

interface ExportSourceRow {
  id: string;
  pseudonym: string;
  gender: string;
  birth_year: number;
  municipality: string | null;
  enrolled_at: string;
  exited_at: string | null;
  status: string;
  exit_reason: string | null;
  start_snapshot: Snapshot | null;
  exit_snapshot: Snapshot | null;
  sessions: number;
  placements: number;
  mean_change: number | null;
  ladder_change: number | null;
}

/** What is known after pass 1, before any row is read. */
export interface ExportHead {
  programmeName: string;
  threshold: number;
  columns: readonly string[];
  /** Rows the file holds. */
  rows: number;
  generalisation: Generalisation;
  /** Rows dropped because their group stayed smaller than k, plus rows without a birth year. */
  suppressedRows: number;
  /** When the rows read were current (ISO timestamp); null = not known. */
  dataAsOf: string | null;
}

export interface AnonymisedExport extends ExportHead {
  /** The finished file (spooled to a temporary file, already unlinked); read it once. */
  file: Readable;
  /** Where the rows were read and how current they were. */
  freshness: DataFreshness;
}

/** Writes the file for `head` from `rows` (read lazily, batch by batch). */
export type ExportRenderer = (head: ExportHead, rows: AsyncIterable<ReportCell[]>) => Readable;

/** HMAC's inner and outer padded keys for a key of at most 64 bytes (RFC 2104, SHA-256). */
export function hmacPads(key: Buffer): { inner: Buffer; outer: Buffer } {
  const block = Buffer.alloc(64);
  key.copy(block);
  return {
    inner: Buffer.from(block.map((byte) => byte ^ 0x36)),
    outer: Buffer.from(block.map((byte) => byte ^ 0x5c)),
  };
}

/**
 * The anonymised row-level export in two passes over one REPEATABLE READ snapshot: the
 * generalisation is decided on counted combinations (SQL GROUP BY), then the rows are read in
 * batches of EXPORT_BATCH_SIZE in pseudonym order and written one by one. The file is spooled to
 * a temporary file inside the transaction, so that the transaction never waits for a slow client
 * (on PGlite an open transaction blocks every other connection); memory stays at about one batch.
 */
@Injectable()
export class ExportService {
  constructor(
    private readonly database: ReportDatabase,
    private readonly reports: ReportsService,
  ) {}

  async export(
    access: Access,
    programmeId: string,
    period: { from: string; to: string } | null,
    render: ExportRenderer,
  ): Promise<AnonymisedExport> {
    const dir = await mkdtemp(join(tmpdir(), 'stegvis-export-'));
    try {
      const path = join(dir, 'export');
      // Who may see it from the primary; the rows from the replica when there is one.
      const programme = await this.reports.programme(access, programmeId);
      const { result: head, freshness } = await this.database.read(async (m, { dataAsOf }) => {
        await m.query(ANALYTICAL_SETTINGS_SQL);
        const params: [string, string, string] = [
          programme.id,
          period?.from ?? '0001-01-01',
          period?.to ?? '9999-12-31',
        ];
        const groups: ExportGroupRow[] = await m.query(EXPORT_GROUPS_SQL, params);
        // Without a birth year there is no age band to generalise: such rows are left out.
        const usable: QuasiIdentifierGroup[] = [];
        let total = 0;
        for (const group of groups) {
          total += group.count;
          if (group.birth_year === null) continue;
          usable.push({
            qi: {
              gender: group.gender,
              ageBand: fiveYearAgeBand(group.birth_year, group.quarter_start),
              municipality: group.municipality ?? 'unknown',
              startQuarter: yearQuarter(group.quarter_start),
            },
            count: group.count,
          });
        }
        const k = programme.suppressionThreshold;
        const decision = kAnonymiseGroups(usable, { k });
        const kept = usable.reduce((sum, { count }) => sum + count, 0) - decision.suppressedRows;
        const head: ExportHead = {
          programmeName: programme.name,
          threshold: k,
          columns: EXPORT_COLUMNS,
          rows: kept,
          generalisation: decision.generalisation,
          suppressedRows: total - kept,
          dataAsOf,
        };
        // A key for this export only, never stored: pseudonyms cannot be linked across exports.
        const pads = hmacPads(randomBytes(32));
        const keep = kAnonymityFilter(decision);
        let written = 0;
        async function* rows(): AsyncGenerator<ReportCell[]> {
          for await (const batch of batches(m, params, pads)) {
            for (const row of batch) {
              const generalised = keep({
                row,
                gender: row.gender,
                ageBand: fiveYearAgeBand(row.birth_year, row.enrolled_at),
                municipality: row.municipality ?? 'unknown',
                startQuarter: yearQuarter(row.enrolled_at),
              });
              if (generalised === null) continue;
              written++;
              yield exportRow(generalised);
            }
          }
        }
        await pipeline(render(head, rows()), createWriteStream(path, { mode: 0o600 }));
        if (written !== kept) {
          throw new Error(`Export wrote ${written} rows, pass 1 counted ${kept}`);
        }
        return head;
      });
      // Unlinked once open: the file disappears when the reply has read (or dropped) it.
      const handle = await open(path, 'r');
      return { ...head, file: handle.createReadStream(), freshness };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/**
 * Batches of rows in (pseudonym, id) order through the transaction's manager: a cursor over the
 * order ($1–$3 the period and programme, $4/$5 the HMAC pads), then one query per fetched batch.
 */
async function* batches(
  m: EntityManager,
  params: [string, string, string],
  pads: { inner: Buffer; outer: Buffer },
): AsyncGenerator<ExportSourceRow[]> {
  await m.query(`DECLARE ${EXPORT_CURSOR} NO SCROLL CURSOR FOR ${EXPORT_ORDER_SQL}`, [
    ...params,
    pads.inner,
    pads.outer,
  ]);
  // The cursor ends with the transaction at the latest (also when the writer fails half-way).
  for (;;) {
    const order: { id: string; pseudonym: string }[] = await m.query(
      `FETCH ${EXPORT_BATCH_SIZE} FROM ${EXPORT_CURSOR}`,
    );
    if (order.length > 0) {
      yield await m.query(EXPORT_BATCH_SQL, [
        ...params,
        order.map((row) => row.id),
        order.map((row) => row.pseudonym),
      ]);
    }
    if (order.length < EXPORT_BATCH_SIZE) break;
  }
  await m.query(`CLOSE ${EXPORT_CURSOR}`);
}

function exportRow(r: {
  row: ExportSourceRow;
  gender: string;
  ageBand: string;
  municipality: string;
  startQuarter: string;
}): ReportCell[] {
  const { row } = r;
  const start = row.start_snapshot;
  const exit = row.exit_snapshot;
  return [
    row.pseudonym,
    r.gender,
    r.ageBand,
    r.municipality,
    r.startQuarter,
    row.exited_at ? yearQuarter(row.exited_at) : null,
    row.status,
    row.exit_reason,
    row.exited_at === null
      ? 'ongoing'
      : row.exit_reason === 'work' || row.exit_reason === 'studies'
        ? 'work_or_studies'
        : 'other_exit',
    start ? start.incomeSources.join('|') : null,
    start?.timeInSupport ?? null,
    start?.occupation ?? null,
    start?.occupationPercent ?? null,
    exit ? exit.incomeSources.join('|') : null,
    exit?.occupation ?? null,
    exit?.occupationPercent ?? null,
    row.sessions,
    row.placements,
    row.mean_change === null ? null : roundOneDecimal(row.mean_change),
    row.ladder_change,
    row.mean_change === null && row.ladder_change === null
      ? null
      : (row.mean_change ?? 0) > 0 || (row.ladder_change ?? 0) > 0,
  ];
}
