import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '../users/user.entity';

/** A login session. Only the SHA-256 of its token is stored, so a database leak reveals no tokens. */
@Entity({ name: 'sessions' })
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('sessions_token_hash_key', { unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  @Index('sessions_user_idx')
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'sessions_user_fkey' })
  user?: UserEntity;

  /** Double-submit CSRF token for cookie-authenticated browser requests. */
  @Column({ type: 'text' })
  csrfToken: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}

/** Failed-login counters per account key and per IP key; shared by every API instance. */
@Entity({ name: 'login_throttle' })
export class LoginThrottleEntity {
  /** 'email:<sha256 of the lower-cased address>' or 'ip:<address>'; never the address in clear. */
  @Column({ type: 'text', primary: true })
  key: string;

  @Column({ type: 'int', default: 0 })
  failures: number;

  @Column({ type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;
}
