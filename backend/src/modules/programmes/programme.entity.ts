import type { FollowUpCadence, ProgrammeTarget } from '@stegvis/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity({ name: 'programmes' })
@Check('programmes_threshold_check', `"suppression_threshold" >= 3`)
@Check('programmes_period_check', `"period_end" >= "period_start"`)
@Check('programmes_targets_check', `jsonb_typeof("targets") = 'array'`)
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

  /** The target catalogue, in order (migration 1765300000000 says why a jsonb list). */
  @Column({ type: 'jsonb', default: [] })
  targets: ProgrammeTarget[];

  @Column({ type: 'jsonb', default: {} })
  followUpCadence: FollowUpCadence;

  @Column({ type: 'int', default: 5 })
  suppressionThreshold: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
