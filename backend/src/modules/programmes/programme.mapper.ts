import type { Programme } from '@stegvis/contracts';
import type { ProgrammeEntity } from './programme.entity';

export function toProgramme(entity: ProgrammeEntity): Programme {
  return {
    id: entity.id,
    name: entity.name,
    periodStart: entity.periodStart,
    periodEnd: entity.periodEnd,
    intakeEnd: entity.intakeEnd,
    targets: entity.targets,
    followUpCadence: entity.followUpCadence,
    suppressionThreshold: entity.suppressionThreshold,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}
