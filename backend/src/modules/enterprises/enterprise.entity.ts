import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
} from 'typeorm';

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

  /** Sector or industry in the enterprise's own words ("Second hand", "Café och catering"). */
  @Column({ type: 'text', nullable: true })
  sector: string | null;

  @OneToMany(() => PlaceOfferEntity, (o) => o.enterprise)
  placeOffers?: PlaceOfferEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** Work-training places an enterprise offers from one date (to another, or until further notice). */
@Entity({ name: 'enterprise_place_offers' })
@Check('enterprise_place_offers_places_check', `"places" >= 0`)
@Check('enterprise_place_offers_dates_check', `"valid_to" IS NULL OR "valid_to" >= "valid_from"`)
export class PlaceOfferEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_enterprise_place_offers' })
  id: string;

  @Index('enterprise_place_offers_enterprise_idx')
  @Column({ type: 'uuid' })
  enterpriseId: string;

  @ManyToOne(() => EnterpriseEntity, (e) => e.placeOffers, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'enterprise_id',
    foreignKeyConstraintName: 'enterprise_place_offers_enterprise_fkey',
  })
  enterprise?: EnterpriseEntity;

  @Column({ type: 'int' })
  places: number;

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date', nullable: true })
  validTo: string | null;
}
