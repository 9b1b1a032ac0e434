import type { PlanStep } from '@stegvis/contracts';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** Rows around a participant that other features own, written straight to the database. */
export class ParticipantsFactories {
  constructor(private readonly dataSource: DataSource) {}

  step(overrides: Partial<PlanStep> = {}): PlanStep {
    return {
      id: randomUUID(),
      text: 'Ett steg',
      status: 'planned',
      dueDate: null,
      responsible: 'coach',
      concernsPlacement: false,
      ...overrides,
    };
  }

  /** A current plan plus one revision per version up to `version`. */
  async actionPlan(
    participantId: string,
    authorId: string,
    goal: string,
    steps: PlanStep[],
    version = 1,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO action_plans (participant_id, version, goal, steps, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, now(), $5)`,
      [participantId, version, goal, JSON.stringify(steps), authorId],
    );
    for (let v = 1; v <= version; v++) {
      await this.dataSource.query(
        `INSERT INTO action_plan_revisions (participant_id, version, goal, steps, created_by)
         VALUES ($1, $2, $3, $4, $5)`,
        [participantId, v, goal, JSON.stringify(steps), authorId],
      );
    }
  }

  async followUp(placementId: string, authorId: string, notes: string | null): Promise<string> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO follow_ups (placement_id, date, author_id, mode, wellbeing, notes, days_present)
       VALUES ($1, '2026-03-09', $2, 'visit', 4, $3, 4) RETURNING id`,
      [placementId, authorId, notes],
    )) as { id: string }[];
    return row!.id;
  }

  async checkIn(participantId: string, instrumentId: string, authorId: string): Promise<string> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO check_ins (participant_id, instrument_id, occasion, rater, date, scores, ladder, created_by)
       VALUES ($1, $2, 'start', 'coach', '2026-03-01', '{"work": 2}', 1, $3) RETURNING id`,
      [participantId, instrumentId, authorId],
    )) as { id: string }[];
    return row!.id;
  }

  async row(participantId: string): Promise<Record<string, unknown>> {
    const [row] = (await this.dataSource.query(`SELECT * FROM participants WHERE id = $1`, [
      participantId,
    ])) as Record<string, unknown>[];
    return row!;
  }
}

/** A valid personnummer (Luhn over the last 10 digits) for a birth date `YYYYMMDD`. */
export function personnummerFor(
  birthDate: string,
  serial = Math.floor(Math.random() * 1000),
): string {
  const base = `${birthDate}${String(serial).padStart(3, '0')}`;
  const digits = base.slice(2).split('').map(Number);
  const sum = digits.reduce((acc, d, i) => {
    const v = i % 2 === 0 ? d * 2 : d;
    return acc + (v > 9 ? v - 9 : v);
  }, 0);
  return `${base}${(10 - (sum % 10)) % 10}`;
}
