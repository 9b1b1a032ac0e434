import { Injectable, Logger } from '@nestjs/common';
import type { AuditAction, Permission, Role } from '@stegvis/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { StegvisRequest } from '../access/caller';

export interface AuditRecord {
  userId: string | null;
  role: Role | null;
  action: AuditAction;
  entity: string;
  entityId: string | null;
  requestId: string | null;
  ip: string | null;
  /** Ids and parameter names only: never names, identity numbers or free text. */
  detail?: Record<string, unknown>;
  /**
   * The participations the row concerns, as far as the caller knows them (route, response). The
   * writer adds the participant of a placement, follow-up or coaching session named by `entityId`,
   * so a refused request on a sub-record is found in the participant's log too.
   */
  participantIds?: string[];
}

/** Why a signed-in user's request was refused; see refusalRecord. */
export interface Refusal {
  status: 400 | 401 | 403 | 404;
  /** role: the policy table refuses the route; csrf: no CSRF token; session-ended: 401 on an
   *  ended session; scope: 404, the record is outside the caller's scope or does not exist;
   *  validation: 400. */
  reason: 'role' | 'csrf' | 'session-ended' | 'undeclared' | 'scope' | 'validation';
  permission?: Permission;
  /** 400 only: the names of the fields that failed, never their values. */
  fields?: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Field names can be keys the client made up (an unknown key is refused by name): bound them.
const MAX_FIELDS = 20;
const MAX_FIELD_LENGTH = 64;

@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(private readonly dataSource: DataSource) {}

  /** Appends one row; pass the transaction's manager to make it part of a write. */
  async write(
    record: AuditRecord,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const entityId = record.entityId && UUID.test(record.entityId) ? record.entityId : null;
    // The sub-records' tables are read by name: audit/ imports nothing from modules/.
    await manager.query(
      `INSERT INTO audit_log
         (user_id, role, action, entity, entity_id, request_id, ip, detail, participant_ids)
       VALUES ($1, $2, $3, $4::text, $5::uuid, $6, $7, $8, ARRAY(
         SELECT DISTINCT x FROM (
           SELECT unnest($9::uuid[]) AS x
           UNION SELECT participant_id FROM placements
            WHERE $4::text IN ('placement', 'followUp') AND id = $5::uuid
           UNION SELECT participant_id FROM session_attendances
            WHERE $4::text = 'coachingSession' AND session_id = $5::uuid
         ) AS concerned WHERE x IS NOT NULL))`,
      [
        record.userId,
        record.role,
        record.action,
        record.entity,
        entityId,
        record.requestId,
        record.ip,
        JSON.stringify(record.detail ?? {}),
        [...new Set((record.participantIds ?? []).filter((id) => UUID.test(id)))],
      ],
    );
  }

  /** Appends many rows in few statements (an import's one row per created record). */
  async writeMany(
    records: readonly AuditRecord[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const BATCH = 1000;
    for (let i = 0; i < records.length; i += BATCH) {
      const batch = records.slice(i, i + BATCH);
      const values = batch.map((_, j) => {
        const n = j * 8;
        return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, $${n + 8})`;
      });
      await manager.query(
        `INSERT INTO audit_log (user_id, role, action, entity, entity_id, request_id, ip, detail)
         VALUES ${values.join(', ')}`,
        batch.flatMap((record) => [
          record.userId,
          record.role,
          record.action,
          record.entity,
          record.entityId && UUID.test(record.entityId) ? record.entityId : null,
          record.requestId,
          record.ip,
          JSON.stringify(record.detail ?? {}),
        ]),
      );
    }
  }

  /**
   * One `denied` (401, 403, 404) or `rejected` (400) row for a signed-in caller's refused request
   * (ASVS 16.3.2, 16.3.3). Anonymous requests get none: they would let anyone write to the log.
   * The request is refused either way, so a failed write is logged rather than turned into a 500.
   */
  async writeRefusal(
    request: StegvisRequest,
    caller: { userId: string; role: Role | null },
    refusal: Refusal,
  ): Promise<void> {
    try {
      await this.write(refusalRecord(request, caller, refusal));
    } catch (error) {
      this.logger.error(
        { err: error instanceof Error ? error.message : String(error), reqId: request.id },
        'Could not write the audit row of a refused request',
      );
    }
  }
}

/** The audit row of a refused request: route, status, reason and the record id from the path. */
export function refusalRecord(
  request: StegvisRequest,
  caller: { userId: string; role: Role | null },
  refusal: Refusal,
): AuditRecord {
  const prefix = refusal.permission?.split('.')[0];
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  const route = `${request.method} ${request.routeOptions?.url ?? ''}`;
  return {
    userId: caller.userId,
    role: caller.role,
    participantIds: participantIdsOfRoute(route, params),
    action: refusal.status === 400 ? 'rejected' : 'denied',
    entity: prefix === undefined ? 'unknown' : prefix === 'me' ? 'user' : prefix,
    entityId: prefix === 'me' ? caller.userId : (params['id'] ?? null),
    requestId: String(request.id),
    ip: request.ip,
    detail: {
      route,
      status: refusal.status,
      reason: refusal.reason,
      ...(refusal.permission && { permission: refusal.permission }),
      ...(refusal.fields && { fields: boundedFieldNames(refusal.fields) }),
    },
  };
}

/** `/api/participants/:id…`: the participant, or a record of theirs (plan, check-ins, timeline). */
export function participantIdsOfRoute(
  route: string,
  params: Record<string, string | undefined>,
): string[] {
  const id = params['id'];
  const path = route.slice(route.indexOf(' ') + 1);
  return id && (path === '/api/participants/:id' || path.startsWith('/api/participants/:id/'))
    ? [id]
    : [];
}

function boundedFieldNames(fields: string[]): string[] {
  return fields.slice(0, MAX_FIELDS).map((f) =>
    [...f]
      .filter((c) => c >= ' ' && c !== '\u007f')
      .join('')
      .slice(0, MAX_FIELD_LENGTH),
  );
}
