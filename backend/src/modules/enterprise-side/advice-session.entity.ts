import type { AdviceFormat, AdviceKind } from '@stegvis/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { EntrepreneurContactEntity } from './entrepreneur-contact.entity';

/** One advice session to entrepreneurs: individual (one contact) or group. */
@Entity({ name: 'advice_sessions' })
@Index('advice_sessions_programme_date_idx', ['programmeId', 'date'])
@Check('advice_sessions_kind_check', `"kind" IN ('business_advice', 'life_coaching', 'other')`)
@Check('advice_sessions_format_check', `"format" IN ('individual', 'group')`)
@Check('advice_sessions_duration_check', `"duration_minutes" BETWEEN 1 AND 1440`)
export class AdviceSessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_advice_sessions' })
  id: string;

  @Column({ type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'advice_sessions_programme_fkey' })
  programme?: ProgrammeEntity;

  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'text' })
  kind: AdviceKind;

  @Column({ type: 'text' })
  format: AdviceFormat;

  @Column({ type: 'int' })
  durationMinutes: number;

  @OneToMany(() => AdviceSessionContactEntity, (c) => c.session)
  contacts?: AdviceSessionContactEntity[];

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Who took part in an advice session. */
@Entity({ name: 'advice_session_contacts' })
export class AdviceSessionContactEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_advice_session_contacts' })
  sessionId: string;

  @ManyToOne(() => AdviceSessionEntity, (s) => s.contacts, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'session_id',
    foreignKeyConstraintName: 'advice_session_contacts_session_fkey',
  })
  session?: AdviceSessionEntity;

  @Index('advice_session_contacts_contact_idx')
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_advice_session_contacts' })
  contactId: string;

  @ManyToOne(() => EntrepreneurContactEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'contact_id',
    foreignKeyConstraintName: 'advice_session_contacts_contact_fkey',
  })
  contact?: EntrepreneurContactEntity;
}
