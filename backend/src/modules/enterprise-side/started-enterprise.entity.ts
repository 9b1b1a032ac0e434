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
 * A social enterprise started during a programme: a registered enterprise, or (before it is
 * registered) only its name — one of the two. An enterprise is started once per programme.
 */
@Entity({ name: 'started_enterprises' })
@Index('started_enterprises_programme_enterprise_key', ['programmeId', 'enterpriseId'], {
  unique: true,
})
@Check(
  'started_enterprises_enterprise_or_name_check',
  `("enterprise_id" IS NULL) <> ("name" IS NULL)`,
)
export class StartedEnterpriseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'programme_id',
    foreignKeyConstraintName: 'started_enterprises_programme_fkey',
  })
  programme?: ProgrammeEntity;

  @Index('started_enterprises_enterprise_idx')
  @Column({ type: 'uuid', nullable: true })
  enterpriseId: string | null;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'enterprise_id',
    foreignKeyConstraintName: 'started_enterprises_enterprise_fkey',
  })
  enterprise?: EnterpriseEntity;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'date' })
  startedOn: string;

  @Column({ type: 'boolean' })
  isAsf: boolean;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
