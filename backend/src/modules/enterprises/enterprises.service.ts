import { Injectable } from '@nestjs/common';
import type {
  Enterprise,
  EnterpriseCapacity,
  EnterpriseSupervisor,
  Page,
  PlaceOfferInput,
} from '@stegvis/contracts';
import { validateOrgNumber } from '@stegvis/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Access } from '../../access/decorators';
import { orNotFound, scopeEnterprises } from '../../access/scoping';
import { FieldValidationException } from '../../common/validation';
import type { CreateEnterpriseDto, UpdateEnterpriseDto } from './enterprise.dto';
import { EnterpriseEntity, PlaceOfferEntity } from './enterprise.entity';
import { toEnterprise } from './enterprise.mapper';

@Injectable()
export class EnterprisesService {
  constructor(private readonly dataSource: DataSource) {}

  private scoped(access: Access) {
    return scopeEnterprises(
      this.dataSource
        .getRepository(EnterpriseEntity)
        .createQueryBuilder('e')
        .leftJoinAndSelect('e.placeOffers', 'po'),
      'e.id',
      access,
    );
  }

  /**
   * Places offered on `date` against places in use: work-training and internship placements at
   * the enterprise under way that day (started, not yet ended; a pause keeps the place), any
   * programme — counts only.
   */
  async capacity(access: Access, date: string): Promise<Page<EnterpriseCapacity>> {
    const visible = await this.scoped(access).select('e.id').getMany();
    if (visible.length === 0) return { items: [], nextCursor: null };
    const rows: {
      id: string;
      name: string;
      is_asf: boolean;
      sector: string | null;
      offered: number | null;
      in_use: number;
    }[] = await this.dataSource.query(
      `SELECT e.id, e.name, e.is_asf, e.sector,
              (SELECT sum(o.places)::int FROM enterprise_place_offers o
                WHERE o.enterprise_id = e.id AND o.valid_from <= $2::date
                  AND (o.valid_to IS NULL OR o.valid_to >= $2::date)) AS offered,
              (SELECT count(*)::int FROM placements p
                WHERE p.enterprise_id = e.id AND p.kind IN ('work_training', 'internship')
                  AND p.status <> 'planned' AND p.start_date <= $2::date
                  AND (p.actual_end_date IS NULL OR p.actual_end_date >= $2::date)) AS in_use
         FROM enterprises e
        WHERE e.id = ANY($1::uuid[])
        ORDER BY e.name, e.id`,
      [visible.map((e) => e.id), date],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        isAsf: r.is_asf,
        sector: r.sector,
        placesOffered: r.offered,
        placesInUse: r.in_use,
      })),
      nextCursor: null,
    };
  }

  async list(access: Access): Promise<Page<Enterprise>> {
    const rows = await this.scoped(access).orderBy('e.name').addOrderBy('e.id').getMany();
    return { items: rows.map(toEnterprise), nextCursor: null };
  }

  async get(access: Access, id: string): Promise<Enterprise> {
    return toEnterprise(
      orNotFound(await this.scoped(access).andWhere('e.id = :id', { id }).getOne()),
    );
  }

  /** Active supervisor accounts at the enterprise, by name: id and name only, nothing else. */
  async supervisors(access: Access, id: string): Promise<Page<EnterpriseSupervisor>> {
    orNotFound(await this.scoped(access).andWhere('e.id = :id', { id }).select('e.id').getOne());
    const rows: EnterpriseSupervisor[] = await this.dataSource.query(
      `SELECT id, name FROM users
        WHERE enterprise_id = $1 AND role = 'supervisor' AND disabled_at IS NULL
        ORDER BY name, id`,
      [id],
    );
    return { items: rows.map((r) => ({ id: r.id, name: r.name })), nextCursor: null };
  }

  async create(dto: CreateEnterpriseDto): Promise<Enterprise> {
    if (dto.placeOffers) assertOffers(dto.placeOffers);
    const id = await this.dataSource.transaction(async (m) => {
      const saved = await m.save(
        m.create(EnterpriseEntity, {
          name: dto.name,
          orgNumber: normalised(dto.orgNumber),
          municipality: dto.municipality,
          isAsf: dto.isAsf ?? false,
          sector: dto.sector || null,
        }),
      );
      await replaceOffers(m, saved.id, dto.placeOffers ?? []);
      return saved.id;
    });
    return this.byId(id);
  }

  async update(id: string, dto: UpdateEnterpriseDto): Promise<Enterprise> {
    if (dto.placeOffers) assertOffers(dto.placeOffers);
    await this.dataSource.transaction(async (m) => {
      const current = orNotFound(await m.findOneBy(EnterpriseEntity, { id }));
      const { placeOffers, ...fields } = dto;
      await m.save(EnterpriseEntity, {
        ...current,
        ...fields,
        ...(fields.sector !== undefined && { sector: fields.sector || null }),
        ...(fields.orgNumber !== undefined && { orgNumber: normalised(fields.orgNumber) }),
      });
      if (placeOffers) await replaceOffers(m, id, placeOffers);
    });
    return this.byId(id);
  }

  private async byId(id: string): Promise<Enterprise> {
    return toEnterprise(
      orNotFound(
        await this.dataSource.manager.findOne(EnterpriseEntity, {
          where: { id },
          relations: { placeOffers: true },
        }),
      ),
    );
  }
}

function normalised(orgNumber: string): string {
  // The DTO has validated it already.
  const result = validateOrgNumber(orgNumber);
  return result.valid ? result.normalised : orgNumber;
}

/** Each offer's dates in order, and no two offers overlapping (400 naming the field). */
function assertOffers(offers: readonly PlaceOfferInput[]): void {
  const fields: Record<string, string[]> = {};
  offers.forEach((o, i) => {
    if (o.to !== null && o.to !== undefined && o.to < o.from) {
      fields[`placeOffers.${i}.to`] = ['An offer cannot end before it starts.'];
    }
  });
  const order = offers.map((o, i) => ({ ...o, i })).sort((a, b) => a.from.localeCompare(b.from));
  for (let n = 1; n < order.length; n++) {
    const before = order[n - 1];
    if (before.to === null || before.to === undefined || before.to >= order[n].from) {
      fields[`placeOffers.${order[n].i}.from`] = [
        'Overlaps another offer: give one number of places for each period.',
      ];
    }
  }
  if (Object.keys(fields).length > 0) throw new FieldValidationException(fields);
}

async function replaceOffers(
  m: EntityManager,
  enterpriseId: string,
  offers: readonly PlaceOfferInput[],
): Promise<void> {
  await m.delete(PlaceOfferEntity, { enterpriseId });
  if (offers.length === 0) return;
  await m.insert(
    PlaceOfferEntity,
    offers.map((o) => ({
      enterpriseId,
      places: o.places,
      validFrom: o.from,
      validTo: o.to ?? null,
    })),
  );
}
