import { type Programme, type ProgrammeTarget, TARGET_KIND_RULES } from '@stegvis/contracts';
import type { ProgrammeEntity } from './programme.entity';

export function toProgramme(entity: ProgrammeEntity): Programme {
  return {
    id: entity.id,
    name: entity.name,
    periodStart: entity.periodStart,
    periodEnd: entity.periodEnd,
    intakeEnd: entity.intakeEnd,
    targets: entity.targets.map(toTarget),
    followUpCadence: entity.followUpCadence,
    suppressionThreshold: entity.suppressionThreshold,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

/** A stored target as the API answers it: every field present, in a fixed order. */
export function toTarget(
  t: Partial<ProgrammeTarget> & Pick<ProgrammeTarget, 'kind'>,
): ProgrammeTarget {
  return {
    kind: t.kind,
    gender: TARGET_KIND_RULES[t.kind].perGender ? (t.gender ?? null) : null,
    unit: t.unit ?? TARGET_KIND_RULES[t.kind].units[0],
    value: t.value ?? null,
    min: t.min ?? null,
    max: t.max ?? null,
    label: t.label ?? null,
    note: t.note ?? null,
  };
}
