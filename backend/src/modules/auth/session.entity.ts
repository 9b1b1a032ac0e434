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

  /**
   * When the user last entered their password (or TOTP code) again in this session
   * (POST /api/auth/reauth); an admin's role, membership and password changes need it to be
   * recent (REAUTH_MINUTES). Null = never.
   */
  @Column({ type: 'timestamptz', nullable: true })
  reauthenticatedAt: Date | null;
}
