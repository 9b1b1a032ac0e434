import { Injectable } from '@nestjs/common';
import {
  type ImportColumnKey,
  type ImportFormat,
  type ImportMode,
  type ImportPreview,
  type ImportResult,
  type ImportedParticipant,
  IMPORT_COLUMNS,
} from '@stegvis/contracts';
import {
  checkImportRows,
  matchImportHeaders,
  type CheckedImport,
  type ImportCells,
  validatePersonnummer,
} from '@stegvis/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Access } from '../../access/decorators';
import { orNotFound, scopeProgrammes } from '../../access/scoping';
import type { StegvisRequest } from '../../access/caller';
import { AuditService } from '../../audit/audit.service';
import { HttpExceptionWithBody } from '../../common/http-exception.filter';
import { CreateParticipantDto } from '../participants/participant.dto';
import { ParticipantsService } from '../participants/participants.service';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { readSheet, type Sheet } from './spreadsheet';

const PREVIEW_ROUTE = 'POST /api/programmes/:id/participant-imports/preview';
const IMPORT_ROUTE = 'POST /api/programmes/:id/participant-imports';

interface Checked extends CheckedImport {
  ignoredHeaders: string[];
  /** Ids of the programme's participants that rows of the file duplicate. */
  duplicateIds: string[];
}

/**
 * A participant list from a spreadsheet into one programme: read, checked row by row with the
 * rules of libs/domain, then saved in one transaction through the participants' own create, so
 * a row is created exactly as POST /api/participants would create it. Never half an import.
 */
@Injectable()
export class ParticipantImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly participants: ParticipantsService,
    private readonly audit: AuditService,
  ) {}

  async preview(
    access: Access,
    request: StegvisRequest,
    programmeId: string,
    body: Buffer,
    format: ImportFormat,
  ): Promise<ImportPreview> {
    const m = this.dataSource.manager;
    await this.programmeIn(m, access, programmeId);
    const checked = await this.check(m, programmeId, await readSheet(body, format));
    // A read of the programme's participants: the duplicates found are named by id, as a list is.
    await this.audit.write({
      ...this.who(access, request),
      action: 'read',
      entity: 'programme',
      entityId: programmeId,
      detail: {
        permission: 'participant.import',
        route: PREVIEW_ROUTE,
        rows: checked.counts.rows,
        ...(checked.duplicateIds.length > 0 && { ids: checked.duplicateIds }),
      },
    });
    return this.previewOf(programmeId, format, checked);
  }

  async import(
    access: Access,
    request: StegvisRequest,
    programmeId: string,
    body: Buffer,
    format: ImportFormat,
    mode: ImportMode,
  ): Promise<ImportResult> {
    await this.programmeIn(this.dataSource.manager, access, programmeId);
    const sheet = await readSheet(body, format);
    return this.participants.withPersonnummerCheck(() =>
      this.dataSource.transaction(async (m) => {
        // One import into a programme at a time, so the duplicate check sees the others' rows.
        const programme = await this.programmeIn(m, access, programmeId, true);
        const checked = await this.check(m, programmeId, sheet);
        if (mode === 'all' && checked.counts.withErrors > 0) {
          const n = checked.counts.withErrors;
          throw new HttpExceptionWithBody(
            400,
            `Inget sparades: ${n} ${n === 1 ? 'rad har' : 'rader har'} fel. Rätta filen, eller välj att spara bara de giltiga raderna.`,
            { preview: this.previewOf(programmeId, format, checked) },
          );
        }
        const ids = await this.participants.createManyInTransaction(
          m,
          access,
          programme,
          checked.valid.map(({ participant }) => createDto(programmeId, participant)),
        );
        await this.audit.writeMany(
          ids.map((id) => ({
            ...this.who(access, request),
            action: 'create' as const,
            entity: 'participant',
            entityId: id,
            detail: { permission: 'participant.import', route: IMPORT_ROUTE, programmeId },
          })),
          m,
        );
        if (ids.length === 0) {
          await this.audit.write(
            {
              ...this.who(access, request),
              action: 'create',
              entity: 'participant',
              entityId: null,
              detail: {
                permission: 'participant.import',
                route: IMPORT_ROUTE,
                programmeId,
                created: 0,
              },
            },
            m,
          );
        }
        return {
          programmeId,
          mode,
          created: ids.length,
          skipped: checked.counts.rows - ids.length,
          ids,
        };
      }),
    );
  }

  private who(access: Access, request: StegvisRequest) {
    return {
      userId: access.userId,
      role: access.role,
      requestId: String(request.id),
      ip: request.ip,
    };
  }

  private async programmeIn(
    m: EntityManager,
    access: Access,
    id: string,
    lock = false,
  ): Promise<ProgrammeEntity> {
    const qb = scopeProgrammes(
      m.createQueryBuilder(ProgrammeEntity, 'pr'),
      'pr.id',
      access,
    ).andWhere('pr.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return orNotFound(await qb.getOne());
  }

  private async check(m: EntityManager, programmeId: string, sheet: Sheet): Promise<Checked> {
    const match = matchImportHeaders(sheet.headers);
    if (match.missing.length > 0) {
      const names = match.missing.map(
        (key) => IMPORT_COLUMNS.find((c) => c.key === key)?.header.sv ?? key,
      );
      throw new HttpExceptionWithBody(
        400,
        `${names.length === 1 ? 'Kolumnen' : 'Kolumnerna'} ${names.join(', ')} saknas i filens första rad. Hämta mallen för att se rubrikerna.`,
        { missingColumns: match.missing },
      );
    }
    const rows = sheet.rows.map(({ row, cells }) => {
      const byKey: ImportCells = {};
      match.columns.forEach((key: ImportColumnKey | null, index) => {
        const value = cells[index];
        if (key && value) byKey[key] = value;
      });
      return { row, cells: byKey };
    });
    const candidates = [
      ...new Set(
        rows.flatMap(({ cells }) => {
          const result = cells.personnummer ? validatePersonnummer(cells.personnummer) : null;
          return result?.valid ? [result.normalised] : [];
        }),
      ),
    ];
    const existing: { id: string; personnummer: string }[] =
      candidates.length === 0
        ? []
        : await m.query(
            `SELECT id, personnummer FROM participants
              WHERE programme_id = $1 AND personnummer = ANY($2::text[])`,
            [programmeId, candidates],
          );
    const checked = checkImportRows(rows, new Set(existing.map((e) => e.personnummer)));
    return { ...checked, ignoredHeaders: match.ignored, duplicateIds: existing.map((e) => e.id) };
  }

  private previewOf(programmeId: string, format: ImportFormat, checked: Checked): ImportPreview {
    return {
      programmeId,
      format,
      ignoredHeaders: checked.ignoredHeaders,
      rows: checked.rows,
      counts: checked.counts,
    };
  }
}

function createDto(programmeId: string, p: ImportedParticipant): CreateParticipantDto {
  return Object.assign(new CreateParticipantDto(), {
    programmeId,
    gender: p.gender,
    enrolledAt: p.enrolledAt,
    consent: { given: p.consent.given, date: p.consent.date ?? null },
    protectedIdentity: p.protectedIdentity,
    ...(p.firstName !== undefined && { firstName: p.firstName }),
    ...(p.lastName !== undefined && { lastName: p.lastName }),
    ...(p.personnummer !== undefined && { personnummer: p.personnummer }),
    ...(p.birthYear !== undefined && { birthYear: p.birthYear }),
    ...(p.municipality !== undefined && { municipality: p.municipality }),
    ...(p.education !== undefined && { education: p.education }),
    ...(p.referredBy !== undefined && { referredBy: p.referredBy }),
  });
}
