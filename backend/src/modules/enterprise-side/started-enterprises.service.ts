import { Injectable } from '@nestjs/common';
import type { Page, StartedEnterprise } from '@stegvis/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { Access } from '../../access/decorators';
import { orNotFound, scopeProgrammes } from '../../access/scoping';
import { StaleVersionException } from '../../common/if-match';
import { FieldValidationException } from '../../common/validation';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import type { CreateStartedEnterpriseDto, UpdateStartedEnterpriseDto } from './enterprise-side.dto';
import { toStartedEnterprise } from './enterprise-side.mapper';
import { assertProgrammeInScope, StaleRecord } from './programme-scope';
import { StartedEnterpriseEntity } from './started-enterprise.entity';

const WHAT = 'record';

/**
 * A started enterprise is a registered enterprise or a name, one of the two; a registered one is
 * started once per programme. 400 naming the field otherwise.
 */
async function assertIdentity(
  m: EntityManager,
  programmeId: string,
  enterpriseId: string | null,
  name: string | null,
  exceptId: string | null,
): Promise<void> {
  if (enterpriseId === null && name === null) {
    throw new FieldValidationException({
      enterpriseId: ['Give the registered enterprise, or the name of one not registered.'],
    });
  }
  if (enterpriseId !== null && name !== null) {
    throw new FieldValidationException({
      name: ['Give the registered enterprise or a name, not both.'],
    });
  }
  if (enterpriseId === null) return;
  if (!(await m.existsBy(EnterpriseEntity, { id: enterpriseId }))) {
    throw new FieldValidationException({ enterpriseId: ['No such enterprise.'] });
  }
  const [row] = (await m.query(
    `SELECT EXISTS (SELECT 1 FROM started_enterprises WHERE programme_id = $1
        AND enterprise_id = $2 AND id IS DISTINCT FROM $3) AS taken`,
    [programmeId, enterpriseId, exceptId],
  )) as { taken: boolean }[];
  if (row?.taken) {
    throw new FieldValidationException({
      enterpriseId: ['This enterprise is already recorded as started in the programme.'],
    });
  }
}

@Injectable()
export class StartedEnterprisesService {
  constructor(private readonly dataSource: DataSource) {}

  private scoped(m: EntityManager, access: Access) {
    return scopeProgrammes(
      m.createQueryBuilder(StartedEnterpriseEntity, 'se').leftJoinAndSelect('se.enterprise', 'en'),
      'se.programme_id',
      access,
    );
  }

  async list(access: Access, programmeId: string): Promise<Page<StartedEnterprise>> {
    return this.dataSource.transaction(async (m) => {
      await assertProgrammeInScope(m, access, programmeId);
      const rows = await this.scoped(m, access)
        .andWhere('se.programme_id = :programmeId', { programmeId })
        .orderBy('se.started_on', 'DESC')
        .addOrderBy('se.id')
        .getMany();
      return { items: rows.map(toStartedEnterprise), nextCursor: null };
    });
  }

  async get(access: Access, id: string): Promise<StartedEnterprise> {
    const row = await this.scoped(this.dataSource.manager, access)
      .andWhere('se.id = :id', { id })
      .getOne();
    return toStartedEnterprise(orNotFound(row));
  }

  async create(
    access: Access,
    programmeId: string,
    dto: CreateStartedEnterpriseDto,
  ): Promise<StartedEnterprise> {
    const saved = await this.dataSource.transaction(async (m) => {
      await assertProgrammeInScope(m, access, programmeId);
      const enterpriseId = dto.enterpriseId ?? null;
      const name = dto.name ?? null;
      await assertIdentity(m, programmeId, enterpriseId, name, null);
      return m.save(
        m.create(StartedEnterpriseEntity, {
          programmeId,
          enterpriseId,
          name,
          startedOn: dto.startedOn,
          isAsf: dto.isAsf,
        }),
      );
    });
    return this.get(access, saved.id);
  }

  async update(
    access: Access,
    id: string,
    dto: UpdateStartedEnterpriseDto,
    ifMatch: number | null,
  ): Promise<StartedEnterprise> {
    try {
      await this.dataSource.transaction(async (m) => {
        const current = orNotFound(
          await this.scoped(m, access)
            .andWhere('se.id = :id', { id })
            .setLock('pessimistic_write', undefined, ['se'])
            .getOne(),
        );
        if (ifMatch !== null && ifMatch !== current.version) throw new StaleRecord(WHAT);
        // Naming one of the two replaces the other: a name becomes a registered enterprise, or back.
        let enterpriseId = current.enterpriseId;
        let name = current.name;
        if (dto.enterpriseId !== undefined || dto.name !== undefined) {
          enterpriseId = dto.enterpriseId ?? null;
          name = dto.name ?? null;
        }
        await assertIdentity(m, current.programmeId, enterpriseId, name, id);
        const result = await m
          .createQueryBuilder()
          .update(StartedEnterpriseEntity)
          .set({
            enterpriseId,
            name,
            startedOn: dto.startedOn ?? current.startedOn,
            isAsf: dto.isAsf ?? current.isAsf,
            version: () => 'version + 1',
          })
          .where('id = :id AND version = :version', { id, version: current.version })
          .execute();
        if (result.affected !== 1) throw new StaleRecord(WHAT);
      });
    } catch (error) {
      if (error instanceof StaleRecord) {
        throw new StaleVersionException(error.message, await this.get(access, id));
      }
      throw error;
    }
    return this.get(access, id);
  }

  async delete(access: Access, id: string, ifMatch: number | null): Promise<void> {
    try {
      await this.dataSource.transaction(async (m) => {
        const current = orNotFound(
          await this.scoped(m, access)
            .andWhere('se.id = :id', { id })
            .setLock('pessimistic_write', undefined, ['se'])
            .getOne(),
        );
        if (ifMatch !== null && ifMatch !== current.version) throw new StaleRecord(WHAT);
        await m.delete(StartedEnterpriseEntity, { id });
      });
    } catch (error) {
      if (error instanceof StaleRecord) {
        throw new StaleVersionException(error.message, await this.get(access, id));
      }
      throw error;
    }
  }
}
