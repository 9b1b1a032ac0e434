import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { UserEntity } from '../modules/users/user.entity';

/**
 * A POST made with an Idempotency-Key: reserved before the handler runs, completed with the
 * response it gave, replayed for a retry with the same key and body, forgotten after 24 hours.
 */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'idempotency_keys_pkey' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'idempotency_keys_user_fkey' })
  user?: UserEntity;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'idempotency_keys_pkey' })
  key: string;

  @Column({ type: 'text' })
  method: string;

  /** Path and query string of the first request. */
  @Column({ type: 'text' })
  path: string;

  /** SHA-256 of the request body as canonical JSON: the body itself may hold personal data. */
  @Column({ type: 'text' })
  bodyHash: string;

  /** null = the first request is still running. */
  @Column({ type: 'int', nullable: true })
  statusCode: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Index('idempotency_keys_expires_idx')
  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
