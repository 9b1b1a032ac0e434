import type { CheckIn, Instrument, Progression, Rater } from '@stegvis/contracts';
import type { StepProgression } from '@stegvis/domain';
import type { CheckInEntity, InstrumentEntity } from './check-in.entity';

export function toInstrument(entity: InstrumentEntity): Instrument {
  return {
    id: entity.id,
    programmeId: entity.programmeId,
    key: entity.key,
    version: entity.version,
    nameSv: entity.nameSv,
    nameEn: entity.nameEn,
    indicators: entity.indicators,
  };
}

export function toCheckIn(entity: CheckInEntity): CheckIn {
  return {
    id: entity.id,
    participantId: entity.participantId,
    instrumentId: entity.instrumentId,
    occasion: entity.occasion,
    rater: entity.rater,
    date: entity.date,
    scores: entity.scores,
    ladder: entity.ladder,
    createdAt: entity.createdAt.toISOString(),
  };
}

/** Two decimals are plenty on a 1–5 or 1–10 scale. */
function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}

/** The libs/domain result in the contract's shape. */
export function toProgression(participantId: string, result: StepProgression): Progression {
  return {
    participantId,
    indicators: result.byRater.flatMap((byRater) =>
      byRater.indicators.map((i) => ({
        indicator: i.indicator,
        rater: byRater.rater,
        first: i.first,
        latest: i.latest,
        firstDate: i.firstDate,
        latestDate: i.latestDate,
        change: i.change,
      })),
    ),
    meanChange: round(result.overallMeanChange),
    meanChangeByRater: Object.fromEntries(
      result.byRater.map((r) => [r.rater, round(r.meanChange)]),
    ) as Partial<Record<Rater, number | null>>,
    ladder: result.ladder
      ? { first: result.ladder.first, latest: result.ladder.latest, change: result.ladder.change }
      : { first: null, latest: null, change: null },
    movedForward: result.movedForward,
    disagreements: result.disagreements.map((d) => ({
      indicator: d.indicator,
      date: d.date,
      dates: d.dates,
      scores: d.scores,
      spread: d.spread,
    })),
  };
}
