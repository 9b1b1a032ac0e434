import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditEntry, Page } from '@stegvis/contracts';
import { DataSource } from 'typeorm';
import { RequirePermission } from '../access/decorators';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { ListAuditLogQuery } from './audit-log.dto';
import { AuditLogEntity } from './audit-log.entity';

@ApiTags('audit')
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly dataSource: DataSource) {}

  @RequirePermission('audit.read')
  @Get()
  @ApiOperation({
    summary: 'The audit log (loggkontroll), newest first',
    description:
      '`entityId` answers "who viewed or changed this record", including views through lists. ' +
      '`action=denied` lists refused requests of signed-in users (401 on an ended session, 403, ' +
      '404), `action=rejected` their invalid input (400, with the field names).',
  })
  async list(@Query() query: ListAuditLogQuery): Promise<Page<AuditEntry>> {
    const limit = query.limit ?? 100;
    const qb = this.dataSource
      .getRepository(AuditLogEntity)
      .createQueryBuilder('a')
      .orderBy('a.id', 'DESC')
      .take(limit + 1);
    if (query.entityId) {
      // A list that returned the record counts as a view of it.
      qb.andWhere(`(a.entityId = :entityId OR a.detail->'ids' ? CAST(:entityIdText AS text))`, {
        entityId: query.entityId,
        entityIdText: query.entityId.toLowerCase(),
      });
    }
    if (query.userId) qb.andWhere('a.userId = :userId', { userId: query.userId });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.entity) qb.andWhere('a.entity = :entity', { entity: query.entity });
    if (query.from) qb.andWhere('a.at >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.at < :to', { to: query.to });
    const after = decodeCursor(query.cursor, 1);
    if (after) qb.andWhere('a.id < :after', { after: String(after[0]) });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((a) => ({
        id: String(a.id),
        at: a.at.toISOString(),
        userId: a.userId,
        role: a.role,
        action: a.action,
        entity: a.entity,
        entityId: a.entityId,
        requestId: a.requestId,
        ip: a.ip,
        ...detailOf(a.detail),
      })),
      nextCursor: rows.length > limit && last ? encodeCursor([String(last.id)]) : null,
    };
  }
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
