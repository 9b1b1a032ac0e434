import { Injectable } from '@nestjs/common';
import type { Agreement, Page } from '@stegvis/contracts';
import { agreementErrors } from '@stegvis/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Access } from '../../access/decorators';
import {
  enterpriseReachable,
  notFound,
  orNotFound,
  scopeProgrammeOrEnterprise,
} from '../../access/scoping';
import { StaleVersionException } from '../../common/if-match';
import { FieldValidationException } from '../../common/validation';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { AgreementEntity } from './agreement.entity';
import type { CreateAgreementDto, UpdateAgreementDto } from './enterprise-side.dto';
import { toAgreement } from './enterprise-side.mapper';
import { assertProgrammeInScope, StaleRecord } from './programme-scope';

const WHAT = 'agreement';

function assertAgreement(agreement: Parameters<typeof agreementErrors>[0]): void {
  const errors = agreementErrors(agreement);
  if (Object.keys(errors).length > 0) throw new FieldValidationException(errors);
}

@Injectable()
export class AgreementsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Agreements of the caller's programmes, or of a supervisor's own enterprise. */
  private scoped(m: EntityManager, access: Access) {
    return scopeProgrammeOrEnterprise(
      m.createQueryBuilder(AgreementEntity, 'ag').leftJoinAndSelect('ag.enterprise', 'en'),
      'ag.programme_id',
      'ag.enterprise_id',
      access,
    );
  }

  private ordered(qb: ReturnType<AgreementsService['scoped']>) {
    return qb.orderBy('ag.start_date', 'DESC').addOrderBy('ag.id');
  }

  async listOfProgramme(access: Access, programmeId: string): Promise<Page<Agreement>> {
    return this.dataSource.transaction(async (m) => {
      await assertProgrammeInScope(m, access, programmeId);
      const rows = await this.ordered(
        this.scoped(m, access).andWhere('ag.programme_id = :programmeId', { programmeId }),
      ).getMany();
      return { items: rows.map(toAgreement), nextCursor: null };
    });
  }

  async listOfEnterprise(access: Access, enterpriseId: string): Promise<Page<Agreement>> {
    return this.dataSource.transaction(async (m) => {
      if (
        !enterpriseReachable(access, enterpriseId) ||
        !(await m.existsBy(EnterpriseEntity, { id: enterpriseId }))
      ) {
        throw notFound();
      }
      const rows = await this.ordered(
        this.scoped(m, access).andWhere('ag.enterprise_id = :enterpriseId', { enterpriseId }),
      ).getMany();
      return { items: rows.map(toAgreement), nextCursor: null };
    });
  }

  async get(access: Access, id: string): Promise<Agreement> {
    const row = await this.scoped(this.dataSource.manager, access)
      .andWhere('ag.id = :id', { id })
      .getOne();
    return toAgreement(orNotFound(row));
  }

  async create(access: Access, programmeId: string, dto: CreateAgreementDto): Promise<Agreement> {
    const saved = await this.dataSource.transaction(async (m) => {
      await assertProgrammeInScope(m, access, programmeId);
      if (!(await m.existsBy(EnterpriseEntity, { id: dto.enterpriseId }))) {
        throw new FieldValidationException({ enterpriseId: ['No such enterprise.'] });
      }
      const draft = {
        startDate: dto.startDate,
        endDate: dto.endDate ?? null,
        status: dto.status ?? 'active',
      };
      assertAgreement(draft);
      return m.save(
        m.create(AgreementEntity, {
          ...draft,
          programmeId,
          enterpriseId: dto.enterpriseId,
          kind: dto.kind,
          counterparty: dto.counterparty,
          workTrainingPlaces: dto.workTrainingPlaces ?? 0,
        }),
      );
    });
    return this.get(access, saved.id);
  }

  async update(
    access: Access,
    id: string,
    dto: UpdateAgreementDto,
    ifMatch: number | null,
  ): Promise<Agreement> {
    try {
      await this.dataSource.transaction(async (m) => {
        const current = orNotFound(
          await this.scoped(m, access)
            .andWhere('ag.id = :id', { id })
            .setLock('pessimistic_write', undefined, ['ag'])
            .getOne(),
        );
        if (ifMatch !== null && ifMatch !== current.version) throw new StaleRecord(WHAT);
        const next = {
          startDate: dto.startDate ?? current.startDate,
          endDate: dto.endDate === undefined ? current.endDate : dto.endDate,
          status: dto.status ?? current.status,
        };
        assertAgreement(next);
        const result = await m
          .createQueryBuilder()
          .update(AgreementEntity)
          .set({
            ...next,
            kind: dto.kind ?? current.kind,
            counterparty: dto.counterparty ?? current.counterparty,
            workTrainingPlaces: dto.workTrainingPlaces ?? current.workTrainingPlaces,
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
            .andWhere('ag.id = :id', { id })
            .setLock('pessimistic_write', undefined, ['ag'])
            .getOne(),
        );
        if (ifMatch !== null && ifMatch !== current.version) throw new StaleRecord(WHAT);
        await m.delete(AgreementEntity, { id });
      });
    } catch (error) {
      if (error instanceof StaleRecord) {
        throw new StaleVersionException(error.message, await this.get(access, id));
      }
      throw error;
    }
  }
}
