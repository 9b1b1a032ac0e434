import { NotFoundException } from '@nestjs/common';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
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
