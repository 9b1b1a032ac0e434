import type {
  FollowUp,
  FollowUpCadence,
  FollowUpScheduleItem,
  Placement,
  SupervisedPlacementDetail,
} from '@stegvis/contracts';
import {
  DEFAULT_FOLLOW_UP_CADENCE,
  type FollowUpPlan,
  followUpSchedule,
  type FollowUpStatus,
  followUpStatus,
} from '@stegvis/domain';
import type { FollowUpEntity, PlacementEntity } from './placement.entity';

/** What the cadence needs besides the placement row, loaded for a whole page at once. */
export interface PlacementContext {
  supervisorIds: string[];
  /** Dates of the follow-ups done (YYYY-MM-DD). */
  done: string[];
  /** The programme's cadence as stored (may be `{}` = the default). */
  cadence: Partial<FollowUpCadence> | null;
}

type Schedule = Pick<
  PlacementEntity,
  'startDate' | 'plannedEndDate' | 'actualEndDate' | 'pauses' | 'status'
>;

/** The cadence of the programme merged over the default, so a partial or empty setting works. */
export function cadenceOf(stored: Partial<FollowUpCadence> | null | undefined): FollowUpCadence {
  return { ...DEFAULT_FOLLOW_UP_CADENCE, ...(stored ?? {}) };
}

/** The placement as the cadence rule in libs/domain sees it. */
function followUpPlanOf(
  placement: Schedule,
  done: readonly string[],
  cadence: Partial<FollowUpCadence> | null,
  today: string,
): FollowUpPlan {
  const end = placement.actualEndDate ?? placement.plannedEndDate;
  return {
    start: placement.startDate,
    // An end before the start (a placement aborted before it began) means nothing is due.
    end: end !== null && end < placement.startDate ? placement.startDate : end,
    cadence: cadenceOf(cadence),
    done,
    // A pause still going on counts up to today (or its first day, if that is later).
    pauses: placement.pauses.map((p) => ({
      from: p.from,
      to: p.to ?? (today > p.from ? today : p.from),
    })),
  };
}

/** The follow-up schedule of a placement today, by the rule in libs/domain. */
export function scheduleOf(
  placement: Schedule,
  done: readonly string[],
  cadence: Partial<FollowUpCadence> | null,
  today: string,
): FollowUpStatus {
  return followUpStatus(followUpPlanOf(placement, done, cadence, today), today);
}

/**
 * Every due date from the start to `until` (or the end, if earlier), each done, late, missed or
 * upcoming; a placement that has ended or was aborted has nothing upcoming.
 */
export function scheduleItemsOf(
  placement: Schedule,
  done: readonly string[],
  cadence: Partial<FollowUpCadence> | null,
  today: string,
  until: string,
): FollowUpScheduleItem[] {
  const closed = placement.status === 'ended' || placement.status === 'aborted';
  return followUpSchedule(
    followUpPlanOf(placement, done, cadence, today),
    { from: placement.startDate, to: until },
    today,
  )
    .filter((item) => !(closed && item.status === 'upcoming'))
    .map((item) => ({ due: item.due, doneOn: item.doneOn, status: item.status }));
}

/**
 * The date stored in placements.next_follow_up_due: null once the placement has ended or was
 * aborted, else the next due date by the cadence.
 */
export function nextFollowUpDueOf(
  placement: Schedule,
  done: readonly string[],
  cadence: Partial<FollowUpCadence> | null,
  today: string,
): string | null {
  if (placement.status === 'ended' || placement.status === 'aborted') return null;
  return scheduleOf(placement, done, cadence, today).nextDue;
}

export function toPlacement(
  entity: PlacementEntity,
  context: PlacementContext,
  today: string,
): Placement {
  const closed = entity.status === 'ended' || entity.status === 'aborted';
  const status = scheduleOf(entity, context.done, context.cadence, today);
  const overdue = status.overdue && !closed;
  return {
    id: entity.id,
    participantId: entity.participantId,
    enterpriseId: entity.enterpriseId,
    kind: entity.kind,
    startDate: entity.startDate,
    plannedEndDate: entity.plannedEndDate,
    actualEndDate: entity.actualEndDate,
    hoursPerWeek: entity.hoursPerWeek === null ? null : Number(entity.hoursPerWeek),
    status: entity.status,
    endReason: entity.endReason,
    supervisorIds: [...context.supervisorIds].sort(),
    pauses: entity.pauses,
    followUpStatus: {
      nextDue: closed ? null : status.nextDue,
      overdue,
      daysOverdue: overdue ? status.daysOverdue : 0,
      dueCount: status.dueCount,
      doneCount: status.doneCount,
    },
    version: entity.version,
  };
}

/**
 * What a supervisor sees of a placement: built field by field, so the coach's end reason (free
 * text) and the version (only a coach's edit sends it) are left out by construction.
 */
export function toSupervisedPlacementDetail(
  entity: PlacementEntity,
  context: PlacementContext,
  today: string,
): SupervisedPlacementDetail {
  const full = toPlacement(entity, context, today);
  return {
    id: full.id,
    participantId: full.participantId,
    enterpriseId: full.enterpriseId,
    kind: full.kind,
    startDate: full.startDate,
    plannedEndDate: full.plannedEndDate,
    actualEndDate: full.actualEndDate,
    hoursPerWeek: full.hoursPerWeek,
    status: full.status,
    supervisorIds: full.supervisorIds,
    pauses: full.pauses,
    followUpStatus: full.followUpStatus,
  };
}

export function toFollowUp(entity: FollowUpEntity): FollowUp {
  return {
    id: entity.id,
    placementId: entity.placementId,
    date: entity.date,
    authorId: entity.authorId,
    mode: entity.mode,
    daysPresent: entity.daysPresent,
    daysAbsent: entity.daysAbsent,
    wellbeing: entity.wellbeing,
    notes: entity.notes,
    concern: entity.concern,
    createdAt: entity.createdAt.toISOString(),
  };
}
