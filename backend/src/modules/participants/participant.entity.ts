import type {
  EducationLevel,
  ExitReason,
  Gender,
  ParticipantStatus,
  ReferredBy,
  Snapshot,
} from '@stegvis/contracts';
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
import { ProgrammeEntity } from '../programmes/programme.entity';
import { UserEntity } from '../users/user.entity';

/**
 * One participation: a person in one programme. Identifying and case fields are nullable because a
 * participation without consent, or with a protected identity, keeps only gender and its start and
 * exit months (see ParticipantReductionService).
 */
@Entity({ name: 'participants' })
@Index('participants_programme_personnummer_key', ['programmeId', 'personnummer'], {
  unique: true,
  where: '"personnummer" IS NOT NULL',
})
@Index('participants_programme_status_idx', ['programmeId', 'status'])
// The list's keyset order (name, reduced records last, id) — an expression index, so it is
// defined in the migration only and TypeORM leaves it alone.
@Index('participants_programme_name_idx', { synchronize: false })
// The caseload search by the last four digits of a personnummer (an expression index too).
@Index('participants_programme_personnummer_last4_idx', { synchronize: false })
// The retention job: participations ended long ago and not yet erased.
@Index('participants_retention_idx', ['exitedAt'], { where: '"erased_at" IS NULL' })
@Check('participants_gender_check', `"gender" IN ('female', 'male', 'other', 'undisclosed')`)
@Check('participants_status_check', `"status" IN ('active', 'paused', 'exited')`)
@Check('participants_start_month_check', `extract(day FROM "start_month") = 1`)
export class ParticipantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'participants_programme_fkey' })
  programme?: ProgrammeEntity;

  @Column({ type: 'text', default: 'active' })
  status: ParticipantStatus;

  // Statistical facts, kept for every participation.
  @Column({ type: 'text' })
  gender: Gender;

  @Column({ type: 'int' })
  startYear: number;

  /** The first day of the start month: what a reduced record keeps of its start (DOMAIN.md). */
  @Column({ type: 'date' })
  startMonth: string;

  // Identifying and case data: null when the record is reduced or erased.
  @Column({ type: 'text', nullable: true })
  firstName: string | null;

  @Column({ type: 'text', nullable: true })
  lastName: string | null;

  /** 12 digits, validated; never logged, never exported. */
  @Column({ type: 'text', nullable: true })
  personnummer: string | null;

  @Column({ type: 'int', nullable: true })
  birthYear: number | null;

  @Column({ type: 'text', nullable: true })
  municipality: string | null;

  @Column({ type: 'text', nullable: true })
  education: EducationLevel | null;

  @Column({ type: 'text', nullable: true })
  referredBy: ReferredBy | null;

  @Column({ type: 'boolean', default: false })
  protectedIdentity: boolean;

  @Index('participants_coach_idx')
  @Column({ type: 'uuid', nullable: true })
  responsibleCoachId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'responsible_coach_id', foreignKeyConstraintName: 'participants_coach_fkey' })
  responsibleCoach?: UserEntity;

  @Column({ type: 'date', nullable: true })
  enrolledAt: string | null;

  @Column({ type: 'boolean', default: false })
  consentGiven: boolean;

  @Column({ type: 'date', nullable: true })
  consentDate: string | null;

  @Column({ type: 'text', nullable: true })
  consentFormVersion: string | null;

  @Column({ type: 'date', nullable: true })
  consentWithdrawnAt: string | null;

  @Column({ type: 'jsonb', nullable: true })
  startSnapshot: Snapshot | null;

  @Column({ type: 'jsonb', nullable: true })
  exitSnapshot: Snapshot | null;

  @Column({ type: 'date', nullable: true })
  exitedAt: string | null;

  @Column({ type: 'text', nullable: true })
  exitReason: ExitReason | null;

  /** When the record was reduced to gender and months (no consent, withdrawal, protected identity, erasure). */
  @Column({ type: 'timestamptz', nullable: true })
  reducedAt: Date | null;

  /** Erasure (gallring): identifying data and free text gone, statistics kept. */
  @Column({ type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  erasureReason: string | null;

  /**
   * The short reference (`P-7F3A2C91`) an admin searches the audit log by: random, unique, given
   * by the database on insert (trigger participants_reference), never changed, kept on erasure.
   */
  @Index('participants_reference_key', { unique: true })
  @Column({ type: 'text', insert: false, update: false })
  reference: string;

  /** Optimistic lock for PATCH: UPDATE … WHERE version = $n. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
