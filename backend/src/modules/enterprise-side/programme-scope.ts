import type { EntityManager } from 'typeorm';
import type { Access } from '../../access/decorators';
import { orNotFound, scopeProgrammes } from '../../access/scoping';
import { ProgrammeEntity } from '../programmes/programme.entity';

/** The programme of a nested route, in the caller's scope: else 404, as if it did not exist. */
export async function assertProgrammeInScope(
  m: EntityManager,
  access: Access,
  programmeId: string,
): Promise<void> {
  orNotFound(
    await scopeProgrammes(m.createQueryBuilder(ProgrammeEntity, 'pr'), 'pr.id', access)
      .select('pr.id')
      .andWhere('pr.id = :programmeId', { programmeId })
      .getOne(),
  );
}

/** Inside a write's transaction: the version moved on (answered outside it with the current). */
export class StaleRecord extends Error {
  constructor(what: string) {
    super(`The ${what} was changed by someone else in the meantime; review it and try again.`);
  }
}
