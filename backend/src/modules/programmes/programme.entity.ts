import type { FollowUpCadence, ProgrammeTargets } from '@stegvis/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const EMPTY_TARGETS: ProgrammeTargets = {
  plannedParticipants: {},
  placements: null,
  sessionsPerParticipant: null,
  genderSplit: null,
};

@Entity({ name: 'programmes' })
@Check('programmes_threshold_check', `"suppression_threshold" >= 3`)
@Check('programmes_period_check', `"period_end" >= "period_start"`)
export class ProgrammeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  @Column({ type: 'date', nullable: true })
  intakeEnd: string | null;

  @Column({ type: 'jsonb', default: {} })
  targets: ProgrammeTargets;

  @Column({ type: 'jsonb', default: {} })
  followUpCadence: FollowUpCadence;

  @Column({ type: 'int', default: 5 })
  suppressionThreshold: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
