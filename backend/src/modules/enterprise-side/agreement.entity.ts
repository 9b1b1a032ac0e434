import type { AgreementKind, AgreementStatus } from '@stegvis/contracts';
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

/** An agreement between a public body (`counterparty`) and a social enterprise, in a programme. */
@Entity({ name: 'agreements' })
@Check(
  'agreements_kind_check',
  `"kind" IN ('iop', 'reserved_contract', 'social_procurement', 'other_cooperation')`,
)
@Check('agreements_status_check', `"status" IN ('draft', 'active', 'ended')`)
@Check('agreements_places_check', `"work_training_places" >= 0`)
@Check('agreements_dates_check', `"end_date" IS NULL OR "end_date" >= "start_date"`)
@Check('agreements_ended_check', `"status" <> 'ended' OR "end_date" IS NOT NULL`)
export class AgreementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('agreements_programme_idx')
  @Column({ type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'agreements_programme_fkey' })
  programme?: ProgrammeEntity;

  @Index('agreements_enterprise_idx')
  @Column({ type: 'uuid' })
  enterpriseId: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'agreements_enterprise_fkey' })
  enterprise?: EnterpriseEntity;

  @Column({ type: 'text' })
  kind: AgreementKind;

  @Column({ type: 'text' })
  counterparty: string;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date', nullable: true })
  endDate: string | null;

  @Column({ type: 'int', default: 0 })
  workTrainingPlaces: number;

  @Column({ type: 'text' })
  status: AgreementStatus;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
