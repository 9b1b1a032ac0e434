import type { Gender } from '@stegvis/contracts';
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

/**
 * Someone advised by the programme: runs or plans a social enterprise. A name or initials, the
 * gender and the enterprise (null = the idea stage) — no case data.
 */
@Entity({ name: 'entrepreneur_contacts' })
@Check(
  'entrepreneur_contacts_gender_check',
  `"gender" IN ('female', 'male', 'other', 'undisclosed')`,
)
export class EntrepreneurContactEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_entrepreneur_contacts' })
  id: string;

  @Index('entrepreneur_contacts_programme_idx')
  @Column({ type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'programme_id',
    foreignKeyConstraintName: 'entrepreneur_contacts_programme_fkey',
  })
  programme?: ProgrammeEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  gender: Gender;

  @Column({ type: 'uuid', nullable: true })
  enterpriseId: string | null;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'enterprise_id',
    foreignKeyConstraintName: 'entrepreneur_contacts_enterprise_fkey',
  })
  enterprise?: EnterpriseEntity | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
