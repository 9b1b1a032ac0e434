import type { CheckInOccasion, Indicator, Rater } from '@stegvis/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ParticipantEntity } from '../participants/participant.entity';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { UserEntity } from '../users/user.entity';

/**
 * A versioned assessment instrument; programme_id null = shipped with Stegvis, for every programme.
 * Versions count per programme and key; a programme's keys are its own.
 */
@Entity({ name: 'instruments' })
@Index('instruments_programme_key_version_key', ['programmeId', 'key', 'version'], { unique: true })
@Index('instruments_shipped_key_version_key', ['key', 'version'], {
  unique: true,
  where: '"programme_id" IS NULL',
})
export class InstrumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  programmeId: string | null;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'instruments_programme_fkey' })
  programme?: ProgrammeEntity;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  nameSv: string;

  @Column({ type: 'text' })
  nameEn: string;

  @Column({ type: 'jsonb' })
  indicators: Indicator[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

@Entity({ name: 'check_ins' })
@Index('check_ins_participant_date_idx', ['participantId', 'date'])
@Check('check_ins_occasion_check', `"occasion" IN ('start', 'during', 'exit')`)
@Check('check_ins_rater_check', `"rater" IN ('participant', 'coach', 'supervisor')`)
@Check('check_ins_ladder_check', `"ladder" IS NULL OR "ladder" BETWEEN 0 AND 4`)
export class CheckInEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  participantId: string;

  @ManyToOne(() => ParticipantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'participant_id', foreignKeyConstraintName: 'check_ins_participant_fkey' })
  participant?: ParticipantEntity;

  @Column({ type: 'uuid' })
  instrumentId: string;

  @ManyToOne(() => InstrumentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'instrument_id', foreignKeyConstraintName: 'check_ins_instrument_fkey' })
  instrument?: InstrumentEntity;

  @Column({ type: 'text' })
  occasion: CheckInOccasion;

  @Column({ type: 'text' })
  rater: Rater;

  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'jsonb' })
  scores: Record<string, number>;

  @Column({ type: 'int', nullable: true })
  ladder: number | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'check_ins_author_fkey' })
  author?: UserEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
