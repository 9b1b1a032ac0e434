import { ConflictException, Injectable } from '@nestjs/common';
import {
  type CheckIn,
  type Indicator,
  type Page,
  type Progression,
  type Rater,
  RATERS_BY_VIEW,
} from '@stegvis/contracts';
import { type LadderStep, stepProgression, todayIso } from '@stegvis/domain';
import { DataSource, EntityManager } from 'typeorm';
import type { Access } from '../../access/decorators';
import { orNotFound, scopeParticipants } from '../../access/scoping';
import { forView } from '../../access/views';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import { FieldValidationException } from '../../common/validation';
import { ParticipantEntity } from '../participants/participant.entity';
import type { CreateCheckInDto, ListCheckInsQuery } from './check-in.dto';
import { CheckInEntity, InstrumentEntity } from './check-in.entity';
import { toCheckIn, toProgression } from './check-in.mapper';

/**
 * Check-ins of participants in the caller's scope. A supervisor records and sees only
 * supervisor-rated check-ins: a participant's self-rating and the coach's rating (which touch on
 * health and more) are not theirs to see.
 */
@Injectable()
export class CheckInsService {
  constructor(private readonly dataSource: DataSource) {}

  private async participant(
    manager: EntityManager,
    access: Access,
    id: string,
  ): Promise<ParticipantEntity> {
    return orNotFound(
      await scopeParticipants(manager.createQueryBuilder(ParticipantEntity, 'pa'), 'pa', access)
        .andWhere('pa.id = :id', { id })
        .getOne(),
    );
  }

  private visibleCheckIns(manager: EntityManager, access: Access, participantId: string) {
    // The raters the caller's view sees (a supervisor: their own kind only).
    const raters: readonly Rater[] = forView(access, RATERS_BY_VIEW).sees;
    return manager
      .createQueryBuilder(CheckInEntity, 'c')
      .where('c.participant_id = :participantId', { participantId })
      .andWhere('c.rater IN (:...raters)', { raters });
  }

  async create(access: Access, participantId: string, dto: CreateCheckInDto): Promise<CheckIn> {
    const manager = this.dataSource.manager;
    const participant = await this.participant(manager, access, participantId);
    if (participant.reducedAt !== null) {
      throw new ConflictException(
        'The participant’s record is reduced: no case data can be added.',
      );
    }
    const allowed: readonly Rater[] = forView(access, RATERS_BY_VIEW).records;
    const rater = dto.rater ?? allowed[0] ?? 'coach';
    if (!allowed.includes(rater)) {
      throw new FieldValidationException({
        rater: [`You record check-ins as rater ${allowed.map((r) => `'${r}'`).join(' or ')}.`],
      });
    }
    if (dto.date > todayIso()) {
      throw new FieldValidationException({ date: ['A check-in cannot be in the future.'] });
    }
    const instrument = await manager
      .createQueryBuilder(InstrumentEntity, 'i')
      .where('i.id = :id', { id: dto.instrumentId })
      .andWhere('(i.programme_id IS NULL OR i.programme_id = :programmeId)', {
        programmeId: participant.programmeId,
      })
      .getOne();
    if (!instrument) {
      throw new FieldValidationException({ instrumentId: ['No such instrument.'] });
    }
    checkScores(dto.scores, instrument.indicators);
    const saved = await manager.save(
      manager.create(CheckInEntity, {
        participantId,
        instrumentId: instrument.id,
        occasion: dto.occasion,
        rater,
        date: dto.date,
        scores: dto.scores,
        ladder: dto.ladder ?? null,
        createdBy: access.userId,
      }),
    );
    return toCheckIn(saved);
  }

  /** Newest first. */
  async list(
    access: Access,
    participantId: string,
    query: ListCheckInsQuery,
  ): Promise<Page<CheckIn>> {
    const manager = this.dataSource.manager;
    await this.participant(manager, access, participantId);
    const limit = query.limit ?? 50;
    const qb = this.visibleCheckIns(manager, access, participantId)
      .orderBy('c.date', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(limit + 1);
    const after = decodeCursor(query.cursor, 2);
    if (after) {
      qb.andWhere('(c.date, c.id) < (:afterDate::date, :afterId::uuid)', {
        afterDate: String(after[0]),
        afterId: String(after[1]),
      });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toCheckIn),
      nextCursor: rows.length > limit && last ? encodeCursor([last.date, last.id]) : null,
    };
  }

  /** First vs latest check-in per rater and indicator, by the rule in libs/domain. */
  async progression(access: Access, participantId: string): Promise<Progression> {
    const manager = this.dataSource.manager;
    await this.participant(manager, access, participantId);
    const rows = await this.visibleCheckIns(manager, access, participantId)
      .orderBy('c.date', 'ASC')
      .addOrderBy('c.createdAt', 'ASC')
      .getMany();
    return toProgression(
      participantId,
      stepProgression(
        rows.map((row) => ({
          occasion: row.occasion,
          date: row.date,
          rater: row.rater,
          scores: row.scores,
          ...(row.ladder !== null && { ladder: row.ladder as LadderStep }),
        })),
      ),
    );
  }
}

/** Known indicator keys, integers within each indicator's scale, at least one score. */
function checkScores(scores: Record<string, number>, indicators: Indicator[]): void {
  const byKey = new Map(indicators.map((i) => [i.key, i]));
  const fields: Record<string, string[]> = {};
  const entries = Object.entries(scores);
  if (entries.length === 0) fields['scores'] = ['Score at least one indicator.'];
  for (const [key, value] of entries) {
    const indicator = byKey.get(key);
    if (!indicator) {
      fields[`scores.${key}`] = ['The instrument has no such indicator.'];
    } else if (
      typeof value !== 'number' ||
      !Number.isInteger(value) ||
      value < indicator.min ||
      value > indicator.max
    ) {
      fields[`scores.${key}`] = [
        `The score must be a whole number from ${indicator.min} to ${indicator.max}.`,
      ];
    }
  }
  if (Object.keys(fields).length > 0) throw new FieldValidationException(fields);
}
