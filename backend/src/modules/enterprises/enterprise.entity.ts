import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'enterprises' })
export class EnterpriseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** Normalised NNNNNN-NNNN. */
  @Index('enterprises_org_number_key', { unique: true })
  @Column({ type: 'text' })
  orgNumber: string;

  @Column({ type: 'text' })
  municipality: string;

  @Column({ type: 'boolean', default: false })
  isAsf: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
