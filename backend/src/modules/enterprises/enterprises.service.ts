import { Injectable } from '@nestjs/common';
import type { Enterprise, EnterpriseSupervisor, Page } from '@stegvis/contracts';
import { validateOrgNumber } from '@stegvis/domain';
import { DataSource } from 'typeorm';
import type { Access } from '../../access/decorators';
import { orNotFound, scopeEnterprises } from '../../access/scoping';
import type { CreateEnterpriseDto, UpdateEnterpriseDto } from './enterprise.dto';
import { EnterpriseEntity } from './enterprise.entity';
import { toEnterprise } from './enterprise.mapper';

@Injectable()
export class EnterprisesService {
  constructor(private readonly dataSource: DataSource) {}

  private scoped(access: Access) {
    return scopeEnterprises(
      this.dataSource.getRepository(EnterpriseEntity).createQueryBuilder('e'),
      'e.id',
      access,
    );
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
    const repo = this.dataSource.getRepository(EnterpriseEntity);
    const saved = await repo.save(
      repo.create({
        name: dto.name,
        orgNumber: normalised(dto.orgNumber),
        municipality: dto.municipality,
        isAsf: dto.isAsf ?? false,
      }),
    );
    return toEnterprise(saved);
  }

  async update(id: string, dto: UpdateEnterpriseDto): Promise<Enterprise> {
    const repo = this.dataSource.getRepository(EnterpriseEntity);
    const current = orNotFound(await repo.findOneBy({ id }));
    const saved = await repo.save({
      ...current,
      ...dto,
      ...(dto.orgNumber !== undefined && { orgNumber: normalised(dto.orgNumber) }),
    });
    return toEnterprise(saved);
  }
}

function normalised(orgNumber: string): string {
  // The DTO has validated it already.
  const result = validateOrgNumber(orgNumber);
  return result.valid ? result.normalised : orgNumber;
}
