import type { ExitReason, PlacementStatus, Snapshot } from '@stegvis/contracts';
import type { EntityManager } from 'typeorm';
import { FieldValidationException } from '../../common/validation';
import { PlacementEntity } from '../placements/placement.entity';
import { applyTransition } from '../placements/placements.service';
import type { ParticipantEntity } from './participant.entity';

/** Placements that are still open when a participation ends. */
export const OPEN_PLACEMENT_STATUSES: readonly PlacementStatus[] = ['planned', 'active', 'paused'];

/** The end reason written on a placement that the exit of its participation ended. */
export const ENDED_BY_EXIT_REASON = 'Deltagandet avslutades';

/**
 * Ends every open placement of a participation on its exit date, in the caller's transaction:
 * active and paused ones end (an open pause closes the day before), planned ones are aborted — the
 * same transitions as `PATCH /api/placements/:id`. A placement that started after the exit date
 * refuses the exit with a field error rather than being ended before it began.
 */
export async function endOpenPlacements(
  m: EntityManager,
  participant: Pick<ParticipantEntity, 'id' | 'reducedAt'>,
  date: string,
  today: string,
): Promise<number> {
  const open = await m
    .createQueryBuilder(PlacementEntity, 'pl')
    .where('pl.participant_id = :id', { id: participant.id })
    .andWhere('pl.status IN (:...open)', { open: OPEN_PLACEMENT_STATUSES })
    .orderBy('pl.start_date')
    .addOrderBy('pl.id')
    .setLock('pessimistic_write')
    .getMany();
  const late = open.find((pl) => pl.status !== 'planned' && pl.startDate > date);
  if (late) {
    throw new FieldValidationException({
      'exit.date': [
        `An open placement started on ${late.startDate}, after the exit date: end it first or choose a later date.`,
      ],
    });
  }
  for (const current of open) {
    const next: PlacementEntity = { ...current, pauses: current.pauses.map((p) => ({ ...p })) };
    // A reduced record keeps no free text, not even this one.
    const reason = participant.reducedAt === null ? ENDED_BY_EXIT_REASON : undefined;
    applyTransition(next, current.status === 'planned' ? 'abort' : 'end', date, reason, today);
    await m
      .createQueryBuilder()
      .update(PlacementEntity)
      .set({
        actualEndDate: next.actualEndDate,
        status: next.status,
        endReason: next.endReason,
        pauses: next.pauses,
        nextFollowUpDue: null,
        version: () => 'version + 1',
      })
      .where('id = :id', { id: current.id })
      .execute();
  }
  return open.length;
}

/** Keeps the exit that a re-opening undoes, so the timeline still shows both. */
export async function recordReopening(
  m: EntityManager,
  current: Pick<ParticipantEntity, 'id' | 'exitedAt' | 'exitReason' | 'exitSnapshot' | 'reducedAt'>,
  userId: string | null,
  reason: string | null,
): Promise<void> {
  const reduced = current.reducedAt !== null;
  await m.query(
    `INSERT INTO participation_reopenings
       (participant_id, reopened_by, reason, previous_exited_at, previous_exit_reason,
        previous_exit_snapshot)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      current.id,
      userId,
      reduced ? null : reason,
      current.exitedAt,
      current.exitReason satisfies ExitReason | null,
      reduced || current.exitSnapshot === null
        ? null
        : JSON.stringify(current.exitSnapshot satisfies Snapshot),
    ],
  );
}
