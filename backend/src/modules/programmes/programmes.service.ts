import { Injectable } from '@nestjs/common';
import type { Page, Programme, ProgrammeCoach } from '@stegvis/contracts';
import { DataSource } from 'typeorm';
import type { Access } from '../../access/decorators';
import { orNotFound, scopeProgrammes } from '../../access/scoping';
import { FieldValidationException } from '../../common/validation';
import type { CreateProgrammeDto, UpdateProgrammeDto } from './programme.dto';
import { ProgrammeEntity } from './programme.entity';
import { DEFAULT_FOLLOW_UP_CADENCE } from '@stegvis/domain';
import { toProgramme, toTarget } from './programme.mapper';

@Injectable()
export class ProgrammesService {
  constructor(private readonly dataSource: DataSource) {}

  private scoped(access: Access) {
    return scopeProgrammes(
      this.dataSource.getRepository(ProgrammeEntity).createQueryBuilder('p'),
      'p.id',
      access,
    );
  }

  /** Every programme in scope; a deployment holds tens, not thousands, so no paging. */
  async list(access: Access): Promise<Page<Programme>> {
    const rows = await this.scoped(access)
      .orderBy('p.periodStart', 'DESC')
      .addOrderBy('p.name')
      .addOrderBy('p.id')
      .getMany();
    return { items: rows.map(toProgramme), nextCursor: null };
  }

  async get(access: Access, id: string): Promise<Programme> {
    return toProgramme(
      orNotFound(await this.scoped(access).andWhere('p.id = :id', { id }).getOne()),
    );
  }

  /** Active coaches who are members of the programme; a programme has a handful, so no paging. */
  async coaches(access: Access, id: string): Promise<Page<ProgrammeCoach>> {
    orNotFound(await this.scoped(access).andWhere('p.id = :id', { id }).getOne());
    const rows: ProgrammeCoach[] = await this.dataSource.query(
      `SELECT u.id, u.name FROM users u JOIN programme_members pm ON pm.user_id = u.id
        WHERE pm.programme_id = $1 AND u.role = 'coach' AND u.disabled_at IS NULL
        ORDER BY lower(u.name), u.id`,
      [id],
    );
    return { items: rows.map((r) => ({ id: r.id, name: r.name })), nextCursor: null };
  }

  async create(dto: CreateProgrammeDto): Promise<Programme> {
    const entity = this.dataSource.getRepository(ProgrammeEntity).create({
      name: dto.name,
      periodStart: dto.periodStart,
      periodEnd: dto.periodEnd,
      intakeEnd: dto.intakeEnd ?? null,
      targets: (dto.targets ?? []).map(toTarget),
      followUpCadence: dto.followUpCadence ?? DEFAULT_FOLLOW_UP_CADENCE,
      suppressionThreshold: dto.suppressionThreshold ?? 5,
    });
    checkPeriod(entity);
    return toProgramme(await this.dataSource.getRepository(ProgrammeEntity).save(entity));
  }

  async update(access: Access, id: string, dto: UpdateProgrammeDto): Promise<Programme> {
    return this.dataSource.transaction(async (manager) => {
      const current = orNotFound(
        await scopeProgrammes(manager.createQueryBuilder(ProgrammeEntity, 'p'), 'p.id', access)
          .andWhere('p.id = :id', { id })
          .setLock('pessimistic_write')
          .getOne(),
      );
      const next: ProgrammeEntity = {
        ...current,
        ...(dto.name !== undefined && { name: dto.name }),
        ...(dto.periodStart !== undefined && { periodStart: dto.periodStart }),
        ...(dto.periodEnd !== undefined && { periodEnd: dto.periodEnd }),
        ...(dto.intakeEnd !== undefined && { intakeEnd: dto.intakeEnd }),
        // The list is replaced as a whole: the form edits the catalogue, not single targets.
        ...(dto.targets !== undefined && { targets: (dto.targets ?? []).map(toTarget) }),
        ...(dto.followUpCadence !== undefined && { followUpCadence: dto.followUpCadence }),
        ...(dto.suppressionThreshold !== undefined && {
          suppressionThreshold: dto.suppressionThreshold,
        }),
      };
      checkPeriod(next);
      return toProgramme(await manager.save(ProgrammeEntity, next));
    });
  }
}

function checkPeriod(p: Pick<ProgrammeEntity, 'periodStart' | 'periodEnd' | 'intakeEnd'>): void {
  if (p.periodEnd < p.periodStart) {
    throw new FieldValidationException({
      periodEnd: ['The period must end on or after its start.'],
    });
  }
  if (p.intakeEnd && (p.intakeEnd < p.periodStart || p.intakeEnd > p.periodEnd)) {
    throw new FieldValidationException({ intakeEnd: ['The intake must end within the period.'] });
  }
}
