import type { PlanDiff, PlanStep } from '@stegvis/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DiffLine, planDiffLines } from './plan-diff-words';

// The real texts, so the spec reads the sentences a coach reads.
const texts = (lang: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(__dirname, `../../../../../../public/i18n/${lang}.json`), 'utf8'));

function render(lines: DiffLine[], lang: 'sv' | 'en'): string[] {
  const all = texts(lang);
  return lines.map((l) => {
    const text = l.key
      .split('.')
      .reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], all);
    if (typeof text !== 'string') throw new Error(`no text for ${l.key} (${lang})`);
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => l.params[name] ?? `?${name}`);
  });
}

const step = (text: string, extra: Partial<PlanStep> = {}): PlanStep => ({
  id: `id-${text}`,
  text,
  status: 'planned',
  dueDate: null,
  responsible: null,
  concernsPlacement: false,
  ...extra,
});

const empty: PlanDiff = {
  goalChanged: false,
  goal: null,
  added: [],
  removed: [],
  changed: [],
  reordered: false,
};

describe('a plan diff in words', () => {
  it('says what was added, removed and changed, field by field, in Swedish', () => {
    const cv = step('CV', { status: 'done', dueDate: '2026-04-15' });
    const diff: PlanDiff = {
      goalChanged: true,
      goal: { from: 'Arbete', to: 'Arbete i handeln' },
      added: [step('Söka praktik')],
      removed: [step('Studiebesök')],
      changed: [
        {
          id: cv.id,
          step: cv,
          changes: [
            { field: 'status', from: 'in_progress', to: 'done' },
            { field: 'dueDate', from: '2026-04-01', to: '2026-04-15' },
          ],
        },
      ],
      reordered: true,
    };
    expect(render(planDiffLines(diff, 'sv'), 'sv')).toEqual([
      'Målet ändrat från ”Arbete” till ”Arbete i handeln”',
      'Steg ”Söka praktik” tillagt',
      'Steg ”Studiebesök” borttaget',
      'Status för ”CV” ändrad från Pågår till Klart',
      'Klart senast för ”CV” ändrat från 1 apr. 2026 till 15 apr. 2026',
      'Stegen har fått en ny ordning',
    ]);
    expect(render(planDiffLines(diff, 'en'), 'en')).toEqual([
      'Goal changed from “Arbete” to “Arbete i handeln”',
      'Step “Söka praktik” added',
      'Step “Studiebesök” removed',
      'Status of “CV” changed from In progress to Done',
      'Due date of “CV” changed from 1 Apr 2026 to 15 Apr 2026',
      'The steps are in a new order',
    ]);
  });

  it('words a value set for the first time or cleared, a renamed step and the placement flag', () => {
    const renamed = step('Skriva CV', { responsible: 'deltagaren', concernsPlacement: true });
    const diff: PlanDiff = {
      ...empty,
      goalChanged: true,
      goal: { from: '', to: 'Arbete' },
      changed: [
        {
          id: renamed.id,
          step: renamed,
          changes: [
            { field: 'text', from: 'CV', to: 'Skriva CV' },
            { field: 'dueDate', from: '2026-05-01', to: null },
            { field: 'responsible', from: null, to: 'deltagaren' },
            { field: 'concernsPlacement', from: false, to: true },
          ],
        },
      ],
    };
    expect(render(planDiffLines(diff, 'sv'), 'sv')).toEqual([
      'Mål satt: ”Arbete”',
      'Steg ”CV” har bytt namn till ”Skriva CV”',
      'Klart senast för ”Skriva CV” borttaget (var 1 maj 2026)',
      'Ansvarig för ”Skriva CV” satt till deltagaren',
      '”Skriva CV” berör nu placeringen',
    ]);
    const back: PlanDiff = {
      ...empty,
      goalChanged: true,
      goal: { from: 'Arbete', to: '' },
      changed: [
        {
          id: renamed.id,
          step: renamed,
          changes: [
            { field: 'dueDate', from: null, to: '2026-06-01' },
            { field: 'responsible', from: 'coach', to: 'deltagaren' },
            { field: 'responsible', from: 'coach', to: null },
            { field: 'concernsPlacement', from: true, to: false },
          ],
        },
      ],
    };
    expect(render(planDiffLines(back, 'sv'), 'sv')).toEqual([
      'Målet borttaget (var ”Arbete”)',
      'Klart senast för ”Skriva CV” satt till 1 juni 2026',
      'Ansvarig för ”Skriva CV” ändrad från coach till deltagaren',
      'Ansvarig för ”Skriva CV” borttagen (var coach)',
      '”Skriva CV” berör inte längre placeringen',
    ]);
  });

  it('says so when nothing changed', () => {
    expect(render(planDiffLines(empty, 'sv'), 'sv')).toEqual([
      'Inga skillnader mellan versionerna',
    ]);
    expect(render(planDiffLines(empty, 'en'), 'en')).toEqual([
      'No differences between the versions',
    ]);
  });
});
