import { Injectable } from '@nestjs/common';
import type { AuditAction, Role } from '@stegvis/contracts';
import { DataSource, EntityManager } from 'typeorm';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class AuditService {
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
}
