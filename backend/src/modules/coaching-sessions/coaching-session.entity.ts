import type { Attendance, SessionKind, SessionMode } from '@stegvis/contracts';
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
import { GroupSeriesEntity } from '../group-series/group-series.entity';
import { ParticipantEntity } from '../participants/participant.entity';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { UserEntity } from '../users/user.entity';

@Entity({ name: 'coaching_sessions' })
@Index('coaching_sessions_programme_at_idx', ['programmeId', 'at'])
@Index('coaching_sessions_coach_at_idx', ['coachId', 'at'])
@Check(
  'coaching_sessions_kind_check',
  `"kind" IN ('individual_coaching', 'life_coaching', 'business_advice', 'group_workshop', 'follow_up_visit')`,
)
@Check('coaching_sessions_mode_check', `"mode" IN ('on_site', 'digital', 'phone')`)
@Check('coaching_sessions_duration_check', `"duration_minutes" BETWEEN 1 AND 1440`)
@Check('coaching_sessions_anonymous_attended_check', `"anonymous_attended" >= 0`)
@Check('coaching_sessions_series_kind_check', `"series_id" IS NULL OR "kind" = 'group_workshop'`)
export class CoachingSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'programme_id',
    foreignKeyConstraintName: 'coaching_sessions_programme_fkey',
  })
  programme?: ProgrammeEntity;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'int' })
  durationMinutes: number;

  @Column({ type: 'text' })
  kind: SessionKind;

  @Column({ type: 'text' })
  mode: SessionMode;

  /** The author; only they edit the session. */
  @Column({ type: 'uuid' })
  coachId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'coach_id', foreignKeyConstraintName: 'coaching_sessions_coach_fkey' })
  coach?: UserEntity;

  /** Coaches only; never shown to supervisors, never exported. */
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /**
   * Attendances of participants whose record was later reduced (no consent, protected identity,
   * erasure): their rows are gone, the session still counts as attended in the statistics.
   */
  @Column({ type: 'int', default: 0 })
  anonymousAttended: number;

  /** The group series this session is a meeting of (then kind `group_workshop`); null = none. */
  @Index('coaching_sessions_series_idx')
  @Column({ type: 'uuid', nullable: true })
  seriesId: string | null;

  @ManyToOne(() => GroupSeriesEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'series_id', foreignKeyConstraintName: 'coaching_sessions_series_fkey' })
  series?: GroupSeriesEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ name: 'session_attendances' })
@Check(
  'session_attendances_attendance_check',
  `"attendance" IN ('attended', 'no_show', 'cancelled')`,
)
export class SessionAttendanceEntity {
  @PrimaryColumn({ type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => CoachingSessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'session_attendances_session_fkey' })
  session?: CoachingSessionEntity;

  @Index('session_attendances_participant_idx')
  @PrimaryColumn({ type: 'uuid' })
  participantId: string;

  @ManyToOne(() => ParticipantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'participant_id',
    foreignKeyConstraintName: 'session_attendances_participant_fkey',
  })
  participant?: ParticipantEntity;

  @Column({ type: 'text' })
  attendance: Attendance;
}
