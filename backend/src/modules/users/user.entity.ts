import type { Locale, Role } from '@stegvis/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { ProgrammeEntity } from '../programmes/programme.entity';

@Entity({ name: 'users' })
@Check('users_role_check', `"role" IN ('admin', 'lead', 'coach', 'supervisor')`)
@Check(
  'users_supervisor_enterprise_check',
  `("role" = 'supervisor') = ("enterprise_id" IS NOT NULL)`,
)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique. */
  @Index('users_email_key', { unique: true })
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ type: 'text' })
  passwordHash: string;

  /** A supervisor's enterprise; null for every other role. */
  @Column({ type: 'uuid', nullable: true })
  enterpriseId: string | null;

  @ManyToOne(() => EnterpriseEntity, {
    onDelete: 'RESTRICT',
  })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'users_enterprise_fkey' })
  enterprise?: EnterpriseEntity;

  @Column({ type: 'text', default: 'sv' })
  locale: Locale;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  passwordChangedAt: Date;

  /**
   * The password was set by an admin (a new account or a reset): a one-time password. Until the
   * user chooses their own, the access guard lets them only read /api/me, change the password and
   * log out.
   */
  @Column({ type: 'boolean', default: false })
  mustChangePassword: boolean;

  /**
   * The TOTP secret, encrypted (backend/src/modules/auth/mfa-crypto.ts). Set with
   * `mfaEnabledAt` null while an enrolment waits for its confirmation; null when MFA is off.
   */
  @Column({ type: 'text', nullable: true })
  mfaSecret: string | null;

  /** When MFA was turned on; null = off. */
  @Column({ type: 'timestamptz', nullable: true })
  mfaEnabledAt: Date | null;

  /** The last TOTP time step accepted: a code of this step or an earlier one is refused (replay). */
  @Column({ type: 'bigint', nullable: true })
  mfaLastStep: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Coaches and leads belong to programmes; their scope is these rows. */
@Entity({ name: 'programme_members' })
export class ProgrammeMemberEntity {
  @Column({ type: 'uuid', primary: true })
  programmeId: string;

  @Index('programme_members_user_idx')
  @Column({ type: 'uuid', primary: true })
  userId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'programme_id',
    foreignKeyConstraintName: 'programme_members_programme_fkey',
  })
  programme?: ProgrammeEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'programme_members_user_fkey' })
  user?: UserEntity;
}
