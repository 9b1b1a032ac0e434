import type { GroupSeriesKind } from '@stegvis/contracts';
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
import { ParticipantEntity } from '../participants/participant.entity';
import { ProgrammeEntity } from '../programmes/programme.entity';

/**
 * A group series in a programme (table `group_series`): a framtidsverkstad, business programme,
 * course. Its meetings are coaching sessions with `series_id` set (docs/group-series.md).
 */
@Entity({ name: 'group_series' })
@Check(
  'group_series_kind_check',
  `"kind" IN ('future_workshop', 'business_programme', 'course', 'other')`,
)
@Check('group_series_planned_meetings_check', `"planned_meetings" BETWEEN 1 AND 500`)
@Check('group_series_planned_minutes_check', `"planned_minutes_per_meeting" BETWEEN 1 AND 1440`)
@Check('group_series_completion_percent_check', `"completion_percent" BETWEEN 1 AND 100`)
@Check('group_series_dates_check', `"end_date" >= "start_date"`)
export class GroupSeriesEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('group_series_programme_idx')
  @Column({ type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'group_series_programme_fkey' })
  programme?: ProgrammeEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: GroupSeriesKind;

  @Column({ type: 'int' })
  plannedMeetings: number;

  @Column({ type: 'int' })
  plannedMinutesPerMeeting: number;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  endDate: string;

  /** Completed = attended at least this % of the meetings held while enrolled. */
  @Column({ type: 'int', default: 75 })
  completionPercent: number;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A participant's enrolment in a series (table `group_series_enrolments`); one per person. */
@Entity({ name: 'group_series_enrolments' })
@Check('group_series_enrolments_dates_check', `"left_on" IS NULL OR "left_on" >= "joined_on"`)
export class SeriesEnrolmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  seriesId: string;

  @ManyToOne(() => GroupSeriesEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'series_id',
    foreignKeyConstraintName: 'group_series_enrolments_series_fkey',
  })
  series?: GroupSeriesEntity;

  @Index('group_series_enrolments_participant_idx')
  @PrimaryColumn({ type: 'uuid' })
  participantId: string;

  @ManyToOne(() => ParticipantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'participant_id',
    foreignKeyConstraintName: 'group_series_enrolments_participant_fkey',
  })
  participant?: ParticipantEntity;

  @Column({ type: 'date' })
  joinedOn: string;

  @Column({ type: 'date', nullable: true })
  leftOn: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
