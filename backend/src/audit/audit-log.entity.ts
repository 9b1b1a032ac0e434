import type { AuditAction, Role } from '@stegvis/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only (a trigger refuses UPDATE and DELETE). Holds ids, never personal data. */
@Entity({ name: 'audit_log' })
@Index('audit_log_entity_idx', ['entityId', 'at'])
@Index('audit_log_user_idx', ['userId', 'at'])
// A GIN index on participant_ids: defined in the migration only, TypeORM leaves it alone.
@Index('audit_log_participants_idx', { synchronize: false })
export class AuditLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Index('audit_log_at_idx')
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'text', nullable: true })
  role: Role | null;

  @Column({ type: 'text' })
  action: AuditAction;

  @Column({ type: 'text' })
  entity: string;

  @Column({ type: 'uuid', nullable: true })
  entityId: string | null;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  /** Non-personal context: route, filter names, ids of records returned by a list. */
  @Column({ type: 'jsonb', default: {} })
  detail: Record<string, unknown>;

  /** The participations the row concerns, sub-records included (see AuditService.write). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  participantIds: string[];
}
