import { Injectable } from '@nestjs/common';
import type { EnterpriseEvent, Page } from '@stegvis/contracts';
import { attendeeCounts, type AttendeeCountsInput } from '@stegvis/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Access } from '../../access/decorators';
import { orNotFound, scopeProgrammes } from '../../access/scoping';
import { StaleVersionException } from '../../common/if-match';
import { FieldValidationException } from '../../common/validation';
import type { CreateEnterpriseEventDto, UpdateEnterpriseEventDto } from './enterprise-side.dto';
import { toEnterpriseEvent } from './enterprise-side.mapper';
import { EnterpriseEventEntity } from './enterprise-event.entity';
import { assertProgrammeInScope, StaleRecord } from './programme-scope';

const WHAT = 'event';

/** The counting rule of libs/domain on what the record will hold; a 400 naming the field. */
function countsColumns(input: AttendeeCountsInput) {
  const result = attendeeCounts(input);
  if (!result.ok) throw new FieldValidationException(result.errors);
  const { total, bySector, byGender } = result.counts;
  return {
    attendeesTotal: total,
    attendeesPublicSector: bySector?.public_sector ?? null,
    attendeesSocialEntrepreneurs: bySector?.social_entrepreneurs ?? null,
    attendeesOtherSector: bySector?.other ?? null,
    attendeesFemale: byGender?.female ?? null,
    attendeesMale: byGender?.male ?? null,
    attendeesOtherGender: byGender?.other ?? null,
    attendeesUndisclosed: byGender?.undisclosed ?? null,
  };
}

@Injectable()
export class EnterpriseEventsService {
  constructor(private readonly dataSource: DataSource) {}

  private scoped(m: EntityManager, access: Access) {
    return scopeProgrammes(
      m.createQueryBuilder(EnterpriseEventEntity, 'ev'),
      'ev.programme_id',
      access,
    );
  }

  async list(access: Access, programmeId: string): Promise<Page<EnterpriseEvent>> {
    return this.dataSource.transaction(async (m) => {
      await assertProgrammeInScope(m, access, programmeId);
      const rows = await this.scoped(m, access)
        .andWhere('ev.programme_id = :programmeId', { programmeId })
        .orderBy('ev.date', 'DESC')
        .addOrderBy('ev.id')
        .getMany();
      return { items: rows.map(toEnterpriseEvent), nextCursor: null };
    });
  }

  async get(access: Access, id: string): Promise<EnterpriseEvent> {
    const row = await this.scoped(this.dataSource.manager, access)
      .andWhere('ev.id = :id', { id })
      .getOne();
    return toEnterpriseEvent(orNotFound(row));
  }

  async create(
    access: Access,
    programmeId: string,
    dto: CreateEnterpriseEventDto,
  ): Promise<EnterpriseEvent> {
    const saved = await this.dataSource.transaction(async (m) => {
      await assertProgrammeInScope(m, access, programmeId);
      const counts = countsColumns({
        total: dto.attendeesTotal ?? null,
        bySector: dto.attendeesBySector ?? null,
        byGender: dto.attendeesByGender ?? null,
      });
      return m.save(
        m.create(EnterpriseEventEntity, {
          programmeId,
          date: dto.date,
          title: dto.title,
          kind: dto.kind,
          ...counts,
        }),
      );
    });
    return this.get(access, saved.id);
  }

  async update(
    access: Access,
    id: string,
    dto: UpdateEnterpriseEventDto,
    ifMatch: number | null,
  ): Promise<EnterpriseEvent> {
    try {
      await this.dataSource.transaction(async (m) => {
        const current = orNotFound(
          await this.scoped(m, access)
            .andWhere('ev.id = :id', { id })
            .setLock('pessimistic_write')
            .getOne(),
        );
        if (ifMatch !== null && ifMatch !== current.version) throw new StaleRecord(WHAT);
        const shown = toEnterpriseEvent(current);
        const bySector =
          dto.attendeesBySector === undefined ? shown.attendeesBySector : dto.attendeesBySector;
        // A total left out follows the sector breakdown; without one, the stored total stays.
        const total =
          dto.attendeesTotal !== undefined
            ? dto.attendeesTotal
            : bySector !== null
              ? null
              : shown.attendeesTotal;
        const counts = countsColumns({
          total,
          bySector,
          byGender:
            dto.attendeesByGender === undefined ? shown.attendeesByGender : dto.attendeesByGender,
        });
        const result = await m
          .createQueryBuilder()
          .update(EnterpriseEventEntity)
          .set({
            date: dto.date ?? current.date,
            title: dto.title ?? current.title,
            kind: dto.kind ?? current.kind,
            ...counts,
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
            .andWhere('ev.id = :id', { id })
            .setLock('pessimistic_write')
            .getOne(),
        );
        if (ifMatch !== null && ifMatch !== current.version) throw new StaleRecord(WHAT);
        await m.delete(EnterpriseEventEntity, { id });
      });
    } catch (error) {
      if (error instanceof StaleRecord) {
        throw new StaleVersionException(error.message, await this.get(access, id));
      }
      throw error;
    }
  }
}
