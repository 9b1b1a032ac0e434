import { NotFoundException } from '@nestjs/common';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Access } from './decorators';

/**
 * Record scoping: each helper turns the caller into a WHERE clause, and every query of that
 * resource goes through it, so lists and single reads cannot disagree.
 */
export function scopeProgrammes<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  programmeIdColumn: string,
  access: Access,
): SelectQueryBuilder<T> {
  switch (access.scope) {
    case 'all':
      return qb;
    case 'programme':
      return access.programmeIds.length === 0
        ? qb.andWhere('FALSE')
        : qb.andWhere(`${programmeIdColumn} IN (:...scopeProgrammeIds)`, {
            scopeProgrammeIds: access.programmeIds,
          });
    case 'enterprise':
    case 'self':
      return qb.andWhere('FALSE');
  }
}

export function scopeEnterprises<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  enterpriseIdColumn: string,
  access: Access,
): SelectQueryBuilder<T> {
  switch (access.scope) {
    case 'all':
      return qb;
    case 'enterprise':
      return access.enterpriseId
        ? qb.andWhere(`${enterpriseIdColumn} = :scopeEnterpriseId`, {
            scopeEnterpriseId: access.enterpriseId,
          })
        : qb.andWhere('FALSE');
    case 'programme':
    case 'self':
      return qb.andWhere('FALSE');
  }
}

/** The one answer for "not there" and "not yours". */
export function notFound(): NotFoundException {
  return new NotFoundException('Not found.');
}

export function orNotFound<T>(value: T | null | undefined): T {
  if (value == null) throw notFound();
  return value;
}

/**
 * The one rule of how long a supervisor sees a placement (DOMAIN.md: access ends with the
 * placement, after a short grace period for the last follow-up): while it is current (planned,
 * active or paused), and for `graceDays` days (SUPERVISOR_GRACE_DAYS) after the day it ended or
 * was aborted. Participant, placement, follow-ups, due list and timeline all use it. `alias` is the
 * placements table's alias; `graceDays` is a validated integer from the configuration.
 */
export function supervisorWindowSql(alias: string, graceDays: number): string {
  const days = Math.max(0, Math.trunc(graceDays));
  return `(${alias}.status IN ('planned', 'active', 'paused')
           OR (${alias}.status IN ('ended', 'aborted') AND ${alias}.actual_end_date IS NOT NULL
               AND ${alias}.actual_end_date >= CURRENT_DATE - ${days}))`;
}

/**
 * The placements (alias `alias`) the caller sees of a participant already found in scope: every one
 * for a coach; for a supervisor, those at their enterprise within the window above.
 * `enterpriseParam` is how the statement refers to the caller's enterprise (`:name` or `$n`).
 */
export function placementsOfVisibleParticipantSql(
  alias: string,
  access: Access,
  enterpriseParam: string,
): string {
  switch (access.scope) {
    case 'programme':
      return 'TRUE';
    case 'enterprise':
      return `(${alias}.enterprise_id = ${enterpriseParam}
               AND ${supervisorWindowSql(alias, access.graceDays)})`;
    case 'all':
    case 'self':
      return 'FALSE';
  }
}

/** The caller's enterprise for placementsOfVisibleParticipantSql (null when not a supervisor's). */
export function enterpriseOfScope(access: Access): string | null {
  return access.scope === 'enterprise' ? access.enterpriseId : null;
}

/**
 * The due follow-ups a caller answers for, on top of scopePlacements: a supervisor, the placements
 * they are assigned to or that have no supervisor assigned; a coach, every one in scope.
 */
export function scopeDueFollowUps<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  access: Access,
): SelectQueryBuilder<T> {
  switch (access.scope) {
    case 'enterprise':
      return qb.andWhere(
        `(EXISTS (SELECT 1 FROM placement_supervisors ps_me
                   WHERE ps_me.placement_id = ${alias}.id AND ps_me.user_id = :scopeMe)
          OR NOT EXISTS (SELECT 1 FROM placement_supervisors ps_any
                          WHERE ps_any.placement_id = ${alias}.id))`,
        { scopeMe: access.userId },
      );
    case 'programme':
      return qb;
    case 'all':
    case 'self':
      return qb.andWhere('FALSE');
  }
}

/**
 * Which participants a caller may see. Coaches: the programmes they belong to. Supervisors: those
 * with a placement at their own enterprise that is current or ended within the grace period
 * (supervisorWindowSql). Erased records are gone for everyone. `alias` is the participants
 * table's alias in the query.
 */
export function participantScopeSql(
  alias: string,
  access: Access,
): { sql: string; params: Record<string, unknown> } {
  const live = `${alias}.erased_at IS NULL`;
  switch (access.scope) {
    case 'programme':
      return access.programmeIds.length === 0
        ? { sql: 'FALSE', params: {} }
        : {
            sql: `${live} AND ${alias}.programme_id IN (:...scopeProgrammeIds)`,
            params: { scopeProgrammeIds: access.programmeIds },
          };
    case 'enterprise':
      return access.enterpriseId
        ? {
            sql: `${live} AND EXISTS (SELECT 1 FROM placements scope_pl
                    WHERE scope_pl.participant_id = ${alias}.id
                      AND scope_pl.enterprise_id = :scopeEnterpriseId
                      AND ${supervisorWindowSql('scope_pl', access.graceDays)})`,
            params: { scopeEnterpriseId: access.enterpriseId },
          }
        : { sql: 'FALSE', params: {} };
    case 'all':
    case 'self':
      return { sql: 'FALSE', params: {} };
  }
}

export function scopeParticipants<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  access: Access,
): SelectQueryBuilder<T> {
  const { sql, params } = participantScopeSql(alias, access);
  return qb.andWhere(sql, params);
}

/**
 * Whether the caller may see participant `id`: the same rule as scopeParticipants, as one plain
 * statement (no query builder: on the hot read routes building it cost more CPU than running it).
 */
export async function participantVisible(
  manager: EntityManager,
  access: Access,
  id: string,
): Promise<boolean> {
  const { sql, params } = participantScopeSql('p', access);
  const [query, values] = manager.connection.driver.escapeQueryWithParameters(
    `SELECT EXISTS (SELECT 1 FROM participants p WHERE p.id = :scopeParticipantId AND ${sql}) AS visible`,
    { ...params, scopeParticipantId: id },
  );
  const [row] = (await manager.query(query, values)) as { visible: boolean }[];
  return row?.visible === true;
}

/**
 * Which placements a caller may see: coaches, those of participants in their programmes;
 * supervisors, the placements at their own enterprise within supervisorWindowSql (current, or
 * ended within the grace period). `alias` is the placements table's alias.
 */
export function scopePlacements<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  access: Access,
): SelectQueryBuilder<T> {
  switch (access.scope) {
    case 'programme':
      return access.programmeIds.length === 0
        ? qb.andWhere('FALSE')
        : qb.andWhere(
            `EXISTS (SELECT 1 FROM participants scope_p WHERE scope_p.id = ${alias}.participant_id
               AND scope_p.erased_at IS NULL AND scope_p.programme_id IN (:...scopeProgrammeIds))`,
            { scopeProgrammeIds: access.programmeIds },
          );
    case 'enterprise':
      return access.enterpriseId
        ? qb.andWhere(
            `${alias}.enterprise_id = :scopeEnterpriseId
               AND ${supervisorWindowSql(alias, access.graceDays)}
               AND EXISTS (SELECT 1 FROM participants scope_p
                            WHERE scope_p.id = ${alias}.participant_id AND scope_p.erased_at IS NULL)`,
            { scopeEnterpriseId: access.enterpriseId },
          )
        : qb.andWhere('FALSE');
    case 'all':
    case 'self':
      return qb.andWhere('FALSE');
  }
}

/**
 * Records of a programme that concern one enterprise (agreements): coaches and leads reach those
 * of their programmes; a supervisor, those of their own enterprise.
 */
export function scopeProgrammeOrEnterprise<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  programmeIdColumn: string,
  enterpriseIdColumn: string,
  access: Access,
): SelectQueryBuilder<T> {
  switch (access.scope) {
    case 'programme':
      return scopeProgrammes(qb, programmeIdColumn, access);
    case 'enterprise':
      return scopeEnterprises(qb, enterpriseIdColumn, access);
    case 'all':
      return qb;
    case 'self':
      return qb.andWhere('FALSE');
  }
}

/**
 * Whether the caller may ask for the records of enterprise `id` through scopeProgrammeOrEnterprise:
 * a supervisor, their own enterprise only; coaches and leads, any enterprise (every one is in their
 * directory; the records themselves stay scoped to their programmes).
 */
export function enterpriseReachable(access: Access, enterpriseId: string): boolean {
  switch (access.scope) {
    case 'enterprise':
      return access.enterpriseId === enterpriseId;
    case 'programme':
    case 'all':
      return true;
    case 'self':
      return false;
  }
}
