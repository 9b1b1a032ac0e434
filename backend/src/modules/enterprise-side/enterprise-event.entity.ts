import type { EnterpriseEventKind } from '@stegvis/contracts';
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

/**
 * A meeting place, network meeting, workshop for enterprises or study visit of a programme: counts
 * of attendees only, no register. The sector and gender columns are all set or all null, and set
 * they add up to the total (libs/domain attendeeCounts; the checks are the last line).
 */
@Entity({ name: 'enterprise_events' })
@Check(
  'enterprise_events_kind_check',
  `"kind" IN ('meeting_place', 'network_meeting', 'enterprise_workshop', 'study_visit')`,
)
@Check(
  'enterprise_events_counts_check',
  `"attendees_total" >= 0 AND "attendees_public_sector" >= 0 AND "attendees_social_entrepreneurs" >= 0 AND "attendees_other_sector" >= 0 AND "attendees_female" >= 0 AND "attendees_male" >= 0 AND "attendees_other_gender" >= 0 AND "attendees_undisclosed" >= 0`,
)
@Check(
  'enterprise_events_sector_sum_check',
  `("attendees_public_sector" IS NULL AND "attendees_social_entrepreneurs" IS NULL AND "attendees_other_sector" IS NULL) OR ("attendees_public_sector" + "attendees_social_entrepreneurs" + "attendees_other_sector" = "attendees_total")`,
)
@Check(
  'enterprise_events_gender_sum_check',
  `("attendees_female" IS NULL AND "attendees_male" IS NULL AND "attendees_other_gender" IS NULL AND "attendees_undisclosed" IS NULL) OR ("attendees_female" + "attendees_male" + "attendees_other_gender" + "attendees_undisclosed" = "attendees_total")`,
)
export class EnterpriseEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('enterprise_events_programme_idx')
  @Column({ type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'programme_id',
    foreignKeyConstraintName: 'enterprise_events_programme_fkey',
  })
  programme?: ProgrammeEntity;

  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  kind: EnterpriseEventKind;

  @Column({ type: 'int' })
  attendeesTotal: number;

  @Column({ type: 'int', nullable: true })
  attendeesPublicSector: number | null;

  @Column({ type: 'int', nullable: true })
  attendeesSocialEntrepreneurs: number | null;

  @Column({ type: 'int', nullable: true })
  attendeesOtherSector: number | null;

  @Column({ type: 'int', nullable: true })
  attendeesFemale: number | null;

  @Column({ type: 'int', nullable: true })
  attendeesMale: number | null;

  @Column({ type: 'int', nullable: true })
  attendeesOtherGender: number | null;

  @Column({ type: 'int', nullable: true })
  attendeesUndisclosed: number | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
