import { ConflictException, Injectable } from '@nestjs/common';
import type {
  DueFollowUp,
  FollowUp,
  FollowUpCadence,
  FollowUpScheduleItem,
  Page,
  Placement,
  PlacementPause,
  PlacementStatus,
  SupervisedPlacementDetail,
} from '@stegvis/contracts';
import { addDays, todayIso, toEpochDay } from '@stegvis/domain';
import { DataSource, EntityManager } from 'typeorm';
import type { Access } from '../../access/decorators';
import {
  orNotFound,
  scopeDueFollowUps,
  scopeParticipants,
  scopePlacements,
} from '../../access/scoping';
import { assertFilters, forView } from '../../access/views';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import { StaleVersionException } from '../../common/if-match';
import { FieldValidationException } from '../../common/validation';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { ParticipantEntity } from '../participants/participant.entity';
import type {
  CreateFollowUpDto,
  CreatePlacementDto,
  DueFollowUpsQuery,
  ListPlacementsQuery,
  UpdatePlacementDto,
} from './placement.dto';
import { FollowUpEntity, PlacementEntity, PlacementSupervisorEntity } from './placement.entity';
import {
  nextFollowUpDueOf,
  type PlacementContext,
  scheduleItemsOf,
  toFollowUp,
  toPlacement,
  toSupervisedPlacementDetail,
} from './placement.mapper';

/** A placement as the caller's view shows it: in full to a coach, the supervisor's mapper else. */
type PlacementView = Placement | SupervisedPlacementDetail;

/** How far ahead "due" looks: follow-ups due within the coming week are listed with the overdue. */
export const DUE_HORIZON_DAYS = 7;
/** At most this many rows in the due list; a caller with more has a bigger problem than paging. */
const DUE_LIMIT = 500;

/** How far ahead a placement's schedule lists the upcoming follow-ups (one monthly interval). */
export const SCHEDULE_AHEAD_DAYS = 31;

const CLOSED: readonly PlacementStatus[] = ['ended', 'aborted'];

@Injectable()
export class PlacementsService {
  constructor(private readonly dataSource: DataSource) {}

  private scoped(manager: EntityManager, access: Access) {
    return scopePlacements(manager.createQueryBuilder(PlacementEntity, 'pl'), 'pl', access);
  }

  /** Supervisors, follow-up dates and the programme's cadence for a set of placements: one query. */
  private async contexts(
    manager: EntityManager,
    ids: string[],
  ): Promise<Map<string, PlacementContext>> {
    const map = new Map<string, PlacementContext>();
    if (ids.length === 0) return map;
    const rows: {
      id: string;
      cadence: Partial<FollowUpCadence> | null;
      done: string[];
      supervisor_ids: string[];
    }[] = await manager.query(
      `SELECT pl.id, pr.follow_up_cadence AS cadence,
         COALESCE((SELECT array_agg(f.date::text ORDER BY f.date) FROM follow_ups f
                    WHERE f.placement_id = pl.id), '{}') AS done,
         COALESCE((SELECT array_agg(ps.user_id::text ORDER BY ps.user_id) FROM placement_supervisors ps
                    WHERE ps.placement_id = pl.id), '{}') AS supervisor_ids
       FROM placements pl
       JOIN participants pa ON pa.id = pl.participant_id
       JOIN programmes pr ON pr.id = pa.programme_id
       WHERE pl.id = ANY($1::uuid[])`,
      [ids],
    );
    for (const row of rows) {
      map.set(row.id, { cadence: row.cadence, done: row.done, supervisorIds: row.supervisor_ids });
    }
    return map;
  }

  private async toPlacements(
    manager: EntityManager,
    access: Access,
    entities: PlacementEntity[],
  ): Promise<PlacementView[]> {
    const mapper = forView<typeof toPlacement | typeof toSupervisedPlacementDetail>(access, {
      full: toPlacement,
      placement: toSupervisedPlacementDetail,
    });
    const contexts = await this.contexts(
      manager,
      entities.map((e) => e.id),
    );
    const today = todayIso();
    return entities.map((e) =>
      mapper(e, contexts.get(e.id) ?? { cadence: null, done: [], supervisorIds: [] }, today),
    );
  }

  async get(access: Access, id: string): Promise<PlacementView> {
    const manager = this.dataSource.manager;
    const entity = orNotFound(
      await this.scoped(manager, access).andWhere('pl.id = :id', { id }).getOne(),
    );
    const [placement] = await this.toPlacements(manager, access, [entity]);
    return orNotFound(placement);
  }

  async list(access: Access, query: ListPlacementsQuery): Promise<Page<PlacementView>> {
    assertFilters(access, 'placements', query);
    const limit = query.limit ?? 50;
    const qb = this.scoped(this.dataSource.manager, access)
      .orderBy('pl.startDate', 'DESC')
      .addOrderBy('pl.id', 'DESC')
      .limit(limit + 1);
    if (query.participantId) {
      qb.andWhere('pl.participant_id = :participantId', { participantId: query.participantId });
    }
    if (query.enterpriseId) {
      qb.andWhere('pl.enterprise_id = :enterpriseId', { enterpriseId: query.enterpriseId });
    }
    if (query.status) qb.andWhere('pl.status = :status', { status: query.status });
    const after = decodeCursor(query.cursor, 2);
    if (after) {
      qb.andWhere('(pl.start_date, pl.id) < (:afterDate::date, :afterId::uuid)', {
        afterDate: String(after[0]),
        afterId: String(after[1]),
      });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.toPlacements(this.dataSource.manager, access, page),
      nextCursor: rows.length > limit && last ? encodeCursor([last.startDate, last.id]) : null,
    };
  }

  async create(access: Access, dto: CreatePlacementDto): Promise<PlacementView> {
    const today = todayIso();
    const id = await this.dataSource.transaction(async (m) => {
      const participant = await scopeParticipants(
        m.createQueryBuilder(ParticipantEntity, 'pa'),
        'pa',
        access,
      )
        .andWhere('pa.id = :participantId', { participantId: dto.participantId })
        .getOne();
      // Outside the caller's scope reads exactly like a participant that does not exist.
      if (!participant) {
        throw new FieldValidationException({ participantId: ['No such participant.'] });
      }
      if (participant.reducedAt !== null) {
        throw new FieldValidationException({
          participantId: ['The participant’s record is reduced: no case data can be added.'],
        });
      }
      if (participant.status === 'exited') {
        throw new FieldValidationException({ participantId: ['The participant has exited.'] });
      }
      if (!(await m.existsBy(EnterpriseEntity, { id: dto.enterpriseId }))) {
        throw new FieldValidationException({ enterpriseId: ['No such enterprise.'] });
      }
      if (dto.plannedEndDate && dto.plannedEndDate < dto.startDate) {
        throw new FieldValidationException({
          plannedEndDate: ['The planned end must be on or after the start.'],
        });
      }
      const supervisorIds = dto.supervisorIds ?? [];
      await assertSupervisors(m, dto.enterpriseId, supervisorIds);
      const status: PlacementStatus = dto.startDate > today ? 'planned' : 'active';
      const cadence = await cadenceOfParticipant(m, participant.id);
      const draft = {
        startDate: dto.startDate,
        plannedEndDate: dto.plannedEndDate ?? null,
        actualEndDate: null,
        pauses: [],
        status,
      };
      const saved = await m.save(
        m.create(PlacementEntity, {
          ...draft,
          participantId: participant.id,
          enterpriseId: dto.enterpriseId,
          kind: dto.kind,
          hoursPerWeek: dto.hoursPerWeek == null ? null : String(dto.hoursPerWeek),
          endReason: null,
          nextFollowUpDue: nextFollowUpDueOf(draft, [], cadence, today),
        }),
      );
      await setSupervisors(m, saved.id, supervisorIds);
      return saved.id;
    });
    return this.get(access, id);
  }

  async update(
    access: Access,
    id: string,
    dto: UpdatePlacementDto,
    ifMatch: number | null,
  ): Promise<PlacementView> {
    const today = todayIso();
    try {
      await this.write(id, dto, ifMatch, today, access);
    } catch (error) {
      // The one 409 body: with the placement as it is now, in the caller's view.
      if (error instanceof StalePlacement) {
        throw new StaleVersionException(error.message, await this.get(access, id));
      }
      throw error;
    }
    return this.get(access, id);
  }

  private async write(
    id: string,
    dto: UpdatePlacementDto,
    ifMatch: number | null,
    today: string,
    access: Access,
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const current = orNotFound(
        await this.scoped(m, access)
          .andWhere('pl.id = :id', { id })
          .setLock('pessimistic_write')
          .getOne(),
      );
      if (ifMatch !== null && ifMatch !== current.version) throw new StalePlacement();

      const next: PlacementEntity = { ...current, pauses: current.pauses.map((p) => ({ ...p })) };
      if (dto.plannedEndDate !== undefined) next.plannedEndDate = dto.plannedEndDate;
      if (dto.hoursPerWeek !== undefined) {
        next.hoursPerWeek = dto.hoursPerWeek === null ? null : String(dto.hoursPerWeek);
      }
      if (dto.action && dto.date) applyTransition(next, dto.action, dto.date, dto.reason, today);
      if (next.plannedEndDate !== null && next.plannedEndDate < next.startDate) {
        throw new FieldValidationException({
          plannedEndDate: ['The planned end must be on or after the start.'],
        });
      }
      if (dto.supervisorIds !== undefined) {
        await assertSupervisors(m, current.enterpriseId, dto.supervisorIds);
      }

      const done = await followUpDates(m, id);
      const cadence = await cadenceOfParticipant(m, current.participantId);
      const result = await m
        .createQueryBuilder()
        .update(PlacementEntity)
        .set({
          startDate: next.startDate,
          plannedEndDate: next.plannedEndDate,
          actualEndDate: next.actualEndDate,
          hoursPerWeek: next.hoursPerWeek,
          status: next.status,
          endReason: next.endReason,
          pauses: next.pauses,
          nextFollowUpDue: nextFollowUpDueOf(next, done, cadence, today),
          version: () => 'version + 1',
        })
        .where('id = :id AND version = :version', { id, version: current.version })
        .execute();
      if (result.affected !== 1) throw new StalePlacement();
      if (dto.supervisorIds !== undefined) await setSupervisors(m, id, dto.supervisorIds);
    });
  }

  async createFollowUp(
    access: Access,
    placementId: string,
    dto: CreateFollowUpDto,
  ): Promise<FollowUp> {
    const today = todayIso();
    return this.dataSource.transaction(async (m) => {
      // The row lock serialises follow-ups on one placement, so next_follow_up_due always
      // reflects every follow-up committed before it.
      const placement = orNotFound(
        await this.scoped(m, access)
          .andWhere('pl.id = :placementId', { placementId })
          .setLock('pessimistic_write')
          .getOne(),
      );
      await assertNotReduced(m, placement.participantId);
      if (dto.date > today) {
        throw new FieldValidationException({ date: ['A follow-up cannot be in the future.'] });
      }
      if (dto.date < placement.startDate) {
        throw new FieldValidationException({
          date: ['A follow-up cannot be before the placement started.'],
        });
      }
      if (placement.actualEndDate !== null && dto.date > placement.actualEndDate) {
        throw new FieldValidationException({
          date: ['A follow-up cannot be after the placement ended.'],
        });
      }
      const saved = await m.save(
        m.create(FollowUpEntity, {
          placementId,
          date: dto.date,
          authorId: access.userId,
          mode: dto.mode,
          daysPresent: dto.daysPresent,
          daysAbsent: dto.daysAbsent,
          wellbeing: dto.wellbeing,
          notes: dto.notes ?? null,
          concern: dto.concern ?? false,
        }),
      );
      const done = await followUpDates(m, placementId);
      const cadence = await cadenceOfParticipant(m, placement.participantId);
      await m.update(
        PlacementEntity,
        { id: placementId },
        { nextFollowUpDue: nextFollowUpDueOf(placement, done, cadence, today) },
      );
      return toFollowUp(saved);
    });
  }

  /** Every follow-up of one placement, newest first (weekly, then monthly: a short list). */
  async listFollowUps(access: Access, placementId: string): Promise<Page<FollowUp>> {
    const manager = this.dataSource.manager;
    orNotFound(
      await this.scoped(manager, access)
        .andWhere('pl.id = :placementId', { placementId })
        .select('pl.id')
        .getOne(),
    );
    const rows = await manager.find(FollowUpEntity, {
      where: { placementId },
      order: { date: 'DESC', createdAt: 'DESC', id: 'DESC' },
    });
    return { items: rows.map(toFollowUp), nextCursor: null };
  }

  /**
   * The follow-up schedule of one placement by the programme's cadence: every due date from the
   * start, done, late or missed, and those coming up within SCHEDULE_AHEAD_DAYS.
   */
  async schedule(access: Access, placementId: string): Promise<{ items: FollowUpScheduleItem[] }> {
    const manager = this.dataSource.manager;
    const placement = orNotFound(
      await this.scoped(manager, access).andWhere('pl.id = :placementId', { placementId }).getOne(),
    );
    const context = (await this.contexts(manager, [placement.id])).get(placement.id);
    const today = todayIso();
    return {
      items: scheduleItemsOf(
        placement,
        context?.done ?? [],
        context?.cadence ?? null,
        today,
        addDays(today, SCHEDULE_AHEAD_DAYS),
      ),
    };
  }

  /**
   * The caller's follow-ups due within the next DUE_HORIZON_DAYS days and those overdue, oldest
   * first, in one query on the stored placements.next_follow_up_due. Coaches: placements of the
   * participants in their programmes (`mine`: only those they are responsible coach for).
   * Supervisors: placements at their enterprise where they are an assigned supervisor, or that
   * have no supervisor assigned.
   */
  async due(access: Access, query: DueFollowUpsQuery): Promise<{ items: DueFollowUp[] }> {
    assertFilters(access, 'dueFollowUps', query);
    const today = todayIso();
    const qb = scopeDueFollowUps(this.scoped(this.dataSource.manager, access), 'pl', access)
      .innerJoin(ParticipantEntity, 'pa', 'pa.id = pl.participant_id')
      .select('pl.id', 'id')
      .addSelect('pl.participant_id', 'participant_id')
      .addSelect('pl.enterprise_id', 'enterprise_id')
      .addSelect('pl.next_follow_up_due::text', 'due')
      .addSelect(
        `CASE WHEN pa.reduced_at IS NULL
           THEN NULLIF(concat_ws(' ', pa.first_name, pa.last_name), '') END`,
        'name',
      )
      .andWhere(`pl.status IN ('planned', 'active')`)
      .andWhere('pl.next_follow_up_due <= :horizon::date', {
        horizon: addDays(today, DUE_HORIZON_DAYS),
      })
      // Nothing is due once the end has passed.
      .andWhere('COALESCE(pl.actual_end_date, pl.planned_end_date, :today::date) >= :today::date', {
        today,
      })
      .orderBy('pl.next_follow_up_due', 'ASC')
      .addOrderBy('pl.id', 'ASC')
      .limit(DUE_LIMIT);
    // A filter of the full view only (assertFilters refuses it to a supervisor).
    if (query.mine) qb.andWhere('pa.responsible_coach_id = :me', { me: access.userId });
    const rows = await qb.getRawMany<{
      id: string;
      participant_id: string;
      enterprise_id: string;
      due: string;
      name: string | null;
    }>();
    const now = toEpochDay(today);
    return {
      items: rows.map((row) => {
        const daysOverdue = Math.max(0, now - toEpochDay(row.due));
        return {
          id: row.id,
          placementId: row.id,
          participantId: row.participant_id,
          participantName: row.name,
          enterpriseId: row.enterprise_id,
          dueDate: row.due,
          overdue: daysOverdue > 0,
          daysOverdue,
        };
      }),
    };
  }
}

/** Inside the transaction: the version moved on (answered outside it, with the current one). */
class StalePlacement extends Error {
  constructor() {
    super('The placement was changed by someone else in the meantime; review it and try again.');
  }
}

/** A status transition on `next`, in place; an impossible one is a 409 with the reason. */
export function applyTransition(
  next: PlacementEntity,
  action: NonNullable<UpdatePlacementDto['action']>,
  date: string,
  reason: string | undefined,
  today: string,
): void {
  const refuse = (what: string) =>
    new ConflictException(`A placement that is ${next.status} cannot be ${what}.`);
  if (date > today) {
    throw new FieldValidationException({ date: ['The date cannot be in the future.'] });
  }
  const notBeforeStart = () => {
    if (date < next.startDate) {
      throw new FieldValidationException({
        date: ['The date cannot be before the placement started.'],
      });
    }
  };
  const openPause = next.pauses.find((p) => p.to === null);
  switch (action) {
    case 'start':
      if (next.status !== 'planned') throw refuse('started');
      next.startDate = date;
      next.status = 'active';
      return;
    case 'pause': {
      if (next.status !== 'active') throw refuse('paused');
      notBeforeStart();
      const lastTo = next.pauses.reduce<string | null>(
        (latest, p) => (p.to !== null && (latest === null || p.to > latest) ? p.to : latest),
        null,
      );
      if (lastTo !== null && date <= lastTo) {
        throw new FieldValidationException({
          date: ['A pause cannot start within an earlier pause.'],
        });
      }
      next.pauses.push({ from: date, to: null });
      next.status = 'paused';
      return;
    }
    case 'resume':
      if (next.status !== 'paused' || !openPause) throw refuse('resumed');
      if (date <= openPause.from) {
        throw new FieldValidationException({
          date: ['The placement must resume after the first paused day.'],
        });
      }
      openPause.to = addDays(date, -1);
      next.status = 'active';
      return;
    case 'end':
    case 'abort':
      if (action === 'end' && next.status !== 'active' && next.status !== 'paused') {
        throw refuse('ended');
      }
      if (action === 'abort' && CLOSED.includes(next.status)) throw refuse('aborted');
      // A placement aborted before it began has no start to respect.
      if (next.status !== 'planned') notBeforeStart();
      next.pauses = closePause(next.pauses, date);
      next.actualEndDate = date;
      next.endReason = reason ?? null;
      next.status = action === 'end' ? 'ended' : 'aborted';
      return;
  }
}

/** Ends a pause still open on `date` (the last paused day is the day before). */
function closePause(pauses: PlacementPause[], date: string): PlacementPause[] {
  return pauses.flatMap((p) => {
    if (p.to !== null) return [p];
    return date > p.from ? [{ from: p.from, to: addDays(date, -1) }] : [];
  });
}

async function assertSupervisors(
  m: EntityManager,
  enterpriseId: string,
  supervisorIds: string[],
): Promise<void> {
  if (supervisorIds.length === 0) return;
  const rows: { n: number }[] = await m.query(
    `SELECT count(*)::int AS n FROM users
      WHERE id = ANY($1::uuid[]) AND role = 'supervisor' AND enterprise_id = $2
        AND disabled_at IS NULL`,
    [supervisorIds, enterpriseId],
  );
  if ((rows[0]?.n ?? 0) !== new Set(supervisorIds).size) {
    throw new FieldValidationException({
      supervisorIds: [
        'Every supervisor must be an active supervisor at the placement’s enterprise.',
      ],
    });
  }
}

async function setSupervisors(m: EntityManager, placementId: string, userIds: string[]) {
  await m.delete(PlacementSupervisorEntity, { placementId });
  const unique = [...new Set(userIds)];
  if (unique.length > 0) {
    await m.insert(
      PlacementSupervisorEntity,
      unique.map((userId) => ({ placementId, userId })),
    );
  }
}

async function followUpDates(m: EntityManager, placementId: string): Promise<string[]> {
  const rows: { date: string }[] = await m.query(
    `SELECT DISTINCT date::text AS date FROM follow_ups WHERE placement_id = $1`,
    [placementId],
  );
  return rows.map((r) => r.date);
}

async function cadenceOfParticipant(
  m: EntityManager,
  participantId: string,
): Promise<Partial<FollowUpCadence> | null> {
  const rows: { cadence: Partial<FollowUpCadence> | null }[] = await m.query(
    `SELECT pr.follow_up_cadence AS cadence FROM participants pa
       JOIN programmes pr ON pr.id = pa.programme_id WHERE pa.id = $1`,
    [participantId],
  );
  return rows[0]?.cadence ?? null;
}

async function assertNotReduced(m: EntityManager, participantId: string): Promise<void> {
  const rows: { reduced: boolean }[] = await m.query(
    `SELECT reduced_at IS NOT NULL AS reduced FROM participants WHERE id = $1`,
    [participantId],
  );
  if (rows[0]?.reduced) {
    throw new ConflictException('The participant’s record is reduced: no case data can be added.');
  }
}
