import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import type {
  ActionPlan,
  ActionPlanDiff,
  ActionPlanRevision,
  Page,
  PlanStep,
  SupervisedActionPlan,
} from '@stegvis/contracts';
import { diffPlans, type PlanContent } from '@stegvis/domain';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Access } from '../../access/decorators';
import { notFound, orNotFound, scopeParticipants } from '../../access/scoping';
import { forView } from '../../access/views';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import { StaleVersionException } from '../../common/if-match';
import { FieldValidationException } from '../../common/validation';
import { ParticipantEntity } from '../participants/participant.entity';
import type { DiffQuery, ListRevisionsQuery, SaveActionPlanDto } from './action-plan.dto';
import { ActionPlanEntity, ActionPlanRevisionEntity } from './action-plan.entity';
import { toActionPlan, toRevision, toSupervisedActionPlan } from './action-plan.mapper';

type ParticipantFacts = Pick<
  ParticipantEntity,
  'id' | 'consentGiven' | 'consentWithdrawnAt' | 'protectedIdentity' | 'reducedAt'
>;

/**
 * Without consent (or after its withdrawal) or with a protected identity, Stegvis keeps no case
 * data for a participation, so such a participant has no plan: it reads as never saved, and a
 * save is refused with 409.
 */
export function keepsNoCaseData(p: ParticipantFacts): boolean {
  return (
    !p.consentGiven || p.consentWithdrawnAt !== null || p.protectedIdentity || p.reducedAt !== null
  );
}

/** A save lost the race: the plan is no longer at the version the caller loaded. */
export class StalePlanException extends StaleVersionException {
  constructor(current: ActionPlan | SupervisedActionPlan) {
    super(
      `The plan was saved by someone else since you loaded it; it is now at version ${current.version}. ` +
        'Review the current plan (in `current`) and save again with that version.',
      current,
    );
  }
}

@Injectable()
export class ActionPlansService {
  constructor(private readonly dataSource: DataSource) {}

  /** The participant if the caller may see them, else 404 — exactly as for one that does not exist. */
  private async participant(
    manager: EntityManager,
    access: Access,
    participantId: string,
  ): Promise<ParticipantFacts> {
    const qb = manager
      .createQueryBuilder(ParticipantEntity, 'p')
      .select([
        'p.id',
        'p.consentGiven',
        'p.consentWithdrawnAt',
        'p.protectedIdentity',
        'p.reducedAt',
      ])
      .where('p.id = :participantId', { participantId });
    return orNotFound(await scopeParticipants(qb, 'p', access).getOne());
  }

  async get(access: Access, participantId: string): Promise<ActionPlan | SupervisedActionPlan> {
    const manager = this.dataSource.manager;
    const participant = await this.participant(manager, access, participantId);
    const plan = keepsNoCaseData(participant)
      ? null
      : await manager.findOneBy(ActionPlanEntity, { participantId });
    // Deny by default: only the full view gets the whole plan.
    return forView(access, { full: toActionPlan, placement: toSupervisedActionPlan })(
      participantId,
      plan,
    );
  }

  /**
   * Saves the whole plan if it is still at `expectedVersion`: a conditional UPDATE (or, for the
   * first save, an INSERT that does nothing on conflict) whose row count says whether this save
   * won, plus the revision, in one transaction. A lost race is a 409 carrying the current plan.
   */
  async save(
    access: Access,
    participantId: string,
    expectedVersion: number,
    dto: SaveActionPlanDto,
  ): Promise<ActionPlan> {
    const steps = this.stepsOf(dto);
    const saved = await this.dataSource.transaction(async (m) => {
      const participant = await this.participant(m, access, participantId);
      if (keepsNoCaseData(participant)) {
        throw new ConflictException(
          'This participant has not consented (or has a protected identity), so Stegvis keeps no action plan for them.',
        );
      }
      await this.refuseForeignStepIds(m, participantId, dto, steps);
      const stepsJson = JSON.stringify(steps);
      let rows: { version: number }[];
      if (expectedVersion === 0) {
        rows = (await m.query(
          `INSERT INTO action_plans (participant_id, version, goal, steps, updated_at, updated_by)
           VALUES ($1, 1, $2, $3::jsonb, now(), $4)
           ON CONFLICT (participant_id) DO NOTHING
           RETURNING version`,
          [participantId, dto.goal, stepsJson, access.userId],
        )) as { version: number }[];
      } else {
        // The driver answers an UPDATE with [rows, rowCount].
        const [updated, count] = (await m.query(
          `UPDATE action_plans
              SET goal = $3, steps = $4::jsonb, version = version + 1,
                  updated_at = now(), updated_by = $5
            WHERE participant_id = $1 AND version = $2
           RETURNING version`,
          [participantId, expectedVersion, dto.goal, stepsJson, access.userId],
        )) as [{ version: number }[], number];
        rows = count === 1 ? updated : [];
      }
      const version = rows[0]?.version;
      if (rows.length !== 1 || version === undefined) return null;
      await m.query(
        `INSERT INTO action_plan_revisions (participant_id, version, goal, steps, created_by)
         VALUES ($1, $2, $3, $4::jsonb, $5)`,
        [participantId, version, dto.goal, stepsJson, access.userId],
      );
      return m.findOneByOrFail(ActionPlanEntity, { participantId });
    });
    if (!saved) throw new StalePlanException(await this.get(access, participantId));
    return toActionPlan(participantId, saved);
  }

  /** Every step with an id (kept when given, new otherwise) and every optional field filled. */
  private stepsOf(dto: SaveActionPlanDto): PlanStep[] {
    const seen = new Set<string>();
    const problems: Record<string, string[]> = {};
    const steps = dto.steps.map((step, index) => {
      const id = step.id?.toLowerCase() ?? randomUUID();
      if (seen.has(id)) problems[`steps.${index}.id`] = ['Two steps have the same id.'];
      seen.add(id);
      return {
        id,
        text: step.text,
        status: step.status,
        dueDate: step.dueDate ?? null,
        responsible: step.responsible ?? null,
        concernsPlacement: step.concernsPlacement ?? false,
      };
    });
    if (Object.keys(problems).length > 0) throw new FieldValidationException(problems);
    return steps;
  }

  /**
   * A step id sent by the client must already belong to this plan: to its current version or to an
   * earlier one (a coach who resolves a conflict may keep a step a colleague removed). Anything else
   * (another plan's step, an invented id) is refused, so no client can plant ids; new steps come
   * without an id and get one from the server.
   */
  private async refuseForeignStepIds(
    m: EntityManager,
    participantId: string,
    dto: SaveActionPlanDto,
    steps: PlanStep[],
  ): Promise<void> {
    const given = steps.filter((_, index) => dto.steps[index]?.id !== undefined).map((s) => s.id);
    if (given.length === 0) return;
    const known = (await m.query(
      `SELECT DISTINCT step->>'id' AS id
         FROM (SELECT steps FROM action_plan_revisions WHERE participant_id = $1
               UNION ALL
               SELECT steps FROM action_plans WHERE participant_id = $1) AS plan
        CROSS JOIN LATERAL jsonb_array_elements(plan.steps) AS step
        WHERE step->>'id' = ANY($2::text[])`,
      [participantId, given],
    )) as { id: string }[];
    const ours = new Set(known.map((row) => row.id));
    const problems: Record<string, string[]> = {};
    dto.steps.forEach((step, index) => {
      const id = steps[index]?.id;
      if (step.id !== undefined && id !== undefined && !ours.has(id)) {
        problems[`steps.${index}.id`] = [
          'This step id does not belong to this plan; leave the id out for a new step.',
        ];
      }
    });
    if (Object.keys(problems).length > 0) throw new FieldValidationException(problems);
  }

  /** Past revisions, newest first. */
  async revisions(
    access: Access,
    participantId: string,
    query: ListRevisionsQuery,
  ): Promise<Page<ActionPlanRevision>> {
    const manager = this.dataSource.manager;
    const participant = await this.participant(manager, access, participantId);
    if (keepsNoCaseData(participant)) return { items: [], nextCursor: null };
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor, 1);
    const qb = manager
      .createQueryBuilder(ActionPlanRevisionEntity, 'r')
      // Only the author's name: the user row holds secrets that never leave the users module.
      .leftJoin('r.author', 'u')
      .addSelect(['u.id', 'u.name'])
      .where('r.participantId = :participantId', { participantId })
      .orderBy('r.version', 'DESC')
      .take(limit + 1);
    if (after) {
      if (typeof after[0] !== 'number') throw new BadRequestException('The cursor is not valid.');
      qb.andWhere('r.version < :after', { after: after[0] });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toRevision),
      nextCursor: rows.length > limit && last ? encodeCursor([last.version]) : null,
    };
  }

  async revision(
    access: Access,
    participantId: string,
    version: number,
  ): Promise<ActionPlanRevision> {
    const manager = this.dataSource.manager;
    const participant = await this.participant(manager, access, participantId);
    if (keepsNoCaseData(participant)) throw notFound();
    return toRevision(
      orNotFound(
        await manager
          .createQueryBuilder(ActionPlanRevisionEntity, 'r')
          .leftJoin('r.author', 'u')
          .addSelect(['u.id', 'u.name'])
          .where('r.participantId = :participantId AND r.version = :version', {
            participantId,
            version,
          })
          .getOne(),
      ),
    );
  }

  /** What changed between two versions; version 0 is the empty plan before the first save. */
  async diff(access: Access, participantId: string, query: DiffQuery): Promise<ActionPlanDiff> {
    const manager = this.dataSource.manager;
    const participant = await this.participant(manager, access, participantId);
    const wanted = [...new Set([query.from, query.to])].filter((v) => v > 0);
    const rows =
      wanted.length === 0 || keepsNoCaseData(participant)
        ? []
        : await manager.findBy(ActionPlanRevisionEntity, { participantId, version: In(wanted) });
    const content = (version: number): PlanContent => {
      if (version === 0) return { goal: '', steps: [] };
      const row = rows.find((r) => r.version === version);
      if (!row) throw notFound();
      return { goal: row.goal, steps: toRevision(row).steps };
    };
    return {
      participantId,
      from: query.from,
      to: query.to,
      ...diffPlans(content(query.from), content(query.to)),
    };
  }
}
