import type { Gender } from './codes';

/*
 * Programme targets as a catalogue (issue 13): a list of targets, each of a kind, optionally for one
 * gender, with a value ("at least") or a range (min and/or max). Each kind is evaluated by one
 * function in the report (backend/src/modules/reports/targets-table.ts); a new kind — e.g. the
 * enterprise side's agreements or new social enterprises — is a new code here, a rule below and an
 * evaluator there (the Record types make a missing one a compile error).
 */

export const TARGET_KINDS = [
  'participants',
  'placements',
  'sessions_per_participant',
  'gender_split',
  'exits_to_work_or_studies',
  // The enterprise side (issue 14): "3 avtal har slutits (5 var målet)".
  'agreements_concluded',
  'enterprises_started',
  'advice_sessions',
  'people_advised',
  'enterprise_events',
] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** What a target's figures count: people or events (`count`), a share in percent, or a mean. */
export const TARGET_UNITS = ['count', 'percent', 'mean'] as const;
export type TargetUnit = (typeof TARGET_UNITS)[number];

export interface TargetKindRule {
  /** The units the kind can be set in; the first is the default. */
  units: readonly TargetUnit[];
  /** Whether a target of this kind may name one gender (none = all participants). */
  perGender: boolean;
}

export const TARGET_KIND_RULES: Record<TargetKind, TargetKindRule> = {
  participants: { units: ['count'], perGender: true },
  placements: { units: ['count'], perGender: false },
  sessions_per_participant: { units: ['mean'], perGender: false },
  gender_split: { units: ['percent'], perGender: false },
  exits_to_work_or_studies: { units: ['count', 'percent'], perGender: true },
  agreements_concluded: { units: ['count'], perGender: false },
  enterprises_started: { units: ['count'], perGender: false },
  advice_sessions: { units: ['count'], perGender: false },
  people_advised: { units: ['count'], perGender: true },
  enterprise_events: { units: ['count'], perGender: false },
};

/** A programme has a handful of targets; more than this is a mistake. */
export const MAX_TARGETS = 40;

export interface ProgrammeTarget {
  kind: TargetKind;
  /** Only for per-gender kinds; null = everyone (or a kind without gender). */
  gender: Gender | null;
  unit: TargetUnit;
  /** A single goal, met when the actual figure is at least this. null when a range is set. */
  value: number | null;
  /** A range: met when min ≤ actual ≤ max; either end may be open (null). */
  min: number | null;
  max: number | null;
  /** Optional short wording, e.g. the funder's own phrase. */
  label: string | null;
  note: string | null;
}

/** What the admin form and the API take: gender, unit, label and note may be left out. */
export interface ProgrammeTargetInput {
  kind: TargetKind;
  gender?: Gender | null;
  unit?: TargetUnit;
  value?: number | null;
  min?: number | null;
  max?: number | null;
  label?: string | null;
  note?: string | null;
}

export type ProgrammeTargets = ProgrammeTarget[];

/** A target's row in the report's `targets` table. */
export const TARGET_STATUSES = ['met', 'not_met', 'cannot_be_shown'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/**
 * The row label of a target in the report: the kind with its gender or `total`, in the codes the
 * report used before the catalogue (`participants_female`, `participants_placed`,
 * `gender_split_female_percent`), and `_percent_` for a share of exits.
 */
export function targetCode(target: Pick<ProgrammeTarget, 'kind' | 'gender' | 'unit'>): string {
  const who = target.gender ?? 'total';
  switch (target.kind) {
    case 'participants':
      return `participants_${who}`;
    case 'placements':
      return 'participants_placed';
    case 'sessions_per_participant':
      return 'sessions_per_participant';
    case 'gender_split':
      return 'gender_split_female_percent';
    case 'exits_to_work_or_studies':
      return target.unit === 'percent'
        ? `exits_to_work_or_studies_percent_${who}`
        : `exits_to_work_or_studies_${who}`;
    case 'agreements_concluded':
      return 'agreements_concluded';
    case 'enterprises_started':
      return 'enterprises_started_total';
    case 'advice_sessions':
      return 'advice_sessions_total';
    case 'people_advised':
      return `people_advised_${who}`;
    case 'enterprise_events':
      return 'enterprise_events_held';
  }
}

/**
 * The goal as the report publishes it: a plain value as a number (a percent value as "50 %"),
 * a range as "8–12" or "40–60 %", an open range as "≥ 8" or "≤ 12".
 */
export function targetGoal(
  target: Pick<ProgrammeTarget, 'unit' | 'value' | 'min' | 'max'>,
): number | string {
  const unit = target.unit === 'percent' ? ' %' : '';
  if (target.value !== null) return unit ? `${target.value}${unit}` : target.value;
  if (target.min !== null && target.max !== null) return `${target.min}–${target.max}${unit}`;
  if (target.min !== null) return `≥ ${target.min}${unit}`;
  return `≤ ${target.max ?? ''}${unit}`;
}
