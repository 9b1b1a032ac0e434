import type { PlanStep } from '@stegvis/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ParticipantEntity } from '../participants/participant.entity';
import { UserEntity } from '../users/user.entity';

/** The current plan of a participant; every save also appends an ActionPlanRevisionEntity. */
@Entity({ name: 'action_plans' })
export class ActionPlanEntity {
  @PrimaryColumn({ type: 'uuid' })
  participantId: string;

  @ManyToOne(() => ParticipantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'participant_id', foreignKeyConstraintName: 'action_plans_participant_fkey' })
  participant?: ParticipantEntity;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text', default: '' })
  goal: string;

  @Column({ type: 'jsonb', default: [] })
  steps: PlanStep[];

  @Column({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'uuid' })
  updatedBy: string;
}

@Entity({ name: 'action_plan_revisions' })
@Index('action_plan_revisions_version_key', ['participantId', 'version'], { unique: true })
export class ActionPlanRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  participantId: string;

  @ManyToOne(() => ParticipantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'participant_id',
    foreignKeyConstraintName: 'action_plan_revisions_participant_fkey',
  })
  participant?: ParticipantEntity;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  goal: string;

  @Column({ type: 'jsonb' })
  steps: PlanStep[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'uuid' })
  createdBy: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'action_plan_revisions_author_fkey' })
  author?: UserEntity;
}
