import type {
  FollowUpMode,
  PlacementKind,
  PlacementPause,
  PlacementStatus,
} from '@stegvis/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { ParticipantEntity } from '../participants/participant.entity';
import { UserEntity } from '../users/user.entity';

@Entity({ name: 'placements' })
@Check(
  'placements_kind_check',
  `"kind" IN ('work_training', 'internship', 'subsidised_employment', 'employment')`,
)
@Check('placements_status_check', `"status" IN ('planned', 'active', 'paused', 'ended', 'aborted')`)
export class PlacementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('placements_participant_idx')
  @Column({ type: 'uuid' })
  participantId: string;

  @ManyToOne(() => ParticipantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'participant_id', foreignKeyConstraintName: 'placements_participant_fkey' })
  participant?: ParticipantEntity;

  @Index('placements_enterprise_idx')
  @Column({ type: 'uuid' })
  enterpriseId: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'placements_enterprise_fkey' })
  enterprise?: EnterpriseEntity;

  @Column({ type: 'text' })
  kind: PlacementKind;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date', nullable: true })
  plannedEndDate: string | null;

  @Column({ type: 'date', nullable: true })
  actualEndDate: string | null;

  @Column({ type: 'numeric', precision: 4, scale: 1, nullable: true })
  hoursPerWeek: string | null;

  @Index('placements_status_idx')
  @Column({ type: 'text', default: 'planned' })
  status: PlacementStatus;

  @Column({ type: 'text', nullable: true })
  endReason: string | null;

  @Column({ type: 'jsonb', default: [] })
  pauses: PlacementPause[];

  /**
   * The oldest follow-up still outstanding by the programme's cadence (null = none due), kept
   * current on every follow-up and placement change, so "overdue" is a plain indexed comparison.
   */
  @Index('placements_next_follow_up_idx')
  @Column({ type: 'date', nullable: true })
  nextFollowUpDue: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ name: 'placement_supervisors' })
export class PlacementSupervisorEntity {
  @PrimaryColumn({ type: 'uuid' })
  placementId: string;

  @ManyToOne(() => PlacementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'placement_id',
    foreignKeyConstraintName: 'placement_supervisors_placement_fkey',
  })
  placement?: PlacementEntity;

  @Index('placement_supervisors_user_idx')
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'placement_supervisors_user_fkey' })
  user?: UserEntity;
}

@Entity({ name: 'follow_ups' })
@Index('follow_ups_placement_date_idx', ['placementId', 'date'])
@Check('follow_ups_mode_check', `"mode" IN ('visit', 'digital', 'phone')`)
@Check('follow_ups_wellbeing_check', `"wellbeing" BETWEEN 1 AND 5`)
@Check('follow_ups_days_check', `"days_present" >= 0 AND "days_absent" >= 0`)
export class FollowUpEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  placementId: string;

  @ManyToOne(() => PlacementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'placement_id', foreignKeyConstraintName: 'follow_ups_placement_fkey' })
  placement?: PlacementEntity;

  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'uuid' })
  authorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'follow_ups_author_fkey' })
  author?: UserEntity;

  @Column({ type: 'text' })
  mode: FollowUpMode;

  @Column({ type: 'int', default: 0 })
  daysPresent: number;

  @Column({ type: 'int', default: 0 })
  daysAbsent: number;

  @Column({ type: 'int' })
  wellbeing: number;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'boolean', default: false })
  concern: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
