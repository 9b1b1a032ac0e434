import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  AUDIT_EXTRACT_LIMIT,
  AUDIT_LABELS,
  auditEntityLabel,
  auditOutcomeOf,
  normaliseParticipantRef,
  type AuditEntry,
  type AuditExtract,
  type Locale,
  type Page,
  type Role,
} from '@stegvis/contracts';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { CurrentAccess, RequirePermission, type Access } from '../access/decorators';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { FieldValidationException } from '../common/validation';
import { AuditExtractQuery, ListAuditLogQuery } from './audit-log.dto';

interface Filter {
  participantId?: string;
  entityId?: string;
  userId?: string;
  action?: string;
  entity?: string;
  from?: string;
  to?: string;
  /** Keyset: rows older than this id. */
  before?: string;
}

interface AuditRow {
  id: string;
  at: Date;
  user_id: string | null;
  role: Role | null;
  action: AuditEntry['action'];
  entity: string;
  entity_id: string | null;
  request_id: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
  participant_count: number;
  participant_refs: string[];
  user_name: string | null;
  user_disabled: boolean;
}

@ApiTags('audit')
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly dataSource: DataSource) {}

  @RequirePermission('audit.read')
  @Get()
  @ApiOperation({
    operationId: 'listAuditLog',
    summary: 'The audit log (loggkontroll), newest first, with user names',
    description:
      '`entityId` answers "who viewed or changed this record", including views through lists; ' +
      "`participantRef` (the short reference on the coach's participant page) the same for a " +
      'participant and every record of theirs (plan, sessions, placements, follow-ups, check-ins). ' +
      '`action=denied` lists refused requests of signed-in users (401 on an ended session, 403, ' +
      '404), `action=rejected` their invalid input (400, with the field names).',
  })
  async list(@Query() query: ListAuditLogQuery): Promise<Page<AuditEntry>> {
    const limit = query.limit ?? 100;
    const participantId = query.participantRef
      ? await this.participantOf(query.participantRef)
      : undefined;
    const after = decodeCursor(query.cursor, 1);
    const rows = await this.rows(
      {
        participantId,
        entityId: query.entityId,
        userId: query.userId,
        action: query.action,
        entity: query.entity,
        from: query.from,
        to: query.to,
        before: after ? String(after[0]) : undefined,
      },
      'DESC',
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toEntry),
      nextCursor: rows.length > limit && last ? encodeCursor([String(last.id)]) : null,
    };
  }

  @RequirePermission('audit.read')
  @Get('extract')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    operationId: 'getAuditExtract',
    summary: "One participant's log extract for a period, oldest first (JSON, or CSV)",
    description:
      'Every read, change and refusal concerning the participation with this reference, for ' +
      'the data subject\'s "who has looked at my record?". It names users, never the participant: ' +
      `the admin learns no case data. At most ${AUDIT_EXTRACT_LIMIT} rows (\`truncated\`).`,
  })
  async extract(
    @CurrentAccess() access: Access,
    @Query() query: AuditExtractQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuditExtract | string> {
    const participantRef = normaliseParticipantRef(query.participantRef) ?? '';
    const participantId = await this.participantOf(query.participantRef);
    const rows = await this.rows(
      { participantId, from: query.from, to: query.to },
      'ASC',
      AUDIT_EXTRACT_LIMIT + 1,
    );
    const extract: AuditExtract = {
      participantRef,
      from: query.from ?? null,
      to: query.to ?? null,
      producedAt: new Date().toISOString(),
      producedBy: { id: access.userId, name: access.name, role: access.role },
      items: rows.slice(0, AUDIT_EXTRACT_LIMIT).map(toEntry),
      truncated: rows.length > AUDIT_EXTRACT_LIMIT,
    };
    if (query.format !== 'csv') return extract;
    const day = extract.producedAt.slice(0, 10);
    void reply.header('Content-Type', 'text/csv; charset=utf-8');
    void reply.header(
      'Content-Disposition',
      `attachment; filename="stegvis-loggutdrag-${participantRef}-${day}.csv"`,
    );
    void reply.header('X-Content-Type-Options', 'nosniff');
    return extractCsv(extract, query.lang ?? 'sv');
  }

  /** The participation with this reference, or a field error: nothing else about it is read. */
  private async participantOf(value: string): Promise<string> {
    const reference = normaliseParticipantRef(value);
    if (!reference) {
      throw new FieldValidationException({
        participantRef: ['A reference is P- and 8 characters 0–9 or A–F, e.g. P-7F3A2C91.'],
      });
    }
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM participants WHERE reference = $1`,
      [reference],
    );
    const id = rows[0]?.id;
    if (!id)
      throw new FieldValidationException({
        participantRef: ['No participant has this reference.'],
      });
    return id;
  }

  private async rows(filter: Filter, order: 'ASC' | 'DESC', limit: number): Promise<AuditRow[]> {
    const params: unknown[] = [];
    const p = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    const concerned = filter.participantId ? p(filter.participantId) : 'NULL';
    if (filter.participantId) {
      const text = p(filter.participantId.toLowerCase());
      // Rows written before participant_ids existed: found by the record they name.
      where.push(`(a.participant_ids @> ARRAY[${concerned}::uuid] OR (
        cardinality(a.participant_ids) = 0 AND (
          a.entity_id = ${concerned}::uuid OR a.detail->'ids' ? CAST(${text} AS text)
          OR (a.entity IN ('placement', 'followUp') AND a.entity_id IN
              (SELECT id FROM placements WHERE participant_id = ${concerned}::uuid))
          OR (a.entity = 'coachingSession' AND a.entity_id IN
              (SELECT session_id FROM session_attendances WHERE participant_id = ${concerned}::uuid))
        )))`);
    }
    if (filter.entityId) {
      // A list that returned the record counts as a view of it.
      const id = p(filter.entityId);
      const text = p(filter.entityId.toLowerCase());
      where.push(`(a.entity_id = ${id}::uuid OR a.detail->'ids' ? CAST(${text} AS text))`);
    }
    if (filter.userId) where.push(`a.user_id = ${p(filter.userId)}::uuid`);
    if (filter.action) where.push(`a.action = ${p(filter.action)}`);
    if (filter.entity) where.push(`a.entity = ${p(filter.entity)}`);
    if (filter.from) where.push(`a.at >= ${p(filter.from)}::timestamptz`);
    if (filter.to) where.push(`a.at < ${p(filter.to)}::timestamptz`);
    if (filter.before) where.push(`a.id < ${p(filter.before)}::bigint`);
    return this.dataSource.query(
      `SELECT a.id::text AS id, a.at, a.user_id, a.role, a.action, a.entity, a.entity_id,
              a.request_id, a.ip, a.detail,
              cardinality(a.participant_ids) AS participant_count,
              ARRAY(SELECT pr.reference FROM participants pr WHERE pr.id = ANY(a.participant_ids)
                     ORDER BY (pr.id = ${concerned}::uuid) IS TRUE DESC, pr.reference LIMIT 3)
                AS participant_refs,
              u.name AS user_name, (u.disabled_at IS NOT NULL) AS user_disabled
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.id ${order} LIMIT ${p(limit)}`,
      params,
    );
  }
}

function toEntry(a: AuditRow): AuditEntry {
  return {
    id: String(a.id),
    at: new Date(a.at).toISOString(),
    userId: a.user_id,
    role: a.role,
    action: a.action,
    entity: a.entity,
    entityId: a.entity_id,
    requestId: a.request_id,
    ip: a.ip,
    ...detailOf(a.detail),
    userName: a.user_id ? a.user_name : null,
    userDisabled: a.user_disabled === true,
    participantCount: Number(a.participant_count),
    participantRefs: a.participant_refs ?? [],
  };
}

/** The parts of a row's detail an admin sees: the route, and for refusals status and field names. */
function detailOf(
  detail: Record<string, unknown>,
): Pick<AuditEntry, 'route' | 'status' | 'fields'> {
  const { route, status, fields } = detail;
  return {
    route: typeof route === 'string' ? route : null,
    status: typeof status === 'number' ? status : null,
    fields: Array.isArray(fields) ? fields.filter((f): f is string => typeof f === 'string') : null,
  };
}

const CSV_TEXT: Record<Locale, Record<string, string>> = {
  sv: {
    title: 'Loggutdrag för deltagare',
    period: 'Period',
    whole: 'hela loggen',
    producedBy: 'Framtaget av',
    producedAt: 'Framtaget',
    truncated: `Fler än ${AUDIT_EXTRACT_LIMIT} händelser: utdraget är avkortat, välj en kortare period.`,
    at: 'Tid (svensk tid)',
    user: 'Användare',
    role: 'Roll',
    action: 'Händelse',
    entity: 'Typ av uppgift',
    entityId: 'Postens id',
    outcome: 'Utfall',
    fields: 'Fält',
    route: 'Anrop',
    ip: 'IP-adress',
    disabled: 'inaktiverad',
  },
  en: {
    title: 'Audit log extract for participant',
    period: 'Period',
    whole: 'whole log',
    producedBy: 'Produced by',
    producedAt: 'Produced',
    truncated: `More than ${AUDIT_EXTRACT_LIMIT} events: the extract is cut short, choose a shorter period.`,
    at: 'Time (Swedish time)',
    user: 'User',
    role: 'Role',
    action: 'Event',
    entity: 'Kind of record',
    entityId: 'Record id',
    outcome: 'Outcome',
    fields: 'Fields',
    route: 'Request',
    ip: 'IP address',
    disabled: 'disabled',
  },
};

const ROLE_WORDS: Record<Locale, Record<Role, string>> = {
  sv: { admin: 'Administratör', lead: 'Projektledare', coach: 'Coach', supervisor: 'Handledare' },
  en: { admin: 'Administrator', lead: 'Programme lead', coach: 'Coach', supervisor: 'Supervisor' },
};

const stockholm = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  dateStyle: 'short',
  timeStyle: 'medium',
});

/** The extract as CSV (UTF-8 with a BOM, for Excel): a header block, then one line per event. */
function extractCsv(extract: AuditExtract, lang: Locale): string {
  const t = CSV_TEXT[lang];
  const words = AUDIT_LABELS[lang];
  const when = (iso: string | null) => (iso ? stockholm.format(new Date(iso)) : '');
  const period =
    extract.from || extract.to ? `${when(extract.from)} – ${when(extract.to)}` : t['whole'];
  const producer = `${extract.producedBy.name} (${ROLE_WORDS[lang][extract.producedBy.role]})`;
  const rows: string[][] = [
    [t['title'] ?? '', extract.participantRef],
    [t['period'] ?? '', period],
    [t['producedBy'] ?? '', producer],
    [t['producedAt'] ?? '', when(extract.producedAt)],
    ...(extract.truncated ? [[t['truncated'] ?? '']] : []),
    [],
    [
      t['at'],
      t['user'],
      t['role'],
      t['action'],
      t['entity'],
      t['entityId'],
      t['outcome'],
      t['fields'],
      t['route'],
      t['ip'],
    ].map((h) => h ?? ''),
    ...extract.items.map((e) => [
      when(e.at),
      e.userName ? `${e.userName}${e.userDisabled ? ` (${t['disabled']})` : ''}` : (e.userId ?? ''),
      e.role ? ROLE_WORDS[lang][e.role] : '',
      words.action[e.action] ?? e.action,
      auditEntityLabel(e.entity, lang),
      e.entityId ?? '',
      words.outcome[auditOutcomeOf(e)],
      (e.fields ?? []).join(', '),
      e.route ?? '',
      e.ip ?? '',
    ]),
  ];
  return stringify(rows, { bom: true });
}
