import { getPlainMany } from '../../database/plain-rows';
import { ConflictException, Injectable, Logger } from '@nestjs/common';
import type {
  Attendance,
  CheckInOccasion,
  FollowUpMode,
  Page,
  Participant,
  ParticipantExport,
  PlacementPause,
  PlanStep,
  Rater,
  SessionKind,
  SessionMode,
  Snapshot,
  SupervisedParticipant,
} from '@stegvis/contracts';
import { firstOfMonth, nextStepOf, todayIso, validatePersonnummer, yearOf } from '@stegvis/domain';
import { DataSource, EntityManager, QueryFailedError, type SelectQueryBuilder } from 'typeorm';
import type { Access } from '../../access/decorators';
import {
  notFound,
  orNotFound,
  placementsOfVisibleParticipantSql,
  scopeParticipants,
  scopeProgrammes,
} from '../../access/scoping';
import { assertFilters, forView, viewShows } from '../../access/views';
import { AuditService } from '../../audit/audit.service';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import { StaleVersionException } from '../../common/if-match';
import { FieldValidationException } from '../../common/validation';
import { AppConfig } from '../../config/app-config';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { escapeLike } from '../users/users.service';
import type {
  CreateParticipantDto,
  ListParticipantsQuery,
  ReopenParticipationDto,
  SnapshotDto,
  UpdateParticipantDto,
} from './participant.dto';
import { ParticipantEntity } from './participant.entity';
import { ParticipantReductionService, type ReductionCause } from './participant-reduction.service';
import { endOpenPlacements, recordReopening } from './participation-exit';
import {
  type ParticipantExtras,
  type SupervisedPlacementRow,
  toParticipant,
  toSupervisedParticipant,
} from './participant.mapper';

type Changes = Partial<Omit<ParticipantEntity, 'programme' | 'responsibleCoach'>>;

/** A record reduced at registration keeps none of these (ParticipantReductionService reduces later). */
const IDENTIFYING_AND_CASE_FIELDS: Changes = {
  firstName: null,
  lastName: null,
  personnummer: null,
  birthYear: null,
  municipality: null,
  education: null,
  referredBy: null,
  responsibleCoachId: null,
  enrolledAt: null,
  startSnapshot: null,
  exitSnapshot: null,
};

const REDUCED_MESSAGE =
  'The record is reduced to gender and start and exit month (no consent or protected identity): only status and exit can change.';

// The list's keyset: name order, records without a name (reduced) last, id as the tie-breaker.
// participants_programme_name_idx covers these expressions.
const SORT_KEYS = [
  '(CASE WHEN p.last_name IS NULL THEN 1 ELSE 0 END)',
  "lower(coalesce(p.last_name, ''))",
  "lower(coalesce(p.first_name, ''))",
  'p.id',
] as const;

@Injectable()
export class ParticipantsService {
  private readonly logger = new Logger('Participants');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly reduction: ParticipantReductionService,
  ) {}

  private scoped(manager: EntityManager, access: Access): SelectQueryBuilder<ParticipantEntity> {
    return scopeParticipants(manager.createQueryBuilder(ParticipantEntity, 'p'), 'p', access);
  }

  async list(
    access: Access,
    query: ListParticipantsQuery,
  ): Promise<Page<Participant | SupervisedParticipant>> {
    assertFilters(access, 'participants', query);
    const limit = query.limit ?? 50;
    const qb = this.scoped(this.dataSource.manager, access);
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.programmeId) {
      qb.andWhere('p.programme_id = :programmeId', { programmeId: query.programmeId });
    }
    if (query.coachId) qb.andWhere('p.responsible_coach_id = :coachId', { coachId: query.coachId });
    const search = query.search?.trim();
    const personnummer = search ? personnummerSearchOf(search) : null;
    if (personnummer && viewShows(access, 'participant', 'personnummer')) {
      // A personnummer is searched only where the caller may reveal it (never by a supervisor);
      // each shape is an index lookup (the unique key, or the last-four expression index).
      if (personnummer.kind === 'full') {
        qb.andWhere('p.personnummer = :pnr', { pnr: personnummer.digits });
      } else if (personnummer.kind === 'short') {
        qb.andWhere('p.personnummer IN (:pnr19, :pnr20)', {
          pnr19: `19${personnummer.digits}`,
          pnr20: `20${personnummer.digits}`,
        });
      } else {
        qb.andWhere('p.personnummer IS NOT NULL AND right(p.personnummer, 4) = :pnrLast4', {
          pnrLast4: personnummer.digits,
        });
      }
    } else if (search) {
      qb.andWhere(
        `(p.first_name ILIKE :search ESCAPE '\\' OR p.last_name ILIKE :search ESCAPE '\\'
          OR (p.first_name || ' ' || p.last_name) ILIKE :search ESCAPE '\\')`,
        { search: `%${escapeLike(search)}%` },
      );
    }
    if (query.overdue !== undefined) {
      // On the placements the caller sees (a supervisor: their own enterprise's only).
      const own = placementsOfVisibleParticipantSql('ov', access, ':overdueEnterpriseId');
      qb.andWhere(
        `${query.overdue ? '' : 'NOT'} EXISTS (SELECT 1 FROM placements ov
           WHERE ov.participant_id = p.id AND ov.next_follow_up_due < CURRENT_DATE
             AND ov.status IN ('planned', 'active') AND ${own})`,
        { overdueEnterpriseId: access.enterpriseId },
      );
    }
    const after = decodeCursor(query.cursor, SORT_KEYS.length);
    if (after) {
      qb.andWhere(`(${SORT_KEYS.join(', ')}) > (:k0, :k1, :k2, :k3)`, {
        k0: Number(after[0]),
        k1: String(after[1]),
        k2: String(after[2]),
        k3: String(after[3]),
      });
    }
    for (const key of SORT_KEYS) qb.addOrderBy(key, 'ASC');
    const rows = await getPlainMany(qb.limit(limit + 1));
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.present(this.dataSource.manager, access, page),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor([
              last.lastName === null ? 1 : 0,
              (last.lastName ?? '').toLowerCase(),
              (last.firstName ?? '').toLowerCase(),
              last.id,
            ])
          : null,
    };
  }

  async get(access: Access, id: string): Promise<Participant | SupervisedParticipant> {
    const [entity] = await getPlainMany(
      this.scoped(this.dataSource.manager, access).andWhere('p.id = :id', { id }),
    );
    if (!entity) throw notFound();
    const [item] = await this.present(this.dataSource.manager, access, [entity]);
    return orNotFound(item);
  }

  /** The full personnummer, for a coach who asked to see it; the route audits it as a read. */
  async personnummer(access: Access, id: string): Promise<{ personnummer: string | null }> {
    const row = await this.scoped(this.dataSource.manager, access)
      .select(['p.id', 'p.personnummer'])
      .andWhere('p.id = :id', { id })
      .getOne();
    return { personnummer: orNotFound(row).personnummer ?? null };
  }

  async create(access: Access, dto: CreateParticipantDto): Promise<Participant> {
    const id = await this.withUniqueCheck(() =>
      this.dataSource.transaction(async (m) => {
        const programme = await scopeProgrammes(
          m.createQueryBuilder(ProgrammeEntity, 'pr'),
          'pr.id',
          access,
        )
          .andWhere('pr.id = :id', { id: dto.programmeId })
          .getOne();
        // Not yours and not there read the same: a field error on the form, not a hint.
        if (!programme) throw new FieldValidationException({ programmeId: ['No such programme.'] });
        return this.createInTransaction(m, access, programme, dto);
      }),
    );
    const created = await this.get(access, id);
    return created as Participant;
  }

  /**
   * Validates and inserts one participant inside the caller's transaction, in a programme the
   * caller has already found in scope; returns the new id.
   */
  async createInTransaction(
    m: EntityManager,
    access: Access,
    programme: ProgrammeEntity,
    dto: CreateParticipantDto,
  ): Promise<string> {
    const saved = await m.save(await this.newParticipant(m, access, programme, dto, new Map()));
    return saved.id;
  }

  /**
   * The same for many (the spreadsheet import): every one validated as the create route does,
   * then inserted in batches; returns the new ids in the order given. Any invalid one throws
   * before anything is inserted.
   */
  async createManyInTransaction(
    m: EntityManager,
    access: Access,
    programme: ProgrammeEntity,
    dtos: readonly CreateParticipantDto[],
  ): Promise<string[]> {
    const coachOf = new Map<string, boolean>();
    const entities: ParticipantEntity[] = [];
    for (const dto of dtos) {
      entities.push(await this.newParticipant(m, access, programme, dto, coachOf));
    }
    const ids: string[] = [];
    for (let i = 0; i < entities.length; i += INSERT_BATCH) {
      const result = await m
        .createQueryBuilder()
        .insert()
        .into(ParticipantEntity)
        .values(entities.slice(i, i + INSERT_BATCH))
        .returning('id')
        .execute();
      ids.push(...(result.raw as { id: string }[]).map((row) => row.id));
    }
    return ids;
  }

  /**
   * One participant as the create rules make it, not yet saved; the create route and the
   * spreadsheet import both use it, so their rules are the same. `coachOf` caches the coach check.
   */
  private async newParticipant(
    m: EntityManager,
    access: Access,
    programme: ProgrammeEntity,
    dto: CreateParticipantDto,
    coachOf: Map<string, boolean>,
  ): Promise<ParticipantEntity> {
    const reduce = !dto.consent.given || dto.protectedIdentity === true;
    const errors: Record<string, string[]> = {};
    const startYear = yearOf(dto.enrolledAt);
    const consent = {
      consentGiven: dto.consent.given,
      consentDate: dto.consent.date ?? null,
      consentFormVersion: dto.consent.formVersion ?? null,
    };
    let fields: Changes;
    if (reduce) {
      // Reduced from the start: not even the consent's date and form version (DOMAIN.md).
      fields = { ...IDENTIFYING_AND_CASE_FIELDS, reducedAt: new Date() };
      consent.consentDate = null;
      consent.consentFormVersion = null;
    } else {
      if (!dto.firstName) errors['firstName'] = ['firstName is required'];
      if (!dto.lastName) errors['lastName'] = ['lastName is required'];
      const id = this.identity(dto.personnummer, dto.birthYear, null, errors);
      if (id.birthYear === undefined || id.birthYear === null) {
        errors['birthYear'] ??= ['birthYear is required (or give a personnummer)'];
      } else if (id.birthYear > startYear) {
        errors['birthYear'] = ['birthYear cannot be after the year of enrolment'];
      }
      // By default the caller, who must then be a coach of the programme (checked below).
      const coachId = dto.responsibleCoachId !== undefined ? dto.responsibleCoachId : access.userId;
      if (coachId) {
        let isCoach = coachOf.get(coachId);
        if (isCoach === undefined) {
          isCoach = await this.isCoachOf(m, coachId, programme.id);
          coachOf.set(coachId, isCoach);
        }
        if (!isCoach) errors['responsibleCoachId'] = ['Must be a coach of the programme.'];
      }
      fields = {
        firstName: dto.firstName ?? null,
        lastName: dto.lastName ?? null,
        personnummer: id.personnummer ?? null,
        birthYear: id.birthYear ?? null,
        municipality: dto.municipality ?? null,
        education: dto.education ?? null,
        referredBy: dto.referredBy ?? null,
        responsibleCoachId: coachId,
        enrolledAt: dto.enrolledAt,
        startSnapshot: dto.startSnapshot ? snapshotOf(dto.startSnapshot) : null,
        exitSnapshot: null,
        reducedAt: null,
      };
    }
    if (Object.keys(errors).length > 0) throw new FieldValidationException(errors);
    return m.create(ParticipantEntity, {
      ...fields,
      ...consent,
      programmeId: programme.id,
      status: 'active',
      gender: dto.gender,
      startYear,
      startMonth: firstOfMonth(dto.enrolledAt),
      protectedIdentity: dto.protectedIdentity ?? false,
      consentWithdrawnAt: null,
      exitedAt: null,
      exitReason: null,
      erasedAt: null,
      erasureReason: null,
      version: 1,
    });
  }

  /** Turns a unique-personnummer violation into a 409 (public for the import's transaction). */
  withPersonnummerCheck<T>(work: () => Promise<T>): Promise<T> {
    return this.withUniqueCheck(work);
  }

  /**
   * PATCH with optimistic locking: `expectedVersion` (If-Match) must be current, and the write is
   * `UPDATE … WHERE id = $1 AND version = $2`; a lost race answers 409 with the record as it is now.
   */
  async update(
    access: Access,
    id: string,
    dto: UpdateParticipantDto,
    expectedVersion: number | null,
  ): Promise<Participant> {
    return this.withUniqueCheck(() =>
      this.dataSource.transaction(async (m) => {
        const current = orNotFound(
          await this.scoped(m, access).andWhere('p.id = :id', { id }).getOne(),
        );
        if (expectedVersion !== null && expectedVersion !== current.version) {
          throw await this.stale(m, access, current);
        }
        const { fields, reduction } = await this.changesFor(m, current, dto);
        if (Object.keys(fields).length > 0) {
          const result = await m
            .createQueryBuilder()
            .update(ParticipantEntity)
            .set({ ...fields, version: () => 'version + 1' })
            .where('id = :id AND version = :version', { id, version: current.version })
            .execute();
          if (result.affected !== 1) {
            const now = orNotFound(await m.findOneBy(ParticipantEntity, { id }));
            throw await this.stale(m, access, now);
          }
          await this.afterStatusChange(m, access, current, dto);
          // Last, so that it also removes what the status change just wrote (a re-opening).
          if (reduction) await this.reduction.reduce(m, [id], reduction);
        }
        const saved = orNotFound(await m.findOneBy(ParticipantEntity, { id }));
        const [item] = await this.present(m, access, [saved]);
        return orNotFound(item) as Participant;
      }),
    );
  }

  /**
   * Undoes an exit (registered too early or in error), with the reason: the participation is
   * active (or paused) again, the exit is kept in participation_reopenings for the timeline.
   * Placements the exit ended stay ended: a new one is arranged as usual.
   */
  async reopen(
    access: Access,
    id: string,
    dto: ReopenParticipationDto,
    expectedVersion: number | null,
  ): Promise<Participant> {
    return this.dataSource.transaction(async (m) => {
      const current = orNotFound(
        await this.scoped(m, access)
          .andWhere('p.id = :id', { id })
          .setLock('pessimistic_write')
          .getOne(),
      );
      if (expectedVersion !== null && expectedVersion !== current.version) {
        throw await this.stale(m, access, current);
      }
      if (current.status !== 'exited') {
        throw new ConflictException(
          'The participation has not ended: there is nothing to re-open.',
        );
      }
      await m
        .createQueryBuilder()
        .update(ParticipantEntity)
        .set({
          status: dto.status ?? 'active',
          exitedAt: null,
          exitReason: null,
          exitSnapshot: null,
          version: () => 'version + 1',
        })
        .where('id = :id', { id })
        .execute();
      // A reduced record keeps no history of its own: the re-opening is not recorded.
      if (current.reducedAt === null) {
        await recordReopening(m, current, access.userId, dto.reason);
      }
      const saved = orNotFound(await m.findOneBy(ParticipantEntity, { id }));
      const [item] = await this.present(m, access, [saved]);
      return orNotFound(item) as Participant;
    });
  }

  /** Erasure (gallring): identifying data and free text go, the statistical facts stay. */
  async erase(access: Access, id: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      orNotFound(
        await this.scoped(m, access)
          .andWhere('p.id = :id', { id })
          .setLock('pessimistic_write')
          .getOne(),
      );
      await this.reduction.reduce(m, [id], { kind: 'erasure', reason });
    });
  }

  /**
   * The retention job: erases every participation that ended more than RETENTION_MONTHS before
   * `now`, with reason 'retention', in one transaction. Returns how many were erased.
   */
  async eraseDue(now: Date = new Date()): Promise<number> {
    const count = await this.dataSource.transaction(async (m) => {
      const rows: { id: string }[] = await m.query(
        `SELECT id FROM participants
          WHERE erased_at IS NULL AND exited_at IS NOT NULL
            AND exited_at < ($1::date - make_interval(months => $2::int))::date
          ORDER BY id FOR UPDATE`,
        [todayIso(now), this.config.RETENTION_MONTHS],
      );
      const ids = rows.map((r) => r.id);
      if (ids.length === 0) return 0;
      await this.reduction.reduce(m, ids, { kind: 'erasure', reason: 'retention' });
      for (const participantId of ids) {
        await this.audit.write(
          {
            userId: null,
            role: null,
            action: 'delete',
            entity: 'participant',
            entityId: participantId,
            requestId: null,
            ip: null,
            detail: { job: 'retention', retentionMonths: this.config.RETENTION_MONTHS },
          },
          m,
        );
      }
      return ids.length;
    });
    if (count > 0) this.logger.log({ erased: count }, 'Retention job erased participations');
    return count;
  }

  /** Everything about one participation, for the person it concerns (GDPR art. 15). */
  async export(access: Access, id: string): Promise<ParticipantExport> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const entity = orNotFound(
        await this.scoped(m, access).andWhere('p.id = :id', { id }).getOne(),
      );
      const extras = await this.extrasOf(m, [id]);
      const plan: {
        version: number;
        goal: string;
        steps: PlanStep[];
        updated_at: Date;
      }[] = await m.query(
        `SELECT version, goal, steps, updated_at FROM action_plans WHERE participant_id = $1`,
        [id],
      );
      const revisions: { version: number; goal: string; steps: PlanStep[]; created_at: Date }[] =
        await m.query(
          `SELECT version, goal, steps, created_at FROM action_plan_revisions
            WHERE participant_id = $1 ORDER BY version`,
          [id],
        );
      const sessions: {
        id: string;
        at: Date;
        duration_minutes: number;
        kind: SessionKind;
        mode: SessionMode;
        attendance: Attendance;
        notes: string | null;
        attendees: number;
      }[] = await m.query(
        `SELECT s.id, s.at, s.duration_minutes, s.kind, s.mode, a.attendance, s.notes,
                (SELECT count(*)::int FROM session_attendances o WHERE o.session_id = s.id) AS attendees
           FROM session_attendances a JOIN coaching_sessions s ON s.id = a.session_id
          WHERE a.participant_id = $1 ORDER BY s.at, s.id`,
        [id],
      );
      const placements: (Omit<SupervisedPlacementRow, 'next_follow_up_due'> & {
        end_reason: string | null;
        pauses: PlacementPause[];
      })[] = await m.query(
        `SELECT id, participant_id, enterprise_id, kind, start_date::text AS start_date,
                planned_end_date::text AS planned_end_date, actual_end_date::text AS actual_end_date,
                hours_per_week::text AS hours_per_week, status, end_reason, pauses
           FROM placements WHERE participant_id = $1 ORDER BY start_date, id`,
        [id],
      );
      const followUps: {
        id: string;
        placement_id: string;
        date: string;
        mode: FollowUpMode;
        days_present: number;
        days_absent: number;
        wellbeing: number;
        notes: string | null;
        concern: boolean;
        created_at: Date;
      }[] = await m.query(
        `SELECT f.id, f.placement_id, f.date::text AS date, f.mode, f.days_present, f.days_absent,
                f.wellbeing, f.notes, f.concern, f.created_at
           FROM follow_ups f JOIN placements pl ON pl.id = f.placement_id
          WHERE pl.participant_id = $1 ORDER BY f.date, f.id`,
        [id],
      );
      const checkIns: {
        id: string;
        instrument_id: string;
        occasion: CheckInOccasion;
        rater: Rater;
        date: string;
        scores: Record<string, number>;
        ladder: number | null;
        created_at: Date;
      }[] = await m.query(
        `SELECT id, instrument_id, occasion, rater, date::text AS date, scores, ladder, created_at
           FROM check_ins WHERE participant_id = $1 ORDER BY date, id`,
        [id],
      );
      const current = plan[0];
      return {
        exportedAt: new Date().toISOString(),
        participant: toParticipant(entity, extras.get(id) ?? NO_EXTRAS, false),
        reducedAt: entity.reducedAt?.toISOString() ?? null,
        actionPlan: current
          ? {
              version: current.version,
              goal: current.goal,
              steps: current.steps,
              updatedAt: current.updated_at.toISOString(),
              revisions: revisions.map((r) => ({
                version: r.version,
                goal: r.goal,
                steps: r.steps,
                createdAt: r.created_at.toISOString(),
              })),
            }
          : null,
        sessions: sessions.map((s) => ({
          id: s.id,
          at: s.at.toISOString(),
          durationMinutes: s.duration_minutes,
          kind: s.kind,
          mode: s.mode,
          attendance: s.attendance,
          group: s.attendees > 1,
          // Notes of a group session are about the others too: only one-to-one notes go out.
          notes: s.attendees > 1 ? null : s.notes,
        })),
        placements: placements.map((pl) => ({
          id: pl.id,
          participantId: pl.participant_id,
          enterpriseId: pl.enterprise_id,
          kind: pl.kind,
          startDate: pl.start_date,
          plannedEndDate: pl.planned_end_date,
          actualEndDate: pl.actual_end_date,
          hoursPerWeek: pl.hours_per_week === null ? null : Number(pl.hours_per_week),
          status: pl.status,
          endReason: pl.end_reason,
          pauses: pl.pauses,
          followUps: followUps
            .filter((f) => f.placement_id === pl.id)
            .map((f) => ({
              id: f.id,
              date: f.date,
              mode: f.mode,
              daysPresent: f.days_present,
              daysAbsent: f.days_absent,
              wellbeing: f.wellbeing,
              notes: f.notes,
              concern: f.concern,
              createdAt: f.created_at.toISOString(),
            })),
        })),
        checkIns: checkIns.map((c) => ({
          id: c.id,
          instrumentId: c.instrument_id,
          occasion: c.occasion,
          rater: c.rater,
          date: c.date,
          scores: c.scores,
          ladder: c.ladder,
          createdAt: c.created_at.toISOString(),
        })),
      };
    });
  }

  // ---------------------------------------------------------------------------------------------

  /** Entities → the caller's shape: coaches the full record, supervisors the placement view. */
  private async present(
    m: EntityManager,
    access: Access,
    rows: ParticipantEntity[],
  ): Promise<(Participant | SupervisedParticipant)[]> {
    const ids = rows.map((r) => r.id);
    return forView<() => Promise<(Participant | SupervisedParticipant)[]>>(access, {
      full: async () => {
        const extras = await this.extrasOf(m, ids);
        // Masked for everyone: the full number only comes from GET …/personnummer, audited.
        return rows.map((r) => toParticipant(r, extras.get(r.id) ?? NO_EXTRAS, false));
      },
      placement: async () => {
        const [placements, steps] = await Promise.all([
          this.supervisedPlacementsOf(m, ids, access),
          this.stepsOf(m, ids),
        ]);
        return rows.map((r) =>
          toSupervisedParticipant(
            r,
            placements.filter((pl) => pl.participant_id === r.id),
            steps.get(r.id) ?? [],
          ),
        );
      },
    })();
  }

  /** nextStep and overdueFollowUps for a whole page: two queries, whatever the page size. */
  private async extrasOf(m: EntityManager, ids: string[]): Promise<Map<string, ParticipantExtras>> {
    const map = new Map<string, ParticipantExtras>();
    if (ids.length === 0) return map;
    const [steps, overdue] = await Promise.all([
      this.stepsOf(m, ids),
      m.query(
        `SELECT participant_id, count(*)::int AS n FROM placements
          WHERE participant_id = ANY($1::uuid[]) AND next_follow_up_due < CURRENT_DATE
            -- As the due list: nothing is due while a placement is paused.
            AND status IN ('planned', 'active')
          GROUP BY participant_id`,
        [ids],
      ) as Promise<{ participant_id: string; n: number }[]>,
    ]);
    const overdueOf = new Map(overdue.map((r) => [r.participant_id, r.n]));
    for (const id of ids) {
      map.set(id, {
        nextStep: nextStepOf(steps.get(id) ?? []),
        overdueFollowUps: overdueOf.get(id) ?? 0,
      });
    }
    return map;
  }

  private async stepsOf(m: EntityManager, ids: string[]): Promise<Map<string, PlanStep[]>> {
    if (ids.length === 0) return new Map();
    const rows: { participant_id: string; steps: PlanStep[] }[] = await m.query(
      `SELECT participant_id, steps FROM action_plans WHERE participant_id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.participant_id, Array.isArray(r.steps) ? r.steps : []]));
  }

  /** The participants' placements the supervisor sees (their enterprise, the access window). */
  private async supervisedPlacementsOf(
    m: EntityManager,
    ids: string[],
    access: Access,
  ): Promise<SupervisedPlacementRow[]> {
    if (ids.length === 0 || !access.enterpriseId) return [];
    return m.query(
      `SELECT id, participant_id, enterprise_id, kind, start_date::text AS start_date,
              planned_end_date::text AS planned_end_date, actual_end_date::text AS actual_end_date,
              hours_per_week::text AS hours_per_week, status,
              next_follow_up_due::text AS next_follow_up_due
         FROM placements pl
        WHERE participant_id = ANY($1::uuid[])
          AND ${placementsOfVisibleParticipantSql('pl', access, '$2::uuid')}
        ORDER BY start_date, id`,
      [ids, access.enterpriseId],
    );
  }

  private async isCoachOf(m: EntityManager, userId: string, programmeId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM users u JOIN programme_members pm ON pm.user_id = u.id
        WHERE u.id = $1 AND pm.programme_id = $2 AND u.role = 'coach' AND u.disabled_at IS NULL`,
      [userId, programmeId],
    );
    return rows.length > 0;
  }

  /**
   * Personnummer (normalised) and birth year, which must agree when both are known. `undefined`
   * = not given. Errors go into `errors`; the number itself never goes into a message.
   */
  private identity(
    personnummer: string | null | undefined,
    birthYear: number | undefined,
    existingPersonnummer: string | null,
    errors: Record<string, string[]>,
  ): { personnummer: string | null | undefined; birthYear: number | undefined } {
    if (personnummer) {
      const result = validatePersonnummer(personnummer);
      if (!result.valid) {
        errors['personnummer'] = ['personnummer is not valid'];
        return { personnummer: undefined, birthYear };
      }
      if (birthYear !== undefined && birthYear !== result.birthYear) {
        errors['birthYear'] = ['birthYear does not agree with the personnummer'];
      }
      return { personnummer: result.normalised, birthYear: result.birthYear };
    }
    if (birthYear !== undefined && existingPersonnummer && personnummer === undefined) {
      const existing = validatePersonnummer(existingPersonnummer);
      if (existing.valid && existing.birthYear !== birthYear) {
        errors['birthYear'] = ['birthYear does not agree with the personnummer'];
      }
    }
    return { personnummer, birthYear };
  }

  /**
   * What a PATCH changes, validated against the record as it is; `reduction` = the record is
   * reduced now (withdrawal or protected identity), after the update, in its transaction.
   */
  private async changesFor(
    m: EntityManager,
    current: ParticipantEntity,
    dto: UpdateParticipantDto,
  ): Promise<{ fields: Changes; reduction: ReductionCause | null }> {
    const errors: Record<string, string[]> = {};
    const fields: Changes = {};
    const given = Object.keys(dto).filter(
      (key) => (dto as Record<string, unknown>)[key] !== undefined,
    );

    if (current.reducedAt !== null) {
      // Decided: a reduced record holds no case data to edit; status and exit (date and reason)
      // still change, because the funder's statistics count them.
      for (const key of given.filter((k) => k !== 'status' && k !== 'exit')) {
        errors[key] = [REDUCED_MESSAGE];
      }
      if (dto.exit?.snapshot) errors['exit.snapshot'] = ['A reduced record keeps no snapshots.'];
    }

    if (dto.status !== undefined && dto.exit !== undefined) {
      errors['status'] = ['Give either status or exit, not both.'];
    }
    if (dto.status !== undefined && dto.status !== current.status) {
      fields.status = dto.status;
      if (current.status === 'exited') {
        // Re-opening an ended participation (e.g. an exit registered in error).
        Object.assign(fields, { exitedAt: null, exitReason: null, exitSnapshot: null });
      }
    }
    if (dto.exit !== undefined) {
      const start = current.enrolledAt ?? current.startMonth;
      if (dto.exit.date < start) errors['exit.date'] = ['The exit cannot be before the start.'];
      if (dto.exit.date > todayIso()) errors['exit.date'] = ['The exit cannot be in the future.'];
      // A reduced record keeps the exit's month only, and no reason (it may say sick leave).
      const reduced = current.reducedAt !== null;
      Object.assign(fields, {
        status: 'exited',
        exitedAt: reduced ? firstOfMonth(dto.exit.date) : dto.exit.date,
        exitReason: reduced ? null : dto.exit.reason,
        ...(dto.exit.snapshot !== undefined && {
          exitSnapshot: dto.exit.snapshot ? snapshotOf(dto.exit.snapshot) : null,
        }),
      });
    }

    const withdraw =
      dto.consent !== undefined &&
      (dto.consent.given === false || dto.consent.withdrawnAt !== undefined);
    const protect = dto.protectedIdentity === true && !current.protectedIdentity;
    if (dto.consent?.given === true && dto.consent.withdrawnAt !== undefined) {
      errors['consent.withdrawnAt'] = ['A withdrawal cannot come with given: true.'];
    }
    const withdrawnAt = dto.consent?.withdrawnAt ?? todayIso();
    if (withdraw && current.consentDate && withdrawnAt < current.consentDate) {
      errors['consent.withdrawnAt'] = ['The withdrawal cannot be before the consent.'];
    }

    if (current.reducedAt === null && !withdraw && !protect) {
      if (dto.firstName !== undefined) fields.firstName = dto.firstName;
      if (dto.lastName !== undefined) fields.lastName = dto.lastName;
      if (dto.gender !== undefined) fields.gender = dto.gender;
      if (dto.municipality !== undefined) fields.municipality = dto.municipality;
      if (dto.education !== undefined) fields.education = dto.education;
      if (dto.referredBy !== undefined) fields.referredBy = dto.referredBy;
      if (dto.startSnapshot !== undefined) {
        fields.startSnapshot = dto.startSnapshot ? snapshotOf(dto.startSnapshot) : null;
      }
      const id = this.identity(dto.personnummer, dto.birthYear, current.personnummer, errors);
      if (id.personnummer !== undefined) fields.personnummer = id.personnummer;
      if (id.birthYear !== undefined) {
        if (id.birthYear > current.startYear) {
          errors['birthYear'] ??= ['birthYear cannot be after the year of enrolment'];
        }
        fields.birthYear = id.birthYear;
      }
      if (dto.responsibleCoachId !== undefined) {
        if (
          dto.responsibleCoachId !== null &&
          !(await this.isCoachOf(m, dto.responsibleCoachId, current.programmeId))
        ) {
          errors['responsibleCoachId'] = ['Must be a coach of the programme.'];
        }
        fields.responsibleCoachId = dto.responsibleCoachId;
      }
      if (dto.consent?.given === true) fields.consentGiven = true;
      if (dto.consent?.date !== undefined) fields.consentDate = dto.consent.date;
      if (dto.consent?.formVersion !== undefined) {
        fields.consentFormVersion = dto.consent.formVersion;
      }
    }
    if (Object.keys(errors).length > 0) throw new FieldValidationException(errors);

    if (current.reducedAt !== null || (!withdraw && !protect)) return { fields, reduction: null };
    // The flags go with the versioned update; ParticipantReductionService does the rest.
    if (withdraw) Object.assign(fields, { consentGiven: false, consentWithdrawnAt: withdrawnAt });
    if (protect) fields.protectedIdentity = true;
    return {
      fields,
      reduction: withdraw ? { kind: 'withdrawal', withdrawnAt } : { kind: 'protected-identity' },
    };
  }

  /**
   * In the update's transaction: an exit ends the open placements on the same day; a status that
   * re-opens an exited participation is recorded like POST /reopening (without a reason).
   */
  private async afterStatusChange(
    m: EntityManager,
    access: Access,
    current: ParticipantEntity,
    dto: UpdateParticipantDto,
  ): Promise<void> {
    if (dto.exit !== undefined) {
      await endOpenPlacements(m, current, dto.exit.date, todayIso());
    } else if (
      current.status === 'exited' &&
      dto.status !== undefined &&
      current.reducedAt === null
    ) {
      await recordReopening(m, current, access.userId, null);
    }
  }

  private async stale(
    m: EntityManager,
    access: Access,
    current: ParticipantEntity,
  ): Promise<StaleVersionException> {
    const [item] = await this.present(m, access, [current]);
    return new StaleVersionException(
      'The participant was changed by someone else; review the current version and try again.',
      item,
    );
  }

  /** A duplicate personnummer in the programme: 409, without repeating the number. */
  private async withUniqueCheck<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const constraint = (error as QueryFailedError & { constraint?: string }).constraint;
      if (
        error instanceof QueryFailedError &&
        constraint === 'participants_programme_personnummer_key'
      ) {
        throw new ConflictException(
          'A participant with this personnummer is already registered in the programme.',
        );
      }
      throw error;
    }
  }
}

/** Rows per INSERT of an import (about 30 parameters each, far below PostgreSQL's 65 535). */
const INSERT_BATCH = 500;

const NO_EXTRAS: ParticipantExtras = { nextStep: null, overdueFollowUps: 0 };

function snapshotOf(dto: SnapshotDto): Snapshot {
  return {
    incomeSources: dto.incomeSources,
    timeInSupport: dto.timeInSupport ?? null,
    occupation: dto.occupation ?? null,
    occupationPercent: dto.occupationPercent ?? null,
  };
}

/**
 * A caseload search that is a personnummer: 12 digits (`19900101-1234`), 10 digits without the
 * century (`900101-1234`, `+` for someone over 100) or the last four digits. Anything else is a
 * name search.
 */
export function personnummerSearchOf(
  search: string,
): { kind: 'full' | 'short' | 'last4'; digits: string } | null {
  const compact = search.replace(/\s+/g, '');
  if (/^\d{4}$/.test(compact)) return { kind: 'last4', digits: compact };
  const match = /^(\d{6}|\d{8})[-+]?(\d{4})$/.exec(compact);
  if (!match) return null;
  const digits = `${match[1]}${match[2]}`;
  return { kind: digits.length === 12 ? 'full' : 'short', digits };
}
