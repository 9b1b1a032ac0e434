import { VIEWS } from './permissions';
import { CASE_DATA_RESPONSES, LIST_FILTERS, SHAPES, shapeOf } from './views';

describe('view allowlists', () => {
  it('names only shapes that exist', () => {
    for (const [name, fields] of Object.entries(SHAPES)) {
      for (const [field, spec] of Object.entries(fields)) {
        if (spec !== true)
          expect({ shape: name, field, refersTo: spec in SHAPES }).toEqual({
            shape: name,
            field,
            refersTo: true,
          });
      }
    }
    for (const response of Object.keys(
      CASE_DATA_RESPONSES,
    ) as (keyof typeof CASE_DATA_RESPONSES)[]) {
      for (const view of VIEWS) {
        const shape = shapeOf(response, view);
        if (shape !== undefined) expect(SHAPES).toHaveProperty([shape]);
      }
    }
  });

  it('gives case data only to the full and placement views', () => {
    for (const views of Object.values(CASE_DATA_RESPONSES)) {
      for (const view of Object.keys(views)) expect(['full', 'placement']).toContain(view);
    }
  });

  it('keeps the supervisor’s participant free of coach-only fields, and their filters to what they see', () => {
    const supervised = Object.keys(SHAPES['supervisedParticipant'] ?? {});
    for (const field of [
      'personnummer',
      'status',
      'programmeId',
      'responsibleCoachId',
      'consent',
    ]) {
      expect(supervised).not.toContain(field);
    }
    expect(Object.keys(SHAPES['supervisedPlacementDetail'] ?? {})).not.toContain('endReason');
    expect(LIST_FILTERS.participants.placement).toEqual(['search', 'overdue']);
  });
});
