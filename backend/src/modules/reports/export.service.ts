import { Injectable } from '@nestjs/common';
import { EXPORT_COLUMNS, type ReportCell, type Snapshot } from '@stegvis/contracts';
import {
  fiveYearAgeBand,
  type Generalisation,
  kAnonymise,
  roundOneDecimal,
  yearQuarter,
} from '@stegvis/domain';
import { createHmac, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Access } from '../../access/decorators';
import { PROGRESSION_CTE, ReportsService } from './reports.service';

/**
 * The participations of programme $1 that may leave as rows: not reduced (no consent → only
 * counts), not erased (their dates are gone), in the period [$2, $3] by the report's rule.
 */
const EXPORT_ROWS_SQL = `
  WITH p AS (
    SELECT p.id, p.gender, p.birth_year, p.municipality, p.enrolled_at, p.exited_at, p.status,
           p.exit_reason, p.start_snapshot, p.exit_snapshot, false AS reduced
      FROM participants p
     WHERE p.programme_id = $1 AND p.reduced_at IS NULL AND p.erased_at IS NULL
       AND p.enrolled_at IS NOT NULL AND p.enrolled_at <= $3::date
       AND (p.exited_at IS NULL OR p.exited_at >= $2::date)),
  ${PROGRESSION_CTE}
  SELECT p.id, p.gender, p.birth_year, p.municipality, p.enrolled_at::text AS enrolled_at,
         p.exited_at::text AS exited_at, p.status, p.exit_reason, p.start_snapshot, p.exit_snapshot,
         (SELECT count(*) FROM session_attendances a
           WHERE a.participant_id = p.id AND a.attendance = 'attended')::int AS sessions,
         (SELECT count(*) FROM placements pl
           WHERE pl.participant_id = p.id AND pl.status <> 'planned')::int AS placements,
         pp.mean_change::float8 AS mean_change, pp.ladder_change
    FROM p LEFT JOIN per_participant pp ON pp.participant_id = p.id`;

interface ExportSourceRow {
  id: string;
  gender: string;
  birth_year: number | null;
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

export interface AnonymisedExport {
  programmeName: string;
  threshold: number;
  columns: readonly string[];
  rows: ReportCell[][];
  generalisation: Generalisation;
  /** Rows dropped because their group stayed smaller than k, plus rows without a birth year. */
  suppressedRows: number;
}

@Injectable()
export class ExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
  ) {}

  async export(
    access: Access,
    programmeId: string,
    period: { from: string; to: string } | null,
  ): Promise<AnonymisedExport> {
    const { programme, source } = await this.dataSource.transaction(
      'REPEATABLE READ',
      async (m) => {
        const found = await this.reports.programme(access, programmeId, m);
        const rows: ExportSourceRow[] = await m.query(EXPORT_ROWS_SQL, [
          found.id,
          period?.from ?? '0001-01-01',
          period?.to ?? '9999-12-31',
        ]);
        return { programme: found, source: rows };
      },
    );
    // A key for this export only, never stored: pseudonyms cannot be linked across exports.
    const key = randomBytes(32);
    const pseudonym = (id: string) =>
      createHmac('sha256', key).update(id).digest('hex').slice(0, 16);
    // Without a birth year there is no age band to generalise: such rows are left out.
    const usable = source.filter((row) => row.birth_year !== null);
    const k = programme.suppressionThreshold;
    const anonymised = kAnonymise(
      usable.map((row) => ({
        row,
        gender: row.gender,
        ageBand: fiveYearAgeBand(row.birth_year as number, row.enrolled_at),
        municipality: row.municipality ?? 'unknown',
        startQuarter: yearQuarter(row.enrolled_at),
      })),
      { k },
    );
    const rows = anonymised.rows
      .map((r): ReportCell[] => {
        const { row } = r;
        const start = row.start_snapshot;
        const exit = row.exit_snapshot;
        return [
          pseudonym(row.id),
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
      })
      // Ordered by the random pseudonym, so row order says nothing about registration order.
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    return {
      programmeName: programme.name,
      threshold: k,
      columns: EXPORT_COLUMNS,
      rows,
      generalisation: anonymised.generalisation,
      suppressedRows: anonymised.suppressedRows + (source.length - usable.length),
    };
  }
}
