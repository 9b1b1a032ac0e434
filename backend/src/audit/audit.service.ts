import { Injectable, Logger } from '@nestjs/common';
import type { AuditAction, Permission, Role } from '@stegvis/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { StegvisRequest } from '../access/caller';
import { hashToken } from '../modules/auth/session.service';

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
    await manager.query(
      `INSERT INTO audit_log (user_id, role, action, entity, entity_id, request_id, ip, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        record.userId,
        record.role,
        record.action,
        record.entity,
        record.entityId && UUID.test(record.entityId) ? record.entityId : null,
        record.requestId,
        record.ip,
        JSON.stringify(record.detail ?? {}),
      ],
    );
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

  /**
   * A 401 on a token that belonged to a session which has ended (logout, expiry, disabled user):
   * audited under that session's user. A token that never was a session writes nothing.
   */
  async writeEndedSession(
    request: StegvisRequest,
    token: string,
    permission: Permission | undefined,
  ): Promise<void> {
    let rows: { user_id: string; role: Role | null }[] = [];
    try {
      rows = await this.dataSource.query(
        `SELECT s.user_id, u.role FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.token_hash = $1`,
        [hashToken(token)],
      );
    } catch (error) {
      this.logger.error(
        { err: error instanceof Error ? error.message : String(error), reqId: request.id },
        'Could not look up an ended session',
      );
    }
    const row = rows[0];
    if (!row) return;
    await this.writeRefusal(
      request,
      { userId: row.user_id, role: row.role },
      { status: 401, reason: 'session-ended', permission },
    );
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
  return {
    userId: caller.userId,
    role: caller.role,
    action: refusal.status === 400 ? 'rejected' : 'denied',
    entity: prefix === undefined ? 'unknown' : prefix === 'me' ? 'user' : prefix,
    entityId: prefix === 'me' ? caller.userId : (params['id'] ?? null),
    requestId: String(request.id),
    ip: request.ip,
    detail: {
      route: `${request.method} ${request.routeOptions?.url ?? ''}`,
      status: refusal.status,
      reason: refusal.reason,
      ...(refusal.permission && { permission: refusal.permission }),
      ...(refusal.fields && { fields: boundedFieldNames(refusal.fields) }),
    },
  };
}

function boundedFieldNames(fields: string[]): string[] {
  return fields.slice(0, MAX_FIELDS).map((f) =>
    [...f]
      .filter((c) => c >= ' ' && c !== '\u007f')
      .join('')
      .slice(0, MAX_FIELD_LENGTH),
  );
}
