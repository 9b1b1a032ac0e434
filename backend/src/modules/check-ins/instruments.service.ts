import { Injectable } from '@nestjs/common';
import type { Instrument, Page } from '@stegvis/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { Access } from '../../access/decorators';
import { notFound, scopeParticipants, supervisorWindowSql } from '../../access/scoping';
import { FieldValidationException } from '../../common/validation';
import { ParticipantEntity } from '../participants/participant.entity';
import { ProgrammeEntity } from '../programmes/programme.entity';
import type { CreateInstrumentDto, IndicatorDto } from './check-in.dto';
import { InstrumentEntity } from './check-in.entity';
import { toInstrument } from './check-in.mapper';

/**
 * The programmes whose own instruments the caller may see: admins all (null), coaches and leads
 * their programmes, supervisors the programmes of participants placed at their enterprise within
 * the supervisor's access window (access/scoping.ts).
 */
export async function instrumentProgrammeIds(
  manager: EntityManager,
  access: Access,
): Promise<string[] | null> {
  switch (access.scope) {
    case 'all':
      return null;
    case 'programme':
      return access.programmeIds;
    case 'enterprise': {
      if (!access.enterpriseId) return [];
      const rows: { programme_id: string }[] = await manager.query(
        `SELECT DISTINCT pa.programme_id FROM placements pl
           JOIN participants pa ON pa.id = pl.participant_id
          WHERE pl.enterprise_id = $1 AND ${supervisorWindowSql('pl', access.graceDays)}
            AND pa.erased_at IS NULL`,
        [access.enterpriseId],
      );
      return rows.map((r) => r.programme_id);
    }
    case 'self':
      return [];
  }
}

@Injectable()
export class InstrumentsService {
  constructor(private readonly dataSource: DataSource) {}

  /** The shipped instruments plus the programme's own (or those of every programme in scope). */
  async list(
    access: Access,
    programmeId: string | undefined,
    participantId?: string,
  ): Promise<Page<Instrument>> {
    const manager = this.dataSource.manager;
    if (participantId !== undefined) {
      // The instruments a check-in of this participant may use: a supervisor does not know the
      // participant's programme, only that the participant is placed with them.
      const participant = await scopeParticipants(
        manager.createQueryBuilder(ParticipantEntity, 'pa'),
        'pa',
        access,
      )
        .andWhere('pa.id = :participantId', { participantId })
        .select(['pa.id', 'pa.programmeId'])
        .getOne();
      if (!participant || (programmeId !== undefined && programmeId !== participant.programmeId)) {
        throw notFound();
      }
      const rows = await manager
        .createQueryBuilder(InstrumentEntity, 'i')
        .where('(i.programme_id IS NULL OR i.programme_id = :programmeId)', {
          programmeId: participant.programmeId,
        })
        .orderBy('i.programmeId', 'ASC', 'NULLS FIRST')
        .addOrderBy('i.key', 'ASC')
        .addOrderBy('i.version', 'DESC')
        .getMany();
      return { items: rows.map(toInstrument), nextCursor: null };
    }
    const visible = await instrumentProgrammeIds(manager, access);
    const qb = manager
      .createQueryBuilder(InstrumentEntity, 'i')
      .orderBy('i.programmeId', 'ASC', 'NULLS FIRST')
      .addOrderBy('i.key', 'ASC')
      .addOrderBy('i.version', 'DESC');
    if (programmeId !== undefined) {
      const exists = await manager.existsBy(ProgrammeEntity, { id: programmeId });
      if (!exists || (visible !== null && !visible.includes(programmeId))) throw notFound();
      qb.where('(i.programme_id IS NULL OR i.programme_id = :programmeId)', { programmeId });
    } else if (visible !== null) {
      qb.where(
        visible.length === 0
          ? 'i.programme_id IS NULL'
          : '(i.programme_id IS NULL OR i.programme_id IN (:...visible))',
        { visible },
      );
    }
    return { items: (await qb.getMany()).map(toInstrument), nextCursor: null };
  }

  /** Version n + 1 of the programme's instrument `key`; instruments are never edited in place. */
  async create(access: Access, dto: CreateInstrumentDto): Promise<Instrument> {
    checkIndicators(dto.indicators);
    return this.dataSource.transaction(async (m) => {
      const inScope = access.scope === 'all' || access.programmeIds.includes(dto.programmeId);
      // Locking the programme row serialises new versions of its instruments.
      const programme = inScope
        ? await m.findOne(ProgrammeEntity, {
            where: { id: dto.programmeId },
            lock: { mode: 'pessimistic_write' },
          })
        : null;
      if (!programme) {
        throw new FieldValidationException({ programmeId: ['No such programme.'] });
      }
      const shipped: { n: number }[] = await m.query(
        `SELECT count(*)::int AS n FROM instruments WHERE programme_id IS NULL AND key = $1`,
        [dto.key],
      );
      if ((shipped[0]?.n ?? 0) > 0) {
        throw new FieldValidationException({
          key: ['This key belongs to an instrument shipped with Stegvis; choose another.'],
        });
      }
      const latest: { v: number | null }[] = await m.query(
        `SELECT max(version) AS v FROM instruments WHERE programme_id = $1 AND key = $2`,
        [dto.programmeId, dto.key],
      );
      const saved = await m.save(
        m.create(InstrumentEntity, {
          programmeId: dto.programmeId,
          key: dto.key,
          version: (latest[0]?.v ?? 0) + 1,
          nameSv: dto.nameSv,
          nameEn: dto.nameEn,
          indicators: dto.indicators.map((i) => ({
            key: i.key,
            labelSv: i.labelSv,
            labelEn: i.labelEn,
            min: i.min,
            max: i.max,
            stagesSv: i.stagesSv,
            stagesEn: i.stagesEn,
          })),
        }),
      );
      return toInstrument(saved);
    });
  }
}

/**
 * Scale rules: min < max; the stage labels divide the scale evenly — one label per point, or
 * fewer labels each spanning the same number of points (1–10 with 5 stages: two points each);
 * Swedish and English labels alike; indicator keys unique.
 */
function checkIndicators(indicators: IndicatorDto[]): void {
  const fields: Record<string, string[]> = {};
  const seen = new Set<string>();
  indicators.forEach((indicator, index) => {
    const at = `indicators.${index}`;
    if (seen.has(indicator.key)) fields[`${at}.key`] = ['Indicator keys must be unique.'];
    seen.add(indicator.key);
    if (indicator.min >= indicator.max) {
      fields[`${at}.max`] = ['The scale must end above its start (min < max).'];
      return;
    }
    const points = indicator.max - indicator.min + 1;
    const stages = indicator.stagesSv.length;
    if (points % stages !== 0) {
      fields[`${at}.stagesSv`] = [
        `${stages} stages do not divide a scale of ${points} points evenly; give one label per point or an even division.`,
      ];
    }
    if (indicator.stagesEn.length !== stages) {
      fields[`${at}.stagesEn`] = ['There must be as many English stage labels as Swedish ones.'];
    }
  });
  if (Object.keys(fields).length > 0) throw new FieldValidationException(fields);
}
