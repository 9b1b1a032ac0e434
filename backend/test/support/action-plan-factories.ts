import type { PlanStep } from '@stegvis/contracts';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** The plan's current version straight from the database; 0 = never saved. */
export async function planVersion(dataSource: DataSource, participantId: string): Promise<number> {
  const rows = (await dataSource.query(
    'SELECT version FROM action_plans WHERE participant_id = $1',
    [participantId],
  )) as { version: number }[];
  return rows[0]?.version ?? 0;
}

export function planStep(overrides: Partial<PlanStep> = {}): PlanStep {
  return {
    id: randomUUID(),
    text: 'Ett steg',
    status: 'planned',
    dueDate: null,
    responsible: null,
    concernsPlacement: false,
    ...overrides,
  };
}

/** Saves a new revision of the plan straight to the database (for tests not about saving). */
export async function savedPlan(
  dataSource: DataSource,
  participantId: string,
  authorId: string,
  content: { goal?: string; steps?: PlanStep[] } = {},
): Promise<number> {
  const goal = content.goal ?? 'Ett arbete inom handeln';
  const steps = JSON.stringify(content.steps ?? [planStep()]);
  return dataSource.transaction(async (m) => {
    const rows = (await m.query(
      `INSERT INTO action_plans (participant_id, version, goal, steps, updated_at, updated_by)
       VALUES ($1, 1, $2, $3::jsonb, now(), $4)
       ON CONFLICT (participant_id) DO UPDATE
         SET version = action_plans.version + 1, goal = EXCLUDED.goal, steps = EXCLUDED.steps,
             updated_at = now(), updated_by = EXCLUDED.updated_by
       RETURNING version`,
      [participantId, goal, steps, authorId],
    )) as { version: number }[];
    const version = rows[0]?.version ?? 1;
    await m.query(
      `INSERT INTO action_plan_revisions (participant_id, version, goal, steps, created_by)
       VALUES ($1, $2, $3, $4::jsonb, $5)`,
      [participantId, version, goal, steps, authorId],
    );
    return version;
  });
}
